// The inbox's form action, shared by the dashboard and the full lists (/inbox/<section>): mark a call done, mark
// the candidates' activity as seen. Decision 008's contract; success returns to the page that posted.
import { parseWithZod } from "@conform-to/zod";
import { requireInterviewAccess } from "~/models/candidates/candidate-access.server";
import { InboxActionSchema } from "~/models/dashboard/inbox-forms";
import { markActivitySeen } from "~/models/dashboard/inbox.server";
import { tickStep } from "~/models/recovery/checklist.server";
import { RuleViolation } from "./errors.server";
import { invalidForm, ruleViolationReply } from "./form-reply.server";
import { redirectWithToast, requireUser } from "./session.server";

export async function inboxAction(request: Request) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: InboxActionSchema });
  const stepStateId = String(formData.get("stepStateId") ?? "");
  if (submission.status !== "success") {
    return invalidForm(submission, formData.get("intent") === "mark-seen" ? "mark-seen" : "call-done", { stepStateId });
  }
  // Back to the same view: the same list page, a manager's chosen recruiter still chosen.
  const url = new URL(request.url);
  url.searchParams.delete("index");
  const back = `${url.pathname}${url.search}`;
  const value = submission.value;
  switch (value.intent) {
    case "call-done": {
      await requireInterviewAccess(user, value.interviewId);
      try {
        await tickStep({ interviewId: value.interviewId, stepStateId: value.stepStateId }, { userId: user.id });
      } catch (error) {
        // Refused (already done, recovery closed…): the message goes beside this item's button.
        if (error instanceof RuleViolation) return ruleViolationReply(submission, error, "call-done", { stepStateId });
        throw error;
      }
      return redirectWithToast(request, back, { kind: "success", message: "Call marked done." });
    }
    case "mark-seen":
      await markActivitySeen(user.id, value.shownAt);
      return redirectWithToast(request, back, { kind: "success", message: "Candidate activity marked as seen." });
  }
}
