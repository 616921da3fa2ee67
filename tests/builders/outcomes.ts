// Test builder for candidacy outcomes (hired, rejected, ...), recorded by the candidate's recruiter by default. Like the
// app's writes, it recomputes the candidate's recovery facts in the same transaction.
import { syncRecoveryFacts } from "~/models/stats/recovery-facts.server";
import { prisma } from "~/utils/db.server";

export async function makeOutcome(
  candidateId: string,
  overrides: { interviewId?: string; companyId?: string; outcome?: string; decidedAt?: Date; recordedById?: string } = {},
) {
  const candidate = await prisma.candidate.findUniqueOrThrow({ where: { id: candidateId } });
  return prisma.$transaction(async (tx) => {
    const outcome = await tx.candidacyOutcome.create({
      data: {
        candidateId,
        interviewId: overrides.interviewId ?? null,
        companyId: overrides.companyId ?? null,
        outcome: overrides.outcome ?? "hired",
        decidedAt: overrides.decidedAt ?? new Date(),
        recordedById: overrides.recordedById ?? candidate.recruiterId,
      },
    });
    await syncRecoveryFacts(tx, candidateId);
    return outcome;
  });
}
