// Test builder for interview flags. Every write here recomputes Interview.flagSeverity and the candidate's
// openFlagCount with the app's own sync functions, in the same transaction, as the app's flag writes do.
// Columns a test doesn't name keep their schema defaults.
import { syncCandidateSummary, syncInterviewFlagSummary } from "~/models/candidates/summaries.server";
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
    resolvedAt?: Date | null;
    resolvedById?: string | null;
    removedAt?: Date | null;
  } = {},
) {
  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
  return prisma.$transaction(async (tx) => {
    const flag = await tx.interviewFlag.create({
      data: {
        interviewId,
        flaggedById: overrides.flaggedById ?? interview.recruiterId,
        flaggedAt: overrides.flaggedAt ?? new Date(),
        severity: overrides.severity ?? "serious",
        source: overrides.source ?? "recruiter_observed",
        description: overrides.description ?? null,
        otherReason: overrides.otherReason ?? null,
        resolvedAt: overrides.resolvedAt ?? null,
        resolvedById: overrides.resolvedById ?? null,
        removedAt: overrides.removedAt ?? null,
        reasons: { create: (overrides.reasons ?? ["late"]).map((reason) => ({ reason })) },
      },
    });
    await syncSummaries(tx, interviewId);
    return flag;
  });
}

/** Marks the flag removed (a mistake), as if it never counted. */
export async function removeFlag(flagId: string, removedAt = new Date()) {
  return prisma.$transaction(async (tx) => {
    const flag = await tx.interviewFlag.update({ where: { id: flagId }, data: { removedAt } });
    await syncSummaries(tx, flag.interviewId);
    return flag;
  });
}

/** Marks the flag resolved: it stays the interview's flag but no longer counts as open. */
export async function resolveFlag(flagId: string, overrides: { resolvedAt?: Date; resolvedById?: string } = {}) {
  return prisma.$transaction(async (tx) => {
    const current = await tx.interviewFlag.findUniqueOrThrow({ where: { id: flagId } });
    const flag = await tx.interviewFlag.update({
      where: { id: flagId },
      data: { resolvedAt: overrides.resolvedAt ?? new Date(), resolvedById: overrides.resolvedById ?? current.flaggedById },
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
