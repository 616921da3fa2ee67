// The dashboard: headline counts and the work queue — a recruiter's own work, or the whole agency's for a manager.
import { describeDeadline } from "~/utils/dates";
import { startOfDay } from "~/utils/zoned-time";
import { Prisma } from "~/.generated/prisma/client";
import { sqlDate } from "~/utils/sql-dialect.server";
import { countRows } from "~/utils/bounded-count.server";
import { prisma } from "~/utils/db.server";
import { inTaxonomyOrder, reasonLabel } from "../flags/reasons";
import { candidateStepsNotDone, overdueRecruiterSteps } from "../recovery/checklist.server";
import { inQueue, queueRules, recoveryOwnedBy } from "../recovery/lifecycle.server";
import { pendingRequestsOlderThan } from "../second-interviews/second-interview.server";

/** How many flagged interviews the dashboard lists; the rest are one link away. */
export const RECOVERY_QUEUE_LIMIT = 25;
/** Today and tomorrow rarely hold this many interviews even for the whole agency; the page says when it does. */
export const UPCOMING_LIMIT = 100;


type Scope = { recruiterId?: string };
/** What the queues leave out: closed, snoozed and quiet recoveries (lifecycle.server.ts). */
type Rules = { now: Date; quietAfter: Date };

// The dashboard is about the recruiter's own candidates (Candidate.recruiterId): whoever owns a candidate makes
// the calls, even for an interview someone else logged. Recoveries and second-interview requests carry their
// candidate's recruiter (recoveryOwnedBy), so each queue walks one index.


const ownedBy = (recruiterId?: string) => (recruiterId ? Prisma.sql`AND c."recruiterId" = ${recruiterId}` : Prisma.empty);

/**
 * The headline figures. `candidatesCap`: count open or recovering candidates no further than this (most of an
 * agency's candidates are, so the exact figure reads the whole table: 51 ms at 100,000); the result then says
 * whether it stopped there (`candidatesCapped`).
 */
export async function workQueueCounts({ recruiterId, rules, candidatesCap }: Scope & { rules: Rules; candidatesCap?: number }) {
  const byRecruiter = recruiterId ? { recruiterId } : {};
  const [candidates, openFlags, insideWindow, pendingRequests] = await Promise.all([
    // Raw, because Prisma's count with `take` adds ORDER BY id, which walked every candidate in id order (110 ms at a
    // million) instead of the (recruiterId, status) index.
    countRows(
      Prisma.sql`FROM "Candidate" c WHERE c."status" IN ('open', 'recovering') ${ownedBy(recruiterId)}`,
      candidatesCap,
    ),
    // Candidate.openFlagCount is kept in step with the flags (summaries.server.ts): no need to visit each flag.
    prisma.candidate
      .aggregate({ _sum: { openFlagCount: true }, where: { ...byRecruiter, openFlagCount: { gt: 0 } } })
      .then((r) => r._sum.openFlagCount ?? 0),
    prisma.$queryRaw<{ n: bigint | number }[]>`
      SELECT COUNT(*) AS n FROM "InterviewFlag" f
      WHERE ${inQueue(rules)} AND f."windowClosesAt" >= ${sqlDate(rules.now)} ${recoveryOwnedBy(recruiterId)}`.then((r) => Number(r[0]?.n ?? 0)),
    prisma.secondInterviewRequest.count({ where: { response: "pending", ...byRecruiter } }),
  ]);
  if (candidatesCap === undefined) return { candidates: candidates.total, openFlags, insideWindow, pendingRequests };
  return { candidates: candidates.total, candidatesCapped: candidates.capped, openFlags, insideWindow, pendingRequests };
}

const queueSelect = {
  id: true,
  severity: true,
  otherReason: true,
  flaggedAt: true,
  windowClosesAt: true,
  recoveryState: true,
  reasons: { select: { reason: true } },
  interview: {
    select: {
      id: true,
      roleTitle: true,
      scheduledAt: true,
      company: { select: { name: true } },
      candidate: { select: { id: true, name: true, phone: true, recruiter: { select: { id: true, name: true } } } },
    },
  },
} as const;

export type RecoveryQueueItem = {
  flagId: string;
  interviewId: string;
  candidate: { id: string; name: string; phone: string | null };
  company: string;
  roleTitle: string;
  recruiter: { id: string; name: string };
  severity: string;
  reasons: string[];
  flaggedAt: Date;
  recoveryState: string;
  /** The recovery window's end: the interview's end + 24 hours. */
  deadline: Date;
  overdue: boolean;
  /** "5 h 10 min left" / "overdue by 2 d 3 h", worked out on the server so the page and its hydration agree. */
  timeLeft: string;
};

/**
 * Open recoveries (not snoozed, not quiet) in the order a recruiter should call: those still inside their 24-hour
 * window first, least time left at the top (they can still be saved on time); then those past it, most recently
 * closed window first (the fresher the bad interview, the likelier a call still helps). Two bounded queries on the
 * (closedAt, removedAt, windowClosesAt) index, then one to read the rows shown.
 */
export async function recoveryQueue({ recruiterId, rules, limit = RECOVERY_QUEUE_LIMIT }: Scope & { rules: Rules; limit?: number }) {
  const { now } = rules;
  const openFlags = Prisma.sql`
    SELECT f."id" FROM "InterviewFlag" f WHERE ${inQueue(rules)} ${recoveryOwnedBy(recruiterId)}`;
  const [insideIds, overdueIds] = await Promise.all([
    prisma.$queryRaw<{ id: string }[]>`${openFlags} AND f."windowClosesAt" >= ${sqlDate(now)} ORDER BY f."windowClosesAt" ASC LIMIT ${limit}`,
    prisma.$queryRaw<{ id: string }[]>`${openFlags} AND f."windowClosesAt" < ${sqlDate(now)} ORDER BY f."windowClosesAt" DESC LIMIT ${limit}`,
  ]);
  const ids = [...insideIds, ...overdueIds].slice(0, limit).map((r) => r.id);
  const rows = await prisma.interviewFlag.findMany({ where: { id: { in: ids } }, select: queueSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const flags = ids.flatMap((id) => byId.get(id) ?? []);
  return flags.map((f): RecoveryQueueItem => ({
    flagId: f.id,
    interviewId: f.interview.id,
    candidate: { id: f.interview.candidate.id, name: f.interview.candidate.name, phone: f.interview.candidate.phone },
    company: f.interview.company.name,
    roleTitle: f.interview.roleTitle,
    recruiter: f.interview.candidate.recruiter,
    severity: f.severity,
    reasons: inTaxonomyOrder(f.reasons.map((r) => r.reason)).map((r) => reasonLabel(r, f.otherReason)),
    flaggedAt: f.flaggedAt,
    recoveryState: f.recoveryState,
    deadline: f.windowClosesAt,
    overdue: f.windowClosesAt < now,
    timeLeft: describeDeadline(f.windowClosesAt, now),
  }));
}

/** Interviews on today's and tomorrow's calendar days in the agency's zone, earliest first. */
export async function interviewsTodayAndTomorrow({
  recruiterId,
  timeZone,
  now = new Date(),
  limit = UPCOMING_LIMIT,
}: Scope & { timeZone: string; now?: Date; limit?: number }) {
  const today = startOfDay(timeZone, now);
  const tomorrow = startOfDay(timeZone, now, 1);
  const dayAfter = startOfDay(timeZone, now, 2);
  const interviews = await prisma.interview.findMany({
    // Two days of interviews are few: the scheduledAt index finds them, then the owner is checked per row.
    where: { ...(recruiterId ? { candidate: { recruiterId } } : {}), scheduledAt: { gte: today, lt: dayAfter } },
    orderBy: [{ scheduledAt: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: {
      id: true,
      scheduledAt: true,
      roleTitle: true,
      round: true,
      format: true,
      flagSeverity: true,
      company: { select: { name: true } },
      candidate: { select: { id: true, name: true, recruiter: { select: { id: true, name: true } } } },
    },
  });
  const shown = interviews.slice(0, limit);
  return {
    today: { start: today, interviews: shown.filter((i) => i.scheduledAt < tomorrow) },
    tomorrow: { start: tomorrow, interviews: shown.filter((i) => i.scheduledAt >= tomorrow) },
    truncated: interviews.length > limit,
  };
}

/** The people a manager can filter the dashboard by. */
export async function listDashboardRecruiters() {
  return prisma.user.findMany({
    where: { active: true },
    select: { id: true, name: true, role: true },
    orderBy: { name: "asc" },
  });
}

/**
 * Everything the dashboard shows. Recruiters always see their own work; managers see the agency's, or one
 * recruiter's when they pick one (an unknown id falls back to the whole agency).
 */
export async function getDashboard({
  user,
  recruiterFilter,
  timeZone,
  now = new Date(),
}: {
  user: { id: string; role: string };
  recruiterFilter?: string | null;
  timeZone: string;
  now?: Date;
}) {
  const isManager = user.role === "manager";
  const recruiters = isManager ? await listDashboardRecruiters() : [];
  const recruiterId = isManager ? recruiters.find((r) => r.id === recruiterFilter)?.id : user.id;
  const scope = { recruiterId };
  const rules = await queueRules(now);
  const [counts, queue, upcoming, overdueSteps, candidateSteps, waitingRequests] = await Promise.all([
    workQueueCounts({ ...scope, rules }),
    recoveryQueue({ ...scope, rules }),
    interviewsTodayAndTomorrow({ ...scope, timeZone, now }),
    overdueRecruiterSteps({ ...scope, rules }),
    candidateStepsNotDone({ ...scope, rules }),
    pendingRequestsOlderThan({ ...scope, rules }),
  ]);
  return {
    isManager,
    recruiters,
    recruiterId: recruiterId ?? null,
    counts,
    queue,
    upcoming,
    overdueSteps,
    candidateSteps,
    waitingRequests,
  };
}
