// Test builder for interview flags. Every write here recomputes Interview.flagSeverity and the candidate's
// openFlagCount with the app's own sync functions, in the same transaction, as the app's flag writes do.
// Columns a test doesn't name keep their schema defaults; the recovery window comes from the interview, as in the app.
import { syncCandidateSummary, syncInterviewFlagSummary } from "~/models/candidates/summaries.server";
import { recoveryWindowClosesAt } from "~/models/recovery/rules";
import { prisma, type Tx } from "~/utils/db.server";
import { makeInterview } from "./interviews";

async function syncSummaries(tx: Tx, interviewId: string) {
  const { candidateId } = await tx.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { candidateId: true } });
  await syncInterviewFlagSummary(tx, interviewId);
  await syncCandidateSummary(tx, candidateId);
}

export async function makeFlag(
  interviewId: string,
  overrides: {
    flaggedById?: string;
    flaggedAt?: Date;
    severity?: string;
    source?: string;
    reasons?: string[];
    otherReason?: string;
    description?: string;
    closedAt?: Date | null;
    closedById?: string | null;
    closedReason?: string | null;
    removedAt?: Date | null;
  } = {},
) {
  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId }, include: { candidate: { select: { recruiterId: true } } } });
  return prisma.$transaction(async (tx) => {
    const flag = await tx.interviewFlag.create({
      data: {
        interviewId,
        flaggedById: overrides.flaggedById ?? interview.recruiterId,
        recruiterId: interview.candidate.recruiterId,
        flaggedAt: overrides.flaggedAt ?? new Date(),
        severity: overrides.severity ?? "serious",
        source: overrides.source ?? "recruiter_observed",
        description: overrides.description ?? null,
        otherReason: overrides.otherReason ?? null,
        windowClosesAt: recoveryWindowClosesAt(interview),
        ...closing(overrides),
        reasons: { create: (overrides.reasons ?? ["late"]).map((reason) => ({ reason })) },
      },
    });
    await syncSummaries(tx, interviewId);
    return flag;
  });
}

/** The recovery's closing columns, kept consistent: a removed flag's recovery is closed as "flag_removed". */
function closing({ closedAt, closedById, closedReason, removedAt }: { closedAt?: Date | null; closedById?: string | null; closedReason?: string | null; removedAt?: Date | null }) {
  const at = removedAt ?? closedAt ?? null;
  return {
    removedAt: removedAt ?? null,
    closedAt: at,
    closedById: at ? (closedById ?? null) : null,
    closedReason: removedAt ? "flag_removed" : closedAt ? (closedReason ?? "resolved_by_hand") : null,
    recoveryState: at ? "closed" : "open",
    ...(at ? { stateChangedAt: at } : {}),
  };
}

/** Marks the flag removed (a mistake), as if it never counted: its recovery is closed. */
export async function removeFlag(flagId: string, removedAt = new Date()) {
  return prisma.$transaction(async (tx) => {
    const flag = await tx.interviewFlag.update({ where: { id: flagId }, data: closing({ removedAt }) });
    await syncSummaries(tx, flag.interviewId);
    return flag;
  });
}

/** Closes the flag's recovery (by hand unless a reason is given): it stays the interview's flag but no longer counts as open. */
export async function closeRecovery(flagId: string, overrides: { closedAt?: Date; closedById?: string; closedReason?: string } = {}) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.interviewFlag.findUniqueOrThrow({ where: { id: flagId } });
    const flag = await tx.interviewFlag.update({
      where: { id: flagId },
      data: closing({ closedAt: overrides.closedAt ?? new Date(), closedById: overrides.closedById ?? current.flaggedById, closedReason: overrides.closedReason }),
    });
    await syncSummaries(tx, flag.interviewId);
    return flag;
  });
}

/** An interview (60 minutes from `scheduledAt`) with an open flag raised at its start, as a recovery starts. */
export async function makeFlaggedInterview(overrides: Parameters<typeof makeInterview>[0] = {}) {
  const interview = await makeInterview(overrides);
  await makeFlag(interview.id, { flaggedAt: interview.scheduledAt });
  return prisma.interview.findUniqueOrThrow({ where: { id: interview.id } });
}
