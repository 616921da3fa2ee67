// The recovery lifecycle: every flagged interview is a recovery that is open, moves with the second-interview
// request (requested → granted / declined / no answer) and closes with a reason. Closing closes everything it
// opened: the flag counts as dealt with, the checklist finishes (steps nobody did become "not needed"), and nothing
// of it stays in a queue. Every transition runs inside the caller's transaction with its audit event.
import { Prisma } from "~/.generated/prisma/client";
import { recordAudit } from "~/models/audit/audit.server";
import type { AuditActor, StaffActor } from "~/models/audit/events";
import { prisma, type Tx } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { sqlDate } from "~/utils/sql-dialect.server";
import type { CandidateStatus, ClosingReason, RecoveryState } from "../enums";
import { syncCandidateSummary } from "../candidates/summaries.server";
import { lockCandidate, lockInterviewCandidate } from "../candidates/candidate-lock.server";
import { DEFAULT_QUIET_AFTER_DAYS, quietSince } from "./rules";
import { cancelRecoveryAlertsInTx, scheduleRecoveryAlertsInTx } from "../notifications/alerts.server";
import { cancelCandidateRemindersInTx, refreshCandidateReminderInTx } from "./candidate-reminders.server";

/** A recovery still under way: not closed, and its flag not removed. */
export const openRecovery = { closedAt: null, removedAt: null } satisfies Prisma.InterviewFlagWhereInput;

/**
 * SQL for "this recovery belongs in a queue" (alias `f` for InterviewFlag): open, not snoozed, and not quiet for
 * longer than the agency allows, so no queue shows a quiet recovery even before the sweep closes it.
 */
export function inQueue({ now, quietAfter }: { now: Date; quietAfter: Date }) {
  return Prisma.sql`f."closedAt" IS NULL AND f."removedAt" IS NULL
    AND (f."snoozedUntil" IS NULL OR f."snoozedUntil" <= ${sqlDate(now)})
    AND f."lastActivityAt" >= ${sqlDate(quietAfter)}`;
}

/**
 * SQL (alias `f`): the recovery is in this recruiter's queues, whoever logged it: it belongs to the candidate's
 * recruiter (InterviewFlag.recruiterId, moved with the candidate). No recruiter: the whole agency's.
 */
export function recoveryOwnedBy(recruiterId?: string) {
  return recruiterId ? Prisma.sql`AND f."recruiterId" = ${recruiterId}` : Prisma.empty;
}

/** The queue rules for now: reads the agency's "went quiet after" setting. */
export async function queueRules(now = new Date()) {
  const agency = await prisma.agency.findUnique({ where: { id: 1 }, select: { quietAfterDays: true } });
  return { now, quietAfter: quietSince(now, agency?.quietAfterDays ?? DEFAULT_QUIET_AFTER_DAYS) };
}

/** The outcome that closes an application's recovery, as a closing reason; "open" closes nothing. */
const reasonForOutcome: Record<string, ClosingReason | undefined> = {
  hired: "hired",
  rejected: "rejected",
  offer_declined: "offer_declined",
  withdrawn: "withdrew",
};

/** The state a second-interview answer moves an open recovery to. */
const stateForResponse: Record<string, RecoveryState> = {
  pending: "requested",
  granted: "granted",
  declined: "declined",
  no_response: "no_answer",
};

const recoverySelect = {
  id: true,
  interviewId: true,
  recoveryState: true,
  closedAt: true,
  closedReason: true,
  removedAt: true,
  snoozedUntil: true,
  windowClosesAt: true,
  interview: { select: { candidateId: true } },
} as const;

/** Loads the recovery for a check-then-write, after locking its candidate (candidate-lock.server.ts). */
async function loadRecovery(tx: Tx, ref: { interviewId: string; flagId: string }) {
  await lockInterviewCandidate(tx, ref.interviewId);
  const flag = await tx.interviewFlag.findFirst({ where: { id: ref.flagId, interviewId: ref.interviewId }, select: recoverySelect });
  if (!flag) throw new RuleViolation("That recovery no longer exists. Reload the page.");
  return flag;
}

/** The state an open recovery is in given its interview's newest second-interview request. */
async function stateFromRequests(tx: Tx, interviewId: string): Promise<RecoveryState> {
  const latest = await tx.secondInterviewRequest.findFirst({
    where: { interviewId },
    orderBy: { requestedAt: "desc" },
    select: { response: true },
  });
  return latest ? (stateForResponse[latest.response] ?? "requested") : "open";
}

// ---------------------------------------------------------------------------------------------------------------
// Closing

/**
 * Closes the recovery with its reason, inside the caller's transaction: the flag stops counting as open, the
 * checklist finishes (pending steps become "not needed"), any snooze ends. Returns false when it was already closed.
 */
export async function closeRecoveryInTx(
  tx: Tx,
  flagId: string,
  { reason, note = null, actor, now = new Date() }: { reason: ClosingReason; note?: string | null; actor: AuditActor; now?: Date },
) {
  const flag = await tx.interviewFlag.findUniqueOrThrow({ where: { id: flagId }, select: recoverySelect });
  if (flag.closedAt) return false;
  await tx.interviewFlag.update({
    where: { id: flagId },
    data: {
      recoveryState: "closed",
      stateChangedAt: now,
      closedAt: now,
      closedById: "userId" in actor ? actor.userId : null,
      closedReason: reason,
      closedNote: note,
      snoozedUntil: null,
      snoozeNote: null,
      snoozedById: null,
    },
  });
  const stepsNotNeeded = await finishChecklist(tx, flagId, now);
  await cancelRecoveryAlertsInTx(tx, flag, now);
  await cancelCandidateRemindersInTx(tx, [flagId], now);
  await recordAudit(tx, {
    actor,
    action: "recovery.closed",
    entityId: flagId,
    candidateId: flag.interview.candidateId,
    before: { state: flag.recoveryState },
    after: { interviewId: flag.interviewId, reason, ...(note ? { note } : {}), stepsNotNeeded },
  });
  await syncCandidateSummary(tx, flag.interview.candidateId);
  return true;
}

/** The closed recovery's checklist: steps still to do become "not needed" and the run is complete. */
async function finishChecklist(tx: Tx, flagId: string, now: Date) {
  const run = await tx.checklistRun.findUnique({ where: { flagId }, select: { id: true, status: true } });
  if (!run || run.status !== "active") return 0;
  const { count } = await tx.checklistStepState.updateMany({
    where: { runId: run.id, status: "pending" },
    data: { status: "not_needed", completedAt: now, completedById: null, completedByCandidate: false },
  });
  await tx.checklistRun.update({ where: { id: run.id }, data: { status: "completed", completedAt: now } });
  return count;
}

/**
 * A final outcome for an application closes its open recoveries: the application's own interview and any second
 * interview granted from it. Call inside the outcome's transaction.
 */
export async function closeRecoveriesForOutcome(
  tx: Tx,
  { applicationId, outcome, actor, now = new Date() }: { applicationId: string; outcome: string; actor: AuditActor; now?: Date },
) {
  const reason = reasonForOutcome[outcome];
  if (!reason) return 0;
  const flags = await tx.interviewFlag.findMany({
    where: {
      ...openRecovery,
      OR: [{ interviewId: applicationId }, { interview: { grantedFrom: { interviewId: applicationId } } }],
    },
    select: { id: true },
  });
  for (const flag of flags) await closeRecoveryInTx(tx, flag.id, { reason, actor, now });
  return flags.length;
}

/** Closing by hand (the "Close recovery" form): resolved (with a note saying how), withdrew, or went quiet. */
export async function closeRecoveryByHand(
  ref: { interviewId: string; flagId: string },
  { reason, note }: { reason: "resolved_by_hand" | "withdrew" | "went_quiet"; note?: string | null },
  actor: StaffActor,
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const flag = await loadRecovery(tx, ref);
    if (flag.removedAt) throw new RuleViolation("This flag was removed, so there is no recovery to close. Reload the page.");
    if (flag.closedAt) throw new RuleViolation("This recovery is already closed. Reload the page.");
    const cleanNote = note?.trim() || null;
    if (reason === "resolved_by_hand" && !cleanNote) throw new RuleViolation("Say how it was resolved.", "note");
    await closeRecoveryInTx(tx, flag.id, { reason, note: cleanNote, actor, now });
    const status = await syncCandidateStatus(tx, flag.interview.candidateId, actor, reason);
    return { candidateStatus: status };
  });
}

/**
 * The candidate's status follows their recoveries: recovering while any is open (unless hired: a hire ends the
 * search); after the last one closes, hired if they were hired anywhere, closed if the last recovery ended in a final
 * "no" (rejected, offer declined, withdrew), otherwise open.
 */
export async function syncCandidateStatus(tx: Tx, candidateId: string, actor: AuditActor, lastReason?: ClosingReason) {
  const candidate = await tx.candidate.findUniqueOrThrow({ where: { id: candidateId }, select: { status: true } });
  const open = await tx.interviewFlag.count({ where: { ...openRecovery, interview: { candidateId } } });
  let status = candidate.status as CandidateStatus;
  // A hire ends the search: a hired candidate stays hired (as recordOutcome decides) whatever else is open.
  if (open > 0) status = status === "hired" ? "hired" : "recovering";
  else if (status === "recovering") {
    const hired = await tx.candidacyOutcome.count({ where: { candidateId, outcome: "hired" } });
    if (hired > 0) status = "hired";
    else if (lastReason === "rejected" || lastReason === "offer_declined" || lastReason === "withdrew") status = "closed";
    else status = "open";
  }
  if (status !== candidate.status) {
    await tx.candidate.update({ where: { id: candidateId }, data: { status } });
    await recordAudit(tx, {
      actor,
      action: "candidate.updated",
      entityId: candidateId,
      candidateId,
      before: { status: candidate.status },
      after: { status },
    });
  }
  return status;
}

// ---------------------------------------------------------------------------------------------------------------
// Reopening and moving

/** Reopens a closed recovery: its state comes back from the requests, and "not needed" steps are to do again. */
export async function reopenRecovery(ref: { interviewId: string; flagId: string }, actor: StaffActor, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const flag = await loadRecovery(tx, ref);
    if (flag.removedAt) throw new RuleViolation("This flag was removed: flag the interview again instead.");
    if (!flag.closedAt) throw new RuleViolation("This recovery is already open.");
    const state = await stateFromRequests(tx, flag.interviewId);
    await tx.interviewFlag.update({
      where: { id: flag.id },
      data: { recoveryState: state, stateChangedAt: now, closedAt: null, closedById: null, closedReason: null, closedNote: null, lastActivityAt: now },
    });
    await scheduleRecoveryAlertsInTx(tx, flag, now);
    const run = await tx.checklistRun.findUnique({ where: { flagId: flag.id }, select: { id: true, status: true } });
    let stepsBack = 0;
    if (run && run.status === "completed") {
      ({ count: stepsBack } = await tx.checklistStepState.updateMany({
        where: { runId: run.id, status: "not_needed" },
        data: { status: "pending", completedAt: null },
      }));
      if (stepsBack > 0) await tx.checklistRun.update({ where: { id: run.id }, data: { status: "active", completedAt: null } });
    }
    // Reminders the recruiter left switched on resume with the steps that are to do again.
    await refreshCandidateReminderInTx(tx, flag.id, now);
    await recordAudit(tx, {
      actor,
      action: "recovery.reopened",
      entityId: flag.id,
      candidateId: flag.interview.candidateId,
      before: { state: "closed", reason: flag.closedReason },
      after: { interviewId: flag.interviewId, state, stepsBack },
    });
    await syncCandidateSummary(tx, flag.interview.candidateId);
    const status = await syncCandidateStatus(tx, flag.interview.candidateId, actor);
    return { state, candidateStatus: status };
  });
}

/**
 * A second-interview request, or the company's answer to it, moves the interview's open recovery on. Closed
 * recoveries stay closed. Call inside the request's transaction.
 */
export async function moveRecoveryForRequest(tx: Tx, interviewId: string, actor: AuditActor, now = new Date()) {
  const flag = await tx.interviewFlag.findFirst({ where: { interviewId, ...openRecovery }, select: recoverySelect });
  if (!flag) return null;
  const state = await stateFromRequests(tx, interviewId);
  if (state === flag.recoveryState) return state;
  await tx.interviewFlag.update({ where: { id: flag.id }, data: { recoveryState: state, stateChangedAt: now } });
  await recordAudit(tx, {
    actor,
    action: "recovery.moved",
    entityId: flag.id,
    candidateId: flag.interview.candidateId,
    before: { state: flag.recoveryState },
    after: { interviewId, state },
  });
  return state;
}

// ---------------------------------------------------------------------------------------------------------------
// Snoozing

/** Takes the recovery out of every queue until `until`; it comes back by itself then. */
export async function snoozeRecovery(
  ref: { interviewId: string; flagId: string },
  { until, note }: { until: Date; note?: string | null },
  actor: StaffActor,
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const flag = await loadRecovery(tx, ref);
    if (flag.removedAt || flag.closedAt) throw new RuleViolation("Only an open recovery can be snoozed. Reload the page.");
    if (until <= now) throw new RuleViolation("Choose a time in the future.", "until");
    if (until.getTime() - now.getTime() > 90 * 24 * 3600_000) {
      throw new RuleViolation("Snooze for at most 90 days; close the recovery if nothing more will happen.", "until");
    }
    const cleanNote = note?.trim() || null;
    await tx.interviewFlag.update({
      where: { id: flag.id },
      data: { snoozedUntil: until, snoozeNote: cleanNote, snoozedById: actor.userId },
    });
    await recordAudit(tx, {
      actor,
      action: "recovery.snoozed",
      entityId: flag.id,
      candidateId: flag.interview.candidateId,
      after: { interviewId: flag.interviewId, until: until.toISOString(), ...(cleanNote ? { note: cleanNote } : {}) },
    });
  });
}

/** Ends a snooze early: the recovery is back in the queues now. */
export async function wakeRecovery(ref: { interviewId: string; flagId: string }, actor: StaffActor) {
  return prisma.$transaction(async (tx) => {
    const flag = await loadRecovery(tx, ref);
    if (!flag.snoozedUntil) throw new RuleViolation("This recovery isn't snoozed. Reload the page.");
    await tx.interviewFlag.update({ where: { id: flag.id }, data: { snoozedUntil: null, snoozeNote: null, snoozedById: null } });
    await recordAudit(tx, {
      actor,
      action: "recovery.woken",
      entityId: flag.id,
      candidateId: flag.interview.candidateId,
      before: { until: flag.snoozedUntil.toISOString() },
      after: { interviewId: flag.interviewId },
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Going quiet (activity is noted by recordAudit: activity.server.ts)

/**
 * Closes, as "went quiet", every open recovery with no activity for the agency's N days (a snooze counts as
 * activity until it ends). Each in its own transaction, in batches, so a long backlog never holds the database.
 * The scheduler runs it hourly (job kind "recovery.quiet_sweep", app/models/jobs/handlers.server.ts).
 */
export async function closeQuietRecoveries(now = new Date(), batchSize = 100) {
  const { quietAfter } = await queueRules(now);
  const cutoff = sqlDate(quietAfter);
  let closed = 0;
  for (;;) {
    const due = await prisma.$queryRaw<{ id: string }[]>`
      SELECT f."id" FROM "InterviewFlag" f
      WHERE f."closedAt" IS NULL AND f."removedAt" IS NULL AND f."lastActivityAt" < ${cutoff}
        AND (f."snoozedUntil" IS NULL OR f."snoozedUntil" < ${cutoff})
      ORDER BY f."lastActivityAt" LIMIT ${batchSize}`;
    for (const { id } of due) {
      await prisma.$transaction(async (tx) => {
        const candidateId = (await tx.interviewFlag.findUniqueOrThrow({ where: { id }, select: { interview: { select: { candidateId: true } } } }))
          .interview.candidateId;
        // closeRecoveryInTx checks "not closed yet" again under the lock: a recruiter may have closed it meanwhile.
        await lockCandidate(tx, candidateId);
        if (await closeRecoveryInTx(tx, id, { reason: "went_quiet", actor: { label: "system" }, now })) {
          closed += 1;
          await syncCandidateStatus(tx, candidateId, { label: "system" }, "went_quiet");
        }
      });
    }
    if (due.length < batchSize) return closed;
  }
}
