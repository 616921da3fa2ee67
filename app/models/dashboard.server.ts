// Headline counts for the dashboard: a recruiter's own work, or the whole agency's for a manager.
import { prisma } from "~/utils/db.server";

export const RECOVERY_WINDOW_HOURS = 24;

export async function workQueueCounts({ recruiterId }: { recruiterId?: string }) {
  const byRecruiter = recruiterId ? { recruiterId } : {};
  const windowStart = new Date(Date.now() - RECOVERY_WINDOW_HOURS * 3600_000);
  const openFlag = { removedAt: null, resolvedAt: null, interview: byRecruiter };
  const [candidates, openFlags, insideWindow, pendingRequests] = await Promise.all([
    prisma.candidate.count({ where: { ...byRecruiter, status: { in: ["open", "recovering"] } } }),
    prisma.interviewFlag.count({ where: openFlag }),
    prisma.interviewFlag.count({ where: { ...openFlag, flaggedAt: { gte: windowStart } } }),
    prisma.secondInterviewRequest.count({ where: { response: "pending", interview: byRecruiter } }),
  ]);
  return { candidates, openFlags, insideWindow, pendingRequests };
}
