import { expect, test } from "vitest";
import { workQueueCounts } from "~/models/dashboard.server";
import { prisma } from "~/utils/db.server";
import { makeCandidate, makeInterview, makeUser } from "../db-utils";

const HOUR = 3600_000;

async function flag(interviewId: string, flaggedById: string, data: { hoursAgo: number; resolved?: boolean; removed?: boolean }) {
  const flaggedAt = new Date(Date.now() - data.hoursAgo * HOUR);
  return prisma.interviewFlag.create({
    data: {
      interviewId,
      flaggedById,
      severity: "serious",
      source: "recruiter_observed",
      flaggedAt,
      resolvedAt: data.resolved ? new Date() : null,
      removedAt: data.removed ? new Date() : null,
      reasons: { create: [{ reason: "late" }] },
    },
  });
}

test("counts a recruiter's own work, and the whole agency's for a manager", async () => {
  const riley = await makeUser();
  const casey = await makeUser();
  const rileyCandidate = await makeCandidate({ recruiterId: riley.id, status: "recovering" });
  await makeCandidate({ recruiterId: riley.id, status: "hired" });
  await makeCandidate({ recruiterId: casey.id, status: "open" });

  const fresh = await makeInterview({ candidateId: rileyCandidate.id });
  const old = await makeInterview({ candidateId: rileyCandidate.id });
  const resolved = await makeInterview({ candidateId: rileyCandidate.id });
  const removed = await makeInterview({ candidateId: rileyCandidate.id });
  const caseys = await makeInterview({ recruiterId: casey.id });
  await flag(fresh.id, riley.id, { hoursAgo: 3 });
  await flag(old.id, riley.id, { hoursAgo: 30 });
  await flag(resolved.id, riley.id, { hoursAgo: 2, resolved: true });
  await flag(removed.id, riley.id, { hoursAgo: 2, removed: true });
  await flag(caseys.id, casey.id, { hoursAgo: 1 });
  await prisma.secondInterviewRequest.create({
    data: { interviewId: old.id, candidateId: rileyCandidate.id, requestedAt: new Date(), requestedBy: "candidate", channel: "phone", recordedById: riley.id },
  });
  await prisma.secondInterviewRequest.create({
    data: { interviewId: fresh.id, candidateId: rileyCandidate.id, requestedAt: new Date(), requestedBy: "candidate", channel: "phone", response: "granted", recordedById: riley.id },
  });

  // caseys interview's candidate was made by makeInterview with Casey as recruiter: one more open candidate.
  expect(await workQueueCounts({ recruiterId: riley.id })).toEqual({ candidates: 1, openFlags: 2, insideWindow: 1, pendingRequests: 1 });
  expect(await workQueueCounts({ recruiterId: casey.id })).toEqual({ candidates: 2, openFlags: 1, insideWindow: 1, pendingRequests: 0 });
  expect(await workQueueCounts({})).toEqual({ candidates: 3, openFlags: 3, insideWindow: 2, pendingRequests: 1 });
});
