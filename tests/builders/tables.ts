// Builders for the table tests: flagged interviews (summaries kept in step) and a signed-in request.
import { recoveryWindowClosesAt } from "~/models/recovery/rules";
import { syncCandidateSummary, syncInterviewFlagSummary } from "~/models/candidates/summaries.server";
import { prisma } from "~/utils/db.server";
import { makeInterview } from "../db-utils";

export async function flagInterview(
  interviewId: string,
  { severity = "serious", reasons = ["nerves"], removed = false }: { severity?: string; reasons?: string[]; removed?: boolean } = {},
) {
  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
  await prisma.$transaction(async (tx) => {
    await tx.interviewFlag.create({
      data: {
        interviewId,
        severity,
        source: "recruiter_observed",
        flaggedById: interview.recruiterId,
        windowClosesAt: recoveryWindowClosesAt(interview),
        removedAt: removed ? new Date() : null,
        reasons: { create: reasons.map((reason) => ({ reason })) },
      },
    });
    await syncInterviewFlagSummary(tx, interviewId);
    await syncCandidateSummary(tx, interview.candidateId);
  });
}

/** An interview with the candidate's summary columns updated, as the real write paths do. */
export async function makeTrackedInterview(overrides: Parameters<typeof makeInterview>[0] = {}) {
  const interview = await makeInterview(overrides);
  await syncCandidateSummary(prisma, interview.candidateId);
  return interview;
}

/** A GET/POST request carrying a valid session cookie for the user. */
