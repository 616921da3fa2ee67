// One interview: its details, its flag (raise, edit, remove) and the recovery it started (the 24-hour window, close,
// reopen, snooze), and the recovery checklist (mark done, skip, undo, notes).
import type { StaffActor } from "~/models/audit/events";
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireInterviewAccess } from "~/models/candidates/candidate-access.server";
import { RecoveryChecklist, type StepActionResult } from "~/components/checklist";
import { Announcer } from "~/components/announcer";
import { CoachingPanel } from "~/components/coaching-panel";
import interviewStyles from "~/styles/interview.css";
import { SecondInterviewPanel } from "~/components/second-interview-panel";
import { CheckInStatus } from "~/components/check-in-status";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FlagForm } from "~/components/flag-form";
import { ErrorList, SubmitButton } from "~/components/forms";
import { ChecklistActionSchema, isChecklistIntent } from "~/models/recovery/checklist-forms";
import { getChecklistForInterview, noteStep, reopenStep, skipStep, tickStep } from "~/models/recovery/checklist.server";
import { CoachingLinkActionSchema, isCoachingLinkIntent } from "~/models/recovery/coaching-forms";
import { createCoachingLink, getCoachingPanel, revokeCoachingLink } from "~/models/recovery/coaching.server";
import { env } from "~/utils/env.server";
import { getAgency } from "~/models/agency/agency.server";
import { isSecondInterviewIntent, secondInterviewSchema } from "~/models/second-interviews/second-interview-forms";
import {
  getSecondInterviewPanel,
  recordOutcome,
  recordRequestResponse,
  recordSecondInterviewRequest,
  scheduleSecondInterview,
} from "~/models/second-interviews/second-interview.server";
import {
  candidacyOutcomes,
  candidateStatuses,
  closingReasons,
  flagReasons,
  flagSeverities,
  flagSources,
  impressions,
  interviewFormats,
  interviewRounds,
  requestResponses,
} from "~/models/enums";
import { InterviewActionSchema } from "~/models/flags/flag-forms";
import { editFlag, flagInterview, removeFlag } from "~/models/flags/flag.server";
import { isRecoveryIntent, recoverySchema } from "~/models/recovery/recovery-forms";
import { closeRecoveryByHand, reopenRecovery, snoozeRecovery, wakeRecovery } from "~/models/recovery/lifecycle.server";
import { CloseRecoveryForm, RecoveryStatus, SnoozeRecoveryForm } from "~/components/recovery-status";
import { CandidateReminders } from "~/components/candidate-reminders";
import { candidateRemindersSchema, isCandidateRemindersIntent } from "~/models/recovery/candidate-reminder-forms";
import { getCandidateReminderPanel, setCandidateReminders } from "~/models/recovery/candidate-reminders.server";
import { getInterviewPage } from "~/models/interviews/interview.server";
import { lateFlagNotice } from "~/models/recovery/rules";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { RuleViolation } from "~/utils/errors.server";
import { invalidForm, ruleViolationReply, unlessRefused } from "~/utils/form-reply.server";
import { buttonFormErrors } from "~/utils/form-reply";
import { StaleEdit } from "~/models/stale-edit.server";
import { invariantResponse } from "~/utils/http.server";
import { redirectWithToast, requireUser } from "~/utils/session.server";
import { useTimeZone } from "~/utils/use-time-zone";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Interview: ${data.interview.candidate.name} at ${data.interview.company.name} · Rebound` : "Interview · Rebound" },
];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: interviewStyles }];

const views = ["new", "edit", "remove", "close", "snooze"] as const;
type FlagView = (typeof views)[number] | null;

async function loadInterview(interviewId: string | undefined) {
  const interview = interviewId && interviewId.length <= 40 ? await getInterviewPage(interviewId) : null;
  invariantResponse(interview, "We couldn't find that interview. It may have been deleted, or the link is wrong.");
  return interview;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requireInterviewAccess(user, params.interviewId ?? "");
  const interview = await loadInterview(params.interviewId);
  const [checklist, coaching, secondInterview, candidateReminders] = await Promise.all([
    getChecklistForInterview(interview.id),
    getCoachingPanel(interview.id),
    getSecondInterviewPanel(interview.id),
    interview.flag ? getCandidateReminderPanel(interview.flag.id) : null,
  ]);
  const requested = new URL(request.url).searchParams.get("flag");
  const view = (views as readonly (string | null)[]).includes(requested) ? (requested as FlagView) : null;
  // "now" comes from the server so the time left reads the same in the HTML and after hydration.
  return { interview, checklist, coaching, secondInterview, candidateReminders, view, now: new Date().toISOString() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await requireInterviewAccess(user, params.interviewId ?? "");
  const interview = await loadInterview(params.interviewId);
  const formData = await request.formData();
  const here = `/interviews/${interview.id}`;
  const done = (message: string) => redirectWithToast(request, here, { kind: "success", message });
  const actor = { userId: user.id };
  const intent = formData.get("intent");
  if (isChecklistIntent(intent)) return checklistAction(formData, interview.id, actor, done);
  if (isSecondInterviewIntent(intent)) return secondInterviewAction(formData, interview.id, actor, done);
  if (isCoachingLinkIntent(intent)) return coachingLinkAction(request, formData, interview.id, actor);
  if (isRecoveryIntent(intent)) return recoveryAction(formData, interview.id, actor, done);
  if (isCandidateRemindersIntent(intent)) return candidateRemindersAction(formData, interview.id, actor, done);
  const submission = parseWithZod(formData, { schema: InterviewActionSchema });
  if (submission.status !== "success") return invalidForm(submission, null, { currentVersion: undefined as string | undefined });
  const value = submission.value;
  try {
    switch (value.intent) {
      case "flag": {
        await flagInterview(interview.id, value, actor);
        const late = lateFlagNotice(interview, new Date());
        return done(late ? `Interview flagged and its recovery checklist started. ${late}` : "Interview flagged and its recovery checklist started: call the candidate.");
      }
      case "edit-flag":
        await editFlag({ interviewId: interview.id, flagId: value.flagId }, value, actor);
        return done("Flag updated.");
      case "remove-flag":
        await removeFlag({ interviewId: interview.id, flagId: value.flagId }, actor);
        return done("Flag removed. The interview is no longer flagged, its checklist was cancelled and its recovery closed.");
    }
  } catch (error) {
    if (error instanceof RuleViolation) {
      // A refused stale edit hands back the current version: saving again replaces the other edit.
      return ruleViolationReply(submission, error, value.intent, { currentVersion: error instanceof StaleEdit ? error.currentVersion : undefined });
    }
    throw error;
  }
}

/** The coaching panel's buttons: create the candidate's link (shown once, in this answer) or revoke it. */
async function coachingLinkAction(request: Request, formData: FormData, interviewId: string, actor: StaffActor) {
  const here = `/interviews/${interviewId}`;
  const submission = parseWithZod(formData, { schema: CoachingLinkActionSchema });
  if (submission.status !== "success") return invalidForm(submission, String(formData.get("intent")));
  const value = submission.value;
  return unlessRefused(
    submission,
    async () => {
      if (value.intent === "create-link") {
        const link = await createCoachingLink(value.runId, actor, { interviewId });
        // The token is in this one answer and nowhere else (no redirect, no flash cookie, never cached): the panel
        // shows it in a dialog, or without JavaScript in the panel itself.
        const createdLink = { url: `${env.APP_URL}/coach/${link.token}`, expiresAt: link.expiresAt.toISOString(), replacedPrevious: link.replacedPrevious };
        return data({ intent: value.intent, result: submission.reply(), createdLink }, { headers: { "Cache-Control": "no-store" } });
      }
      await revokeCoachingLink(value.linkId, actor, { interviewId });
      return redirectWithToast(request, here, { kind: "success", message: "Candidate link revoked. It no longer opens the candidate's page." });
    },
    value.intent,
  );
}

/** The recovery's own forms: close by hand, reopen, snooze, wake. */
async function recoveryAction(formData: FormData, interviewId: string, actor: StaffActor, done: (message: string) => Promise<Response>) {
  const { timeZone } = await getAgency();
  const submission = parseWithZod(formData, { schema: recoverySchema(timeZone) });
  if (submission.status !== "success") return invalidForm(submission, String(formData.get("intent")));
  const value = submission.value;
  const ref = { interviewId, flagId: value.flagId };
  return unlessRefused(
    submission,
    async () => {
      switch (value.intent) {
        case "close-recovery": {
          const { candidateStatus } = await closeRecoveryByHand(ref, value, actor);
          return done(`Recovery closed: ${closingReasons.label(value.reason).toLowerCase()}. The candidate is ${candidateStatuses.label(candidateStatus).toLowerCase()}.`);
        }
        case "reopen-recovery":
          await reopenRecovery(ref, actor);
          return done("Recovery reopened: it is back in the queues, and steps not done are to do again.");
        case "snooze-recovery":
          await snoozeRecovery(ref, value, actor);
          return done(`Recovery snoozed until ${formatDateTime(value.until, timeZone)}. It comes back in the queues then.`);
        case "wake-recovery":
          await wakeRecovery(ref, actor);
          return done("Snooze ended: the recovery is back in the queues.");
      }
    },
    value.intent,
  );
}

/** The recovery's "Remind the candidate" switch: on (scheduling the first reminder) or off. */
async function candidateRemindersAction(formData: FormData, interviewId: string, actor: StaffActor, done: (message: string) => Promise<Response>) {
  const submission = parseWithZod(formData, { schema: candidateRemindersSchema });
  if (submission.status !== "success") return invalidForm(submission, String(formData.get("intent")));
  const { flagId, on } = submission.value;
  return unlessRefused(
    submission,
    async () => {
      const { nextAt } = await setCandidateReminders({ interviewId, flagId }, on, actor);
      if (!on) return done("Candidate reminders are off.");
      const { timeZone } = await getAgency();
      return done(
        nextAt
          ? `Candidate reminders are on: the next one goes out ${formatDateTime(nextAt, timeZone)} (${describeTimeZone(timeZone)}).`
          : "Candidate reminders are on; none is planned right now.",
      );
    },
    submission.value.intent,
  );
}

/** The "Second interview" panel's forms: a request, its answer, the second interview, the outcome. */
async function secondInterviewAction(formData: FormData, interviewId: string, actor: StaffActor, done: (message: string) => Promise<Response>) {
  const { timeZone } = await getAgency();
  const submission = parseWithZod(formData, { schema: secondInterviewSchema(timeZone) });
  if (submission.status !== "success") return invalidForm(submission, String(formData.get("intent")));
  const value = submission.value;
  return unlessRefused(
    submission,
    async () => {
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
    },
    value.intent,
  );
}

async function checklistAction(
  formData: FormData,
  interviewId: string,
  actor: StaffActor,
  done: (message: string) => Promise<Response>,
) {
  const submission = parseWithZod(formData, { schema: ChecklistActionSchema });
  if (submission.status !== "success") return invalidForm(submission, String(formData.get("intent")));
  const { intent, stepStateId, note } = submission.value;
  const baseVersion = submission.value.intent === "step-note" ? submission.value.baseVersion : undefined;
  const ref = { interviewId, stepStateId };
  try {
    switch (intent) {
      case "step-done": {
        const { completed } = await tickStep(ref, actor, note);
        return done(completed ? "Step done. Every step is done or skipped: the checklist is complete." : "Step marked done.");
      }
      case "step-skip": {
        const { completed } = await skipStep(ref, actor, note);
        return done(completed ? "Step skipped. Every step is done or skipped: the checklist is complete." : "Step skipped.");
      }
      case "step-reopen": {
        const { reopened } = await reopenStep(ref, actor);
        return done(reopened ? "Step back to do. The checklist is open again." : "Step back to do.");
      }
      case "step-note": {
        const { changed } = await noteStep(ref, actor, note, baseVersion);
        return done(changed ? "Note saved." : "The note was already saved.");
      }
    }
  } catch (error) {
    if (error instanceof RuleViolation) {
      // Shown at the step, whatever field the rule names.
      const atStep = new RuleViolation(error.message);
      return ruleViolationReply(submission, atStep, intent, { currentVersion: error instanceof StaleEdit ? error.currentVersion : undefined });
    }
    throw error;
  }
}

function Detail({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default function InterviewPage() {
  const { interview, checklist, coaching, secondInterview, candidateReminders, view, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const timeZone = useTimeZone();
  const zone = describeTimeZone(timeZone);
  const focusRef = useRef<HTMLHeadingElement>(null);
  const flag = interview.flag;
  const here = `/interviews/${interview.id}`;
  const lastResult = (actionData?.result ?? null) as SubmissionResult<string[]> | null;
  // A refused checklist action shows its message at its step, not in the flag panel.
  const stepRefused: StepActionResult = isChecklistIntent(lastResult?.initialValue?.intent)
    ? {
        stepStateId: String(lastResult?.initialValue?.stepStateId ?? ""),
        note: typeof lastResult?.initialValue?.note === "string" ? lastResult.initialValue.note : undefined,
        errors: Object.values(lastResult?.error ?? {}).flatMap((e) => e ?? []),
        currentVersion: (actionData && "currentVersion" in actionData && actionData.currentVersion) || undefined,
      }
    : null;
  // A refused form of the second-interview panel shows there (this is the no-JavaScript path; fetchers keep their own).
  const secondInterviewReply = actionData && isSecondInterviewIntent(actionData.intent) ? actionData : null;
  const coachingReply = actionData && isCoachingLinkIntent(actionData.intent) ? actionData : null;
  const coachingRefusal = coachingReply ? buttonFormErrors(coachingReply) : null;
  const createdLink = coachingReply && "createdLink" in coachingReply ? coachingReply.createdLink : null;
  const recoveryReply = actionData && isRecoveryIntent(actionData.intent) ? lastResult : null;
  const remindersReply = actionData && isCandidateRemindersIntent(actionData.intent) ? actionData : null;
  const result = stepRefused || secondInterviewReply || coachingReply || recoveryReply || remindersReply ? null : lastResult;
  // After a refused submission the form stays open with its errors, whatever the URL says.
  const submitted = result?.initialValue?.intent;
  const showNewForm = !flag && (view === "new" || submitted === "flag");
  const showEditForm = Boolean(flag) && (view === "edit" || submitted === "edit-flag");
  const showRemove = Boolean(flag) && view === "remove" && !result;
  const recoveryOpen = Boolean(flag && !flag.closedAt);
  const refusedIntent = recoveryReply?.initialValue?.intent;
  const showClose = recoveryOpen && (view === "close" || refusedIntent === "close-recovery");
  const showSnooze = recoveryOpen && (view === "snooze" || refusedIntent === "snooze-recovery");
  // A refused reopen or wake has no form of its own: its message shows at the top of the panel.
  const recoveryButtonErrors = refusedIntent === "reopen-recovery" || refusedIntent === "wake-recovery" ? Object.values(recoveryReply?.error ?? {}).flat() : null;
  const stateErrors =
    result && !showNewForm && !showEditForm
      ? Object.values(result.error ?? {}).flat()
      : null;

  useEffect(() => {
    if (view) focusRef.current?.focus();
  }, [view]);

  return (
    <Announcer>
    <article aria-labelledby="interview-title" className="interview-page">
      <h1 id="interview-title">
        Interview: {interview.candidate.name} at {interview.company.name}
      </h1>
      <div className="interview-columns">
      <div className="interview-main">
      <section className="panel" aria-labelledby="interview-details-title">
        <h2 id="interview-details-title">Details</h2>
        <dl className="details">
          <Detail term="Candidate">
            <Link to={`/candidates/${interview.candidate.id}`}>{interview.candidate.name}</Link> ({interview.candidate.email})
          </Detail>
          <Detail term="Client company">{interview.company.name}</Detail>
          <Detail term="Role">{interview.roleTitle}</Detail>
          <Detail term="Round">{interviewRounds.label(interview.round)}</Detail>
          <Detail term="Format">{interviewFormats.label(interview.format)}</Detail>
          <Detail term="Date and time">
            {formatDateTime(interview.scheduledAt, timeZone)} <span className="muted">({zone})</span>
          </Detail>
          <Detail term="Interviewer">{interview.interviewerName ?? "Not recorded"}</Detail>
          <Detail term="Impression">{impressions.label(interview.impression)}</Detail>
          <Detail term="Candidate's check-in">
            <CheckInStatus checkIn={interview.checkIn} timeZone={timeZone} />
          </Detail>
          <Detail term="Recruiter">{interview.recruiter.name}</Detail>
        </dl>
        <h3>Notes</h3>
        {interview.notes ? <p className="notes">{interview.notes}</p> : <p className="muted">No notes.</p>}
        <p>
          <Link className="button secondary" to={`${here}/email`}>
            Send a recovery email
          </Link>
        </p>
      </section>

      {showNewForm ? (
        <FlagForm ref={focusRef} lastResult={result} cancelTo={here} />
      ) : showEditForm && flag ? (
        <FlagForm
          ref={focusRef}
          flagId={flag.id}
          baseVersion={(actionData && "currentVersion" in actionData && actionData.currentVersion) || flag.version}
          defaults={flag}
          lastResult={result}
          cancelTo={here}
        />
      ) : flag ? (
        <section className="panel flag-summary" aria-labelledby="flag-title">
          <h2 id="flag-title">Flagged as gone badly</h2>
          <ErrorList errors={stateErrors} alert />
          <ErrorList errors={recoveryButtonErrors} alert />
          <RecoveryStatus
            recovery={flag}
            now={now}
            action={here}
            badges={<span className={`badge severity-${flag.severity}`}>{flagSeverities.label(flag.severity)}</span>}
          />
          <dl className="details">
            <Detail term="Reasons">
              <ul className="reason-list">
                {flag.reasons.map((reason) => (
                  <li key={reason}>
                    {flagReasons.label(reason)}
                    {reason === "other" && flag.otherReason ? `: ${flag.otherReason}` : null}
                  </li>
                ))}
              </ul>
            </Detail>
            <Detail term="Severity">{flagSeverities.label(flag.severity)}</Detail>
            <Detail term="Source">{flagSources.label(flag.source)}</Detail>
            <Detail term="Description">{flag.description ?? "None given."}</Detail>
            <Detail term="Flagged">
              by {flag.flaggedBy.name} on {formatDateTime(flag.flaggedAt, timeZone)} ({zone})
            </Detail>
          </dl>
          {showRemove ? (
            <div className="notice confirm-remove" role="group" aria-labelledby="remove-title">
              <h3 id="remove-title" ref={focusRef} tabIndex={-1}>
                Remove this flag?
              </h3>
              <p>The interview will show as not flagged and can be flagged again later. The history keeps the flag.</p>
              <Form method="post" action={here} className="row-actions">
                <input type="hidden" name="intent" value="remove-flag" />
                <input type="hidden" name="flagId" value={flag.id} />
                <SubmitButton className="danger" pendingLabel="Removing…">
                  Yes, remove the flag
                </SubmitButton>
                <Link to={here}>Keep the flag</Link>
              </Form>
            </div>
          ) : showClose ? (
            <CloseRecoveryForm ref={focusRef} recoveryId={flag.id} action={here} cancelTo={here} lastResult={recoveryReply} />
          ) : showSnooze ? (
            <SnoozeRecoveryForm ref={focusRef} recoveryId={flag.id} action={here} cancelTo={here} lastResult={recoveryReply} now={now} />
          ) : (
            <div className="row-actions">
              <Link className="button secondary" to={`${here}?flag=edit`}>
                Edit flag
              </Link>
              {recoveryOpen ? (
                <>
                  <Link className="button secondary" to={`${here}?flag=close`}>
                    Close recovery
                  </Link>
                  <Link className="button secondary" to={`${here}?flag=snooze`}>
                    Snooze
                  </Link>
                </>
              ) : null}
              <Link className="button danger" to={`${here}?flag=remove`}>
                Remove flag
              </Link>
            </div>
          )}
          {candidateReminders ? <CandidateReminders panel={candidateReminders} flagId={flag.id} action={here} pageReply={remindersReply} /> : null}
        </section>
      ) : (
        <section className="panel" aria-labelledby="flag-title">
          <h2 id="flag-title">Flag</h2>
          <ErrorList errors={stateErrors} alert />
          <p>This interview is not flagged.</p>
          <p>
            <Link className="button" to={`${here}?flag=new`}>
              Flag as gone badly
            </Link>
          </p>
        </section>
      )}

      {checklist ? <RecoveryChecklist checklist={checklist} now={now} action={here} refused={stepRefused} recoveryClosedAt={flag?.closedAt ?? null} /> : null}
      </div>
      <div className="interview-side">
        {/* In the order of the work: the candidate's link goes out early, the second interview comes after. */}
        <CoachingPanel interviewId={interview.id} coaching={coaching} refusal={coachingRefusal} createdLink={createdLink} />
        {secondInterview ? <SecondInterviewPanel panel={secondInterview} now={now} pageReply={secondInterviewReply} /> : null}
      </div>
      </div>
    </article>
    </Announcer>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
