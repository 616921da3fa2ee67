// The alerts: when each notification fires, who gets it, and the jobs that time them. Writers call the *InTx
// functions inside their own transaction; the scheduler's handlers call the run* functions when a job falls due, and
// each re-checks its rule then (a job is a reminder to look, not a promise that the rule still holds).
import type { Tx } from "~/utils/db.server";
import { jobKeys } from "../jobs/kinds";
import { cancelJobs, scheduleJob } from "../jobs/schedule.server";
import { REQUEST_WAITING_DAYS } from "../recovery/rules";
import { notifyInTx } from "./notifications.server";

const HOUR = 3600_000;
/** The window alert goes this long before the recovery window closes. */
export const WINDOW_ALERT_LEAD_HOURS = 2;

/** A checklist step that is the call to the company: its title speaks of phoning or calling. */
export function isCallStep(title: string) {
  return /\b(phone|call|ring)\b/i.test(title);
}

const interviewLink = (interviewId: string) => `/interviews/${interviewId}`;

async function loadRecovery(tx: Tx, flagId: string) {
  return tx.interviewFlag.findUnique({
    where: { id: flagId },
    select: {
      id: true,
      interviewId: true,
      closedAt: true,
      removedAt: true,
      snoozedUntil: true,
      windowClosesAt: true,
      interview: {
        select: {
          roleTitle: true,
          company: { select: { name: true } },
          candidate: { select: { id: true, name: true, recruiterId: true } },
          secondInterviewRequests: { select: { id: true }, take: 1 },
        },
      },
      checklistRun: { select: { steps: { select: { status: true, step: { select: { title: true } } } } } },
    },
  });
}
type Recovery = NonNullable<Awaited<ReturnType<typeof loadRecovery>>>;

/** The call to the company is recorded: a second-interview request exists, or the call step is ticked done. */
export function callRecorded(recovery: Pick<Recovery, "interview" | "checklistRun">) {
  if (recovery.interview.secondInterviewRequests.length > 0) return true;
  return (recovery.checklistRun?.steps ?? []).some((s) => s.status === "done" && isCallStep(s.step.title));
}

/** Nothing at all was done: no request, no step ticked done. */
function nothingDone(recovery: Pick<Recovery, "interview" | "checklistRun">) {
  if (recovery.interview.secondInterviewRequests.length > 0) return false;
  return !(recovery.checklistRun?.steps ?? []).some((s) => s.status === "done");
}

const isActive = (r: Pick<Recovery, "closedAt" | "removedAt" | "snoozedUntil">, now: Date) =>
  !r.closedAt && !r.removedAt && !(r.snoozedUntil && r.snoozedUntil > now);

// ---- Scheduling, from the writes ---------------------------------------------------------------------------------

/**
 * A recovery opened (flagged) or reopened: the window alert at the window's end − 2 h (at once when less is left) and
 * the managers' "window missed" check at its end. A window already closed schedules neither.
 */
export async function scheduleRecoveryAlertsInTx(tx: Tx, flag: { id: string; windowClosesAt: Date }, now = new Date()) {
  if (flag.windowClosesAt <= now) return;
  const alertAt = new Date(Math.max(now.getTime(), flag.windowClosesAt.getTime() - WINDOW_ALERT_LEAD_HOURS * HOUR));
  await scheduleJob(tx, { kind: "alert.window_closing", runAt: alertAt, payload: { flagId: flag.id }, key: jobKeys.windowClosing(flag.id) }, now);
  await scheduleJob(tx, { kind: "alert.window_missed", runAt: flag.windowClosesAt, payload: { flagId: flag.id }, key: jobKeys.windowMissed(flag.id) }, now);
}

/** A recovery closed (or its flag was removed): its reminders no longer apply. */
export async function cancelRecoveryAlertsInTx(tx: Tx, flag: { id: string; interviewId: string }, now = new Date()) {
  const requests = await tx.secondInterviewRequest.findMany({ where: { interviewId: flag.interviewId, response: "pending" }, select: { id: true } });
  return cancelJobs(tx, { keys: [jobKeys.windowClosing(flag.id), jobKeys.windowMissed(flag.id), ...requests.map((r) => jobKeys.requestWaiting(r.id))] }, now);
}

/** A second-interview request recorded: the "still waiting" alert 7 days after it was asked for. */
export async function scheduleRequestAlertInTx(tx: Tx, request: { id: string; requestedAt: Date }, now = new Date()) {
  const runAt = new Date(Math.max(now.getTime(), request.requestedAt.getTime() + REQUEST_WAITING_DAYS * 24 * HOUR));
  await scheduleJob(tx, { kind: "alert.request_waiting", runAt, payload: { requestId: request.id }, key: jobKeys.requestWaiting(request.id) }, now);
}

/** The company answered: nothing to wait for. "Pending" again (an answer taken back) schedules it anew. */
export async function requestAnsweredInTx(tx: Tx, request: { id: string; requestedAt: Date; response: string }, now = new Date()) {
  if (request.response === "pending") return scheduleRequestAlertInTx(tx, request, now);
  await cancelJobs(tx, { key: jobKeys.requestWaiting(request.id) }, now);
}

// ---- Running, from the jobs --------------------------------------------------------------------------------------

/** 2 hours before the window closes: the recruiter, unless the call is recorded or the recovery closed or snoozed. */
export async function runWindowClosingAlert(tx: Tx, { flagId }: { flagId: string }, now: Date) {
  const recovery = await loadRecovery(tx, flagId);
  if (!recovery || !isActive(recovery, now) || callRecorded(recovery)) return false;
  const { candidate, company, roleTitle } = recovery.interview;
  await notifyInTx(
    tx,
    {
      kind: "window_closing",
      userIds: [candidate.recruiterId],
      title: `${candidate.name}: the 24-hour window closes in ${WINDOW_ALERT_LEAD_HOURS} hours`,
      text: `No call to ${company.name} (${roleTitle}) is recorded yet. Phone the hiring manager, or help ${candidate.name} do it, before the window closes.`,
      link: interviewLink(recovery.interviewId),
      candidateId: candidate.id,
      interviewId: recovery.interviewId,
      flagId,
    },
    now,
  );
  return true;
}

/** The window closed with nothing done: every active manager, unless the recovery closed or is snoozed. */
export async function runWindowMissedAlert(tx: Tx, { flagId }: { flagId: string }, now: Date) {
  const recovery = await loadRecovery(tx, flagId);
  if (!recovery || !isActive(recovery, now) || !nothingDone(recovery)) return false;
  const managers = await tx.user.findMany({ where: { role: "manager", active: true }, select: { id: true } });
  const { candidate, company, roleTitle } = recovery.interview;
  await notifyInTx(
    tx,
    {
      kind: "window_missed",
      userIds: managers.map((m) => m.id),
      title: `${candidate.name}: the recovery window passed with nothing done`,
      text: `The 24-hour window after the interview at ${company.name} (${roleTitle}) closed with no call, no request and no step done.`,
      link: interviewLink(recovery.interviewId),
      candidateId: candidate.id,
      interviewId: recovery.interviewId,
      flagId,
    },
    now,
  );
  return true;
}

/** A request still unanswered after 7 days: the recruiter, unless answered meanwhile or the recovery closed. */
export async function runRequestWaitingAlert(tx: Tx, { requestId }: { requestId: string }, now: Date) {
  const request = await tx.secondInterviewRequest.findUnique({
    where: { id: requestId },
    select: {
      response: true,
      interviewId: true,
      interview: {
        select: {
          company: { select: { name: true } },
          candidate: { select: { id: true, name: true, recruiterId: true } },
          flags: { where: { removedAt: null }, select: { id: true, closedAt: true }, take: 1 },
        },
      },
    },
  });
  if (!request || request.response !== "pending") return false;
  const flag = request.interview.flags[0];
  if (flag?.closedAt) return false;
  const { candidate, company } = request.interview;
  await notifyInTx(
    tx,
    {
      kind: "request_waiting",
      userIds: [candidate.recruiterId],
      title: `${candidate.name}: ${company.name} hasn't answered the second-interview request in ${REQUEST_WAITING_DAYS} days`,
      text: "Chase the company, or record its answer (no answer counts too).",
      link: interviewLink(request.interviewId),
      candidateId: candidate.id,
      interviewId: request.interviewId,
      flagId: flag?.id ?? null,
    },
    now,
  );
  return true;
}

// ---- Immediate alerts, from the writes ---------------------------------------------------------------------------

async function candidateWithRecruiter(tx: Tx, candidateId: string) {
  return tx.candidate.findUniqueOrThrow({ where: { id: candidateId }, select: { id: true, name: true, recruiterId: true } });
}

/** The candidate ticked a step or saved their reflection on their coaching page: their recruiter. */
export async function candidateActivityInTx(
  tx: Tx,
  activity: { candidateId: string; interviewId: string; what: "step"; stepTitle: string } | { candidateId: string; interviewId: string; what: "reflection" },
  now = new Date(),
) {
  const candidate = await candidateWithRecruiter(tx, activity.candidateId);
  const step = activity.what === "step";
  await notifyInTx(
    tx,
    {
      kind: "candidate_activity",
      userIds: [candidate.recruiterId],
      title: step ? `${candidate.name} ticked a step` : `${candidate.name} updated their reflection`,
      text: step ? `“${activity.stepTitle}” is done.` : "Read it on the interview page before your next call.",
      link: interviewLink(activity.interviewId),
      candidateId: candidate.id,
      interviewId: activity.interviewId,
      // The reflection autosaves while they type: one notification per sitting.
      coalesce: !step,
    },
    now,
  );
}

/** The candidate unsubscribed from emails: their recruiter. */
export async function candidateUnsubscribedInTx(tx: Tx, candidateId: string, now = new Date()) {
  const candidate = await candidateWithRecruiter(tx, candidateId);
  await notifyInTx(
    tx,
    {
      kind: "candidate_activity",
      userIds: [candidate.recruiterId],
      title: `${candidate.name} unsubscribed from emails`,
      text: "Rebound will send them no more emails. Phone them instead.",
      link: `/candidates/${candidate.id}`,
      candidateId: candidate.id,
    },
    now,
  );
}

/** A candidate moved from one recruiter to another: both of them, except whoever made the change. */
export async function candidateReassignedInTx(
  tx: Tx,
  change: { candidateId: string; candidateName: string; from: { id: string; name: string }; to: { id: string; name: string }; actorId: string },
  now = new Date(),
) {
  const link = `/candidates/${change.candidateId}`;
  const base = { kind: "reassigned" as const, link, candidateId: change.candidateId };
  if (change.to.id !== change.actorId) {
    await notifyInTx(tx, { ...base, userIds: [change.to.id], title: `${change.candidateName} is now your candidate`, text: `Reassigned to you from ${change.from.name}.` }, now);
  }
  if (change.from.id !== change.actorId) {
    await notifyInTx(tx, { ...base, userIds: [change.from.id], title: `${change.candidateName} was reassigned to ${change.to.name}`, text: "They are no longer on your work queue." }, now);
  }
}
