// Test builder for second-interview requests (a candidate asking for another chance after a bad interview). Like the
// app's writes, it recomputes the candidate's recovery facts in the same transaction.
import { syncRecoveryFacts } from "~/models/stats/recovery-facts.server";
import { prisma } from "~/utils/db.server";

export async function makeSecondInterviewRequest(
  interviewId: string,
  overrides: { requestedAt?: Date; response?: string; respondedAt?: Date | null; recordedById?: string; createdAt?: Date } = {},
) {
  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId }, include: { candidate: { select: { recruiterId: true } } } });
  return prisma.$transaction(async (tx) => {
    const request = await tx.secondInterviewRequest.create({
      data: {
        interviewId,
        candidateId: interview.candidateId,
        requestedAt: overrides.requestedAt ?? new Date(),
        requestedBy: "candidate",
        channel: "phone",
        response: overrides.response ?? "pending",
        respondedAt: overrides.respondedAt ?? null,
        recordedById: overrides.recordedById ?? interview.recruiterId,
        recruiterId: interview.candidate.recruiterId,
        createdAt: overrides.createdAt ?? new Date(),
      },
    });
    await syncRecoveryFacts(tx, interview.candidateId);
    return request;
  });
}
