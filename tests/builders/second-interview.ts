// Builders for the second-interview tests: a flagged interview and a request made straight in the database.
import { recoveryWindowClosesAt } from "~/models/recovery/rules";
import { prisma } from "~/utils/db.server";
import { makeInterview, makeUser } from "../db-utils";

/** An interview (60 minutes from `scheduledAt`) with an open flag, as a recovery starts. */
export async function makeFlaggedInterview(overrides: { candidateId?: string; recruiterId?: string; scheduledAt?: Date } = {}) {
  const interview = await makeInterview(overrides);
  await prisma.interviewFlag.create({
    data: { interviewId: interview.id, severity: "serious", source: "recruiter_observed", flaggedById: interview.recruiterId, flaggedAt: interview.scheduledAt, windowClosesAt: recoveryWindowClosesAt(interview) },
  });
  return interview;
}

export async function makeRequest(
  interview: { id: string; candidateId: string },
  overrides: { requestedAt?: Date; response?: string; recordedById?: string } = {},
) {
  return prisma.secondInterviewRequest.create({
    data: {
      interviewId: interview.id,
      candidateId: interview.candidateId,
      requestedAt: overrides.requestedAt ?? new Date("2026-11-20T15:00:00Z"),
      requestedBy: "candidate",
      channel: "phone",
      response: overrides.response ?? "pending",
      recordedById: overrides.recordedById ?? (await makeUser()).id,
    },
  });
}
