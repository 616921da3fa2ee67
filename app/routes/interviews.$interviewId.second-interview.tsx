// The "Second interview" panel's forms on /interviews/:id: record a request, its answer, schedule the second
// interview, record the outcome. Refused input comes back as field errors (the panel's fetchers show them).
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireInterviewAccess } from "~/models/candidate-access.server";
import { getAgency } from "~/models/agency.server";
import { candidacyOutcomes, candidateStatuses, requestResponses } from "~/models/enums";
import { secondInterviewSchema } from "~/models/second-interview-forms";
import {
  recordOutcome,
  recordRequestResponse,
  recordSecondInterviewRequest,
  scheduleSecondInterview,
} from "~/models/second-interview.server";
import { RuleViolation } from "~/utils/errors.server";
import { redirectWithToast, requireUser } from "~/utils/session.server";

const interviewPath = (interviewId: string | undefined) => `/interviews/${encodeURIComponent(interviewId ?? "")}`;

// Nothing to show here: the panel lives on the interview page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requireInterviewAccess(user, params.interviewId ?? "");
  throw redirect(interviewPath(params.interviewId));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await requireInterviewAccess(user, params.interviewId ?? "");
  const interviewId = params.interviewId ?? "";
  const here = interviewPath(interviewId);
  const { timeZone } = await getAgency();
  const submission = parseWithZod(await request.formData(), { schema: secondInterviewSchema(timeZone) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const actor = { userId: user.id };
  const value = submission.value;
  const done = (message: string) => redirectWithToast(request, here, { kind: "success", message });
  try {
    switch (value.intent) {
      case "record-request": {
        const { text } = await recordSecondInterviewRequest(interviewId, value, actor);
        return done(`Second-interview request recorded: ${text}.`);
      }
      case "record-response": {
        const { response } = await recordRequestResponse({ interviewId, requestId: value.requestId }, value, actor);
        return done(
          response === "granted"
            ? "Second interview granted. Schedule it below."
            : response === "pending"
              ? "The request is pending again."
              : `Answer recorded: ${requestResponses.label(response).toLowerCase()}.`,
        );
      }
      case "schedule-second-interview": {
        await scheduleSecondInterview({ interviewId, requestId: value.requestId }, value, actor);
        return done("Second interview scheduled.");
      }
      case "record-outcome": {
        // On this page the outcome is for this interview's application, whatever the form says.
        const { candidateStatus, statusChanged } = await recordOutcome({ ...value, interviewId }, actor);
        return done(
          `Outcome recorded: ${candidacyOutcomes.label(value.outcome)}.` +
            (statusChanged ? ` The candidate is now ${candidateStatuses.label(candidateStatus).toLowerCase()}.` : ""),
        );
      }
    }
  } catch (error) {
    if (error instanceof RuleViolation) {
      const reply = submission.reply(
        error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] },
      );
      return data({ result: reply }, { status: 400 });
    }
    throw error;
  }
}
