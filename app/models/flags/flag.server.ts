// Flags on interviews that went badly: raise, edit, remove (closing and reopening the recovery a flag starts live in
// app/models/recovery/lifecycle.server.ts). Every change is audited and keeps the
// summary columns (Interview.flagSeverity, Candidate.openFlagCount) in step, inside one transaction.
import type { AuditActor, StaffActor } from "~/models/audit/events";
import { inTaxonomyOrder, isFlagReason, reasonLabel } from "~/models/flags/reasons";
import { recordAudit } from "~/models/audit/audit.server";
import { isUniqueViolation, prisma, type Tx } from "~/utils/db.server";
import { lockRow } from "~/utils/sql-dialect.server";
import { lockInterviewCandidate } from "../candidates/candidate-lock.server";
import { RuleViolation } from "~/utils/errors.server";
import { assertNotStale, flagVersion } from "../stale-edit.server";
import { cancelChecklistRun, startChecklistRun } from "../recovery/checklist.server";
import { closeRecoveryInTx, syncCandidateStatus } from "../recovery/lifecycle.server";
import { recoveryWindowClosesAt } from "../recovery/rules";
import { scheduleRecoveryAlertsInTx } from "../notifications/alerts.server";
import { flagSeverities, flagSources, type FlagReason } from "../enums";
import { syncCandidateSummary, syncInterviewFlagSummary } from "../candidates/summaries.server";
import { syncRecoveryFacts } from "../stats/recovery-facts.server";

export type FlagInput = {
  reasons: FlagReason[];
  otherReason?: string | null;
  severity: string;
  source: string;
  description?: string | null;
};

type FlagRef = { interviewId: string; flagId: string };

/** The rules the form also checks, kept here so no caller can store a flag the taxonomy doesn't know. */
function cleanFlagInput(input: FlagInput) {
  const reasons = [...new Set(input.reasons)];
  if (reasons.length === 0) throw new RuleViolation("Choose at least one reason.", "reasons");
  if (!reasons.every(isFlagReason)) {
    throw new RuleViolation("Choose reasons from the list.", "reasons");
  }
  if (!(flagSeverities.values as readonly string[]).includes(input.severity)) {
    throw new RuleViolation("Choose minor, serious or critical.", "severity");
  }
  if (!(flagSources.values as readonly string[]).includes(input.source)) {
    throw new RuleViolation("Choose where this came from.", "source");
  }
  const otherReason = reasons.includes("other") ? input.otherReason?.trim() || null : null;
  if (reasons.includes("other") && !otherReason) throw new RuleViolation("Say what the other reason was.", "otherReason");
  // Reasons in taxonomy order, so the audit log and the page read the same way every time.
  const ordered = inTaxonomyOrder(reasons);
  return {
    reasons: ordered,
    otherReason,
    severity: input.severity,
    source: input.source,
    description: input.description?.trim() || null,
  };
}

function auditShape(interviewId: string, flag: ReturnType<typeof cleanFlagInput>) {
  return {
    interviewId,
    reasons: flag.reasons,
    severity: flag.severity,
    source: flag.source,
    ...(flag.description ? { description: flag.description } : {}),
    ...(flag.otherReason ? { otherReason: flag.otherReason } : {}),
  };
}

async function loadCurrentFlag(tx: Tx, { interviewId, flagId }: FlagRef) {
  const flag = await tx.interviewFlag.findFirst({
    where: { id: flagId, interviewId, removedAt: null },
    select: {
      id: true,
      severity: true,
      source: true,
      description: true,
      otherReason: true,
      reasons: { select: { reason: true } },
      interview: { select: { candidateId: true } },
    },
  });
  if (!flag) throw new RuleViolation("That flag was removed or changed meanwhile. Reload the page.");
  const details = {
    reasons: inTaxonomyOrder(flag.reasons.map((x) => x.reason)),
    otherReason: flag.otherReason,
    severity: flag.severity,
    source: flag.source,
    description: flag.description,
  };
  return { flag, candidateId: flag.interview.candidateId, details };
}

/** The flag as someone else saved it, for the "review their change" message. */
function describeSavedFlag(flag: { reasons: string[]; otherReason: string | null; severity: string; source: string; description: string | null }) {
  const reasons = flag.reasons.map((r) => reasonLabel(r, flag.otherReason).toLowerCase());
  return (
    `The flag now reads: ${flagSeverities.label(flag.severity).toLowerCase()}, ${reasons.join(", ")}, ` +
    `${flagSources.label(flag.source).toLowerCase()}${flag.description ? `, “${flag.description}”` : ""}.`
  );
}

async function syncSummaries(tx: Tx, interviewId: string, candidateId: string) {
  await syncInterviewFlagSummary(tx, interviewId);
  await syncCandidateSummary(tx, candidateId);
}

/**
 * Flags an interview as gone badly, which opens its recovery (window: the interview's end + 24 hours), marks the
 * impression as "went badly", moves an open candidate to "recovering" and starts the recovery checklist. One
 * current flag per interview.
 */
export async function flagInterview(interviewId: string, input: FlagInput, actor: StaffActor, now = new Date()) {
  cleanFlagInput(input);
  return prisma
    .$transaction((tx) => raiseFlagInTx(tx, interviewId, input, { flaggedById: actor.userId, actor, now }))
    .catch((error: unknown) => {
      // The partial unique index (one current flag per interview) has the last word when two flags race.
      if (isUniqueViolation(error)) throw new RuleViolation("This interview is already flagged. Edit the flag instead.");
      throw error;
    });
}

/**
 * flagInterview's writes inside the caller's transaction. The candidate's check-in raises a flag too: then the actor
 * is the candidate and the flag is in the name of the interview's recruiter.
 */
export async function raiseFlagInTx(
  tx: Tx,
  interviewId: string,
  input: FlagInput,
  { flaggedById, actor, now }: { flaggedById: string; actor: AuditActor; now: Date },
) {
  const flag = cleanFlagInput(input);
  await lockInterviewCandidate(tx, interviewId);
  const lock = lockRow("Interview", interviewId);
  if (lock) await tx.$queryRaw(lock);
  const interview = await tx.interview.findUnique({
    where: { id: interviewId },
    select: { id: true, candidateId: true, impression: true, scheduledAt: true, durationMinutes: true, candidate: { select: { status: true, recruiterId: true } } },
  });
  if (!interview) throw new RuleViolation("That interview no longer exists.");
  const current = await tx.interviewFlag.count({ where: { interviewId, removedAt: null } });
  if (current > 0) throw new RuleViolation("This interview is already flagged. Edit the flag instead.");
  const created = await tx.interviewFlag.create({
    data: {
      interviewId,
      severity: flag.severity,
      source: flag.source,
      description: flag.description,
      otherReason: flag.otherReason,
      flaggedById,
      recruiterId: interview.candidate.recruiterId,
      flaggedAt: now,
      windowClosesAt: recoveryWindowClosesAt(interview),
      reasons: { create: flag.reasons.map((reason) => ({ reason })) },
    },
    select: { id: true, flaggedAt: true, windowClosesAt: true },
  });
  await scheduleRecoveryAlertsInTx(tx, created, now);
  if (interview.impression !== "went_badly") {
    await tx.interview.update({ where: { id: interviewId }, data: { impression: "went_badly" } });
  }
  if (interview.candidate.status === "open") {
    await tx.candidate.update({ where: { id: interview.candidateId }, data: { status: "recovering" } });
  }
  await recordAudit(tx, {
    actor,
    action: "flag.raised",
    entityId: created.id,
    candidateId: interview.candidateId,
    after: auditShape(interviewId, flag),
  });
  await startChecklistRun(tx, { interviewId, flagId: created.id, now: created.flaggedAt });
  await syncSummaries(tx, interviewId, interview.candidateId);
  return created;
}

export async function editFlag(ref: FlagRef, input: FlagInput & { baseVersion?: string }, actor: StaffActor) {
  const flag = cleanFlagInput(input);
  return prisma.$transaction(async (tx) => {
    await lockInterviewCandidate(tx, ref.interviewId);
    const { candidateId, details } = await loadCurrentFlag(tx, ref);
    assertNotStale(input.baseVersion, flagVersion(details), () => describeSavedFlag(details));
    await tx.flagReason.deleteMany({ where: { flagId: ref.flagId } });
    await tx.interviewFlag.update({
      where: { id: ref.flagId },
      data: {
        severity: flag.severity,
        source: flag.source,
        description: flag.description,
        otherReason: flag.otherReason,
        reasons: { create: flag.reasons.map((reason) => ({ reason })) },
      },
    });
    await recordAudit(tx, {
      actor,
      action: "flag.edited",
      entityId: ref.flagId,
      candidateId,
      before: auditShape(ref.interviewId, details),
      after: auditShape(ref.interviewId, flag),
    });
    await syncSummaries(tx, ref.interviewId, candidateId);
  });
}

/** Takes the flag off the interview (kept in history): its checklist is cancelled and its recovery closed. */
export async function removeFlag(ref: FlagRef, actor: StaffActor) {
  return prisma.$transaction(async (tx) => {
    await lockInterviewCandidate(tx, ref.interviewId);
    const { flag, candidateId, details } = await loadCurrentFlag(tx, ref);
    const now = new Date();
    // The row stays (removedAt) so the history and the timeline keep it; it can be flagged again later.
    await tx.interviewFlag.update({ where: { id: flag.id }, data: { removedAt: now } });
    await recordAudit(tx, { actor, action: "flag.removed", entityId: flag.id, candidateId, after: auditShape(ref.interviewId, details) });
    await cancelChecklistRun(tx, flag.id, actor, now);
    await closeRecoveryInTx(tx, flag.id, { reason: "flag_removed", actor, now });
    await syncSummaries(tx, ref.interviewId, candidateId);
    await syncCandidateStatus(tx, candidateId, actor, "flag_removed");
  });
}

/**
 * Adds reasons to an interview's current flag (the candidate's check-in said what happened after the recruiter had
 * flagged it). Reasons already there stay as they are; "other" keeps the recruiter's words when it had some.
 * Returns the flag's id, or null when the interview has no current flag.
 */
export async function addFlagReasonsInTx(
  tx: Tx,
  interviewId: string,
  added: { reasons: FlagReason[]; otherReason?: string | null },
  actor: AuditActor,
) {
  const current = await tx.interviewFlag.findFirst({ where: { interviewId, removedAt: null }, select: { id: true } });
  if (!current) return null;
  const { flag, candidateId, details } = await loadCurrentFlag(tx, { interviewId, flagId: current.id });
  const fresh = inTaxonomyOrder(added.reasons).filter((r) => !details.reasons.includes(r));
  if (!fresh.length) return flag.id;
  const otherReason = details.otherReason ?? (fresh.includes("other") ? added.otherReason?.trim() || null : null);
  await tx.flagReason.createMany({ data: fresh.map((reason) => ({ flagId: flag.id, reason })) });
  if (otherReason !== details.otherReason) await tx.interviewFlag.update({ where: { id: flag.id }, data: { otherReason } });
  const before = cleanFlagInput({ ...details, reasons: details.reasons.length ? details.reasons : fresh });
  const after = cleanFlagInput({ ...details, reasons: [...details.reasons, ...fresh], otherReason });
  await recordAudit(tx, {
    actor,
    action: "flag.edited",
    entityId: flag.id,
    candidateId,
    before: auditShape(interviewId, before),
    after: auditShape(interviewId, after),
  });
  // The recovery's facts hold its reasons (and the rollups count them).
  await syncRecoveryFacts(tx, candidateId);
  return flag.id;
}
