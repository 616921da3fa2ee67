// The coaching panel's buttons on /interviews/:id: create the candidate's link (shown once) or revoke it.
import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { requireInterviewAccess } from "~/models/candidates/candidate-access.server";
import { getAgency } from "~/models/agency/agency.server";
import { CoachingLinkActionSchema } from "~/models/recovery/coaching-forms";
import { createCoachingLink, revokeCoachingLink } from "~/models/recovery/coaching.server";
import { formatDateTime } from "~/utils/dates";
import { env } from "~/utils/env.server";
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
  const submission = parseWithZod(await request.formData(), { schema: CoachingLinkActionSchema });
  if (submission.status !== "success") {
    return redirectWithToast(request, here, { kind: "error", message: "That didn't work. Reload the page and try again." });
  }
  const actor = { userId: user.id };
  const value = submission.value;
  try {
    if (value.intent === "create-link") {
      const link = await createCoachingLink(value.runId, actor, { interviewId });
      const { timeZone } = await getAgency();
      return redirectWithToast(request, here, {
        kind: "success",
        message:
          `${link.replacedPrevious ? "New candidate link created; the previous link no longer works. " : "Candidate link created. "}` +
          `Copy it now and send it to the candidate: it is shown only this once and works until ${formatDateTime(link.expiresAt, timeZone)}.`,
        detail: `${env.APP_URL}/coach/${link.token}`,
      });
    }
    await revokeCoachingLink(value.linkId, actor, { interviewId });
    return redirectWithToast(request, here, {
      kind: "success",
      message: "Candidate link revoked. It no longer opens the candidate's page.",
    });
  } catch (error) {
    if (error instanceof RuleViolation) return redirectWithToast(request, here, { kind: "error", message: error.message });
    throw error;
  }
}
