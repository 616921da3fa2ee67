// The dashboard's inbox for today: what needs doing now, section by section, each a few items and a total that links
// to the full list (/inbox/<section>, paginated). Every section keeps the queue rules (inQueue): closed, snoozed and
// quiet recoveries never show. Raw SQL for the same reason as dashboard.server.ts: start from the few open flags.
import { Prisma } from "~/.generated/prisma/client";
import { describeDeadline } from "~/utils/dates";
import { startOfDay } from "~/utils/zoned-time";
import { prisma } from "~/utils/db.server";
import { FORCED_JOIN, readDate, sqlDate } from "~/utils/sql-dialect.server";
import { countRows, DASHBOARD_COUNT_CAP, GLANCE_COUNT_CAP } from "~/utils/bounded-count.server";
import { parseAuditEvent } from "../audit/events";
import { candidateStepsNotDone, overdueRecruiterSteps } from "../recovery/checklist.server";
import { inQueue, queueRules, recoveryOwnedBy } from "../recovery/lifecycle.server";
import { listDashboardRecruiters, workQueueCounts } from "./dashboard.server";
import { RECOVERY_WINDOW_HOURS } from "../recovery/rules";
import { pendingRequestsOlderThan } from "../second-interviews/second-interview.server";

/** How many items each inbox section shows on the dashboard; the rest are one "All N" link away. */
export const INBOX_SECTION_SIZE = 5;
/** Rows per page of a section's full list. */
export const INBOX_PAGE_SIZE = 25;
/** With no "Mark as seen" yet, activity of the last week counts as new (older news is no news). */
const FIRST_LOOK_DAYS = 7;

// "candidate-steps" is not in the inbox (the candidate does those) but lists below it, with its own full list.
export const inboxSections = ["calls", "upcoming", "activity", "overdue-steps", "requests", "candidate-steps"] as const;
export type InboxSection = (typeof inboxSections)[number];

type Rules = { now: Date; quietAfter: Date };
type Scope = { recruiterId?: string };
/** countCap: count no further than this (the dashboard's "99+"); left out, the exact total (the full lists). */
type Page = { offset?: number; limit?: number; countCap?: number };

const ownedBy = (recruiterId?: string) => (recruiterId ? Prisma.sql`AND c."recruiterId" = ${recruiterId}` : Prisma.empty);

// ---------------------------------------------------------------------------------------------------------------
// Calls due inside the window

export type CallDue = {
  flagId: string;
  interviewId: string;
  candidate: { id: string; name: string; phone: string | null };
  company: string;
  roleTitle: string;
  recruiter: { id: string; name: string };
  severity: string;
  windowClosesAt: Date;
  /** "5 h 10 min left", worked out on the server so the page and its hydration agree. */
  timeLeft: string;
  /** The checklist's call step still to do, which the dashboard can mark done inline; null when there is none. */
  callStep: { id: string; title: string } | null;
};

/**
 * The checklist's "call the hiring manager" step is the one due exactly when the recovery window closes (the
 * default playbook's "Phone the hiring manager within 24 hours"): playbooks are editable, so the rule is the due
 * offset, not the title.
 */
export const CALL_STEP_OFFSET_MINUTES = RECOVERY_WINDOW_HOURS * 60;

/** SQL (alias `f`): the recovery's call step isn't done or skipped yet; a recovery without a checklist still needs its call. */
const callNotMade = Prisma.sql`NOT EXISTS (
  SELECT 1 FROM "ChecklistRun" cr
  JOIN "ChecklistStepState" cs ON cs."runId" = cr."id"
  JOIN "PlaybookStep" cp ON cp."id" = cs."stepId"
  WHERE cr."flagId" = f."id" AND cp."dueOffsetMinutes" = ${CALL_STEP_OFFSET_MINUTES} AND cs."status" <> 'pending')`;

type CallDueRow = {
  id: string;
  severity: string;
  windowClosesAt: unknown;
  interviewId: string;
  roleTitle: string;
  company: string;
  candidateId: string;
  candidateName: string;
  phone: string | null;
  recruiterId: string;
  recruiterName: string;
  callStepId: string | null;
  callStepTitle: string | null;
};

/** Open recoveries still inside their 24-hour window whose call isn't made yet, least time left first. */
export async function callsDue({ recruiterId, rules, offset = 0, limit = INBOX_SECTION_SIZE, countCap }: Scope & Page & { rules: Rules }) {
  const from = Prisma.sql`
    FROM "InterviewFlag" f
    WHERE ${inQueue(rules)} AND f."windowClosesAt" >= ${sqlDate(rules.now)} AND ${callNotMade} ${recoveryOwnedBy(recruiterId)}`;
  // The page's rows in one statement: each Prisma relation read is a query of its own, and the nested read these
  // rows need took 22 ms against 1.4 ms for the joins. The call step is looked up from the recovery's own run by its
  // key (from the step side, SQLite would walk every pending step of the agency for each row).
  const [rows, { total, capped }] = await Promise.all([
    prisma.$queryRaw<CallDueRow[]>`
      SELECT f."id", f."severity", f."windowClosesAt", i."id" AS "interviewId", i."roleTitle", co."name" AS "company",
        c."id" AS "candidateId", c."name" AS "candidateName", c."phone", u."id" AS "recruiterId", u."name" AS "recruiterName",
        cs."id" AS "callStepId", cp."title" AS "callStepTitle"
      FROM (SELECT f."id" ${from} ORDER BY f."windowClosesAt" ASC, f."id" ASC LIMIT ${limit} OFFSET ${offset}) page
      JOIN "InterviewFlag" f ON f."id" = page."id"
      JOIN "Interview" i ON i."id" = f."interviewId"
      JOIN "Company" co ON co."id" = i."companyId"
      JOIN "Candidate" c ON c."id" = i."candidateId"
      JOIN "User" u ON u."id" = c."recruiterId"
      LEFT JOIN "ChecklistRun" r ON r."flagId" = f."id" AND r."status" = 'active'
      LEFT JOIN "ChecklistStepState" cs ON cs."id" = (
        SELECT s."id" FROM "ChecklistStepState" s ${FORCED_JOIN} "PlaybookStep" p ON p."id" = s."stepId"
        WHERE s."runId" = r."id" AND s."status" = 'pending' AND p."dueOffsetMinutes" = ${CALL_STEP_OFFSET_MINUTES}
        ORDER BY p."position" LIMIT 1)
      LEFT JOIN "PlaybookStep" cp ON cp."id" = cs."stepId"
      ORDER BY f."windowClosesAt" ASC, f."id" ASC`,
    countRows(from, countCap),
  ]);
  const items = rows.map((r): CallDue => {
    const windowClosesAt = readDate(r.windowClosesAt)!;
    return {
      flagId: r.id,
      interviewId: r.interviewId,
      candidate: { id: r.candidateId, name: r.candidateName, phone: r.phone },
      company: r.company,
      roleTitle: r.roleTitle,
      recruiter: { id: r.recruiterId, name: r.recruiterName },
      severity: r.severity,
      windowClosesAt,
      timeLeft: describeDeadline(windowClosesAt, rules.now),
      callStep: r.callStepId && r.callStepTitle ? { id: r.callStepId, title: r.callStepTitle } : null,
    };
  });
  return { items, total, capped };
}

// ---------------------------------------------------------------------------------------------------------------
// Today's and tomorrow's interviews

type UpcomingRow = {
  id: string;
  scheduledAt: unknown;
  roleTitle: string;
  round: string;
  flagSeverity: string | null;
  company: string;
  candidateId: string;
  candidateName: string;
  recruiterId: string;
  recruiterName: string;
};

export async function upcomingInterviews({
  recruiterId,
  timeZone,
  now,
  offset = 0,
  limit = INBOX_SECTION_SIZE,
  countCap,
  days = 2,
}: Scope & Page & { timeZone: string; now: Date; /** 1: today only (the morning digest); 2: today and tomorrow. */ days?: 1 | 2 }) {
  const today = startOfDay(timeZone, now);
  const tomorrow = startOfDay(timeZone, now, 1);
  const dayAfter = startOfDay(timeZone, now, days);
  // Two days of interviews are few: the scheduledAt index finds them in order, then the owner is checked per row.
  // The page's rows in one statement with their names (a nested Prisma read is a query per relation).
  const where = Prisma.sql`
    WHERE i."scheduledAt" >= ${sqlDate(today)} AND i."scheduledAt" < ${sqlDate(dayAfter)}
    ${recruiterId ? Prisma.sql`AND c."recruiterId" = ${recruiterId}` : Prisma.empty}`;
  const [rows, counted] = await Promise.all([
    prisma.$queryRaw<UpcomingRow[]>`
      SELECT i."id", i."scheduledAt", i."roleTitle", i."round", i."flagSeverity", co."name" AS "company",
        c."id" AS "candidateId", c."name" AS "candidateName", u."id" AS "recruiterId", u."name" AS "recruiterName"
      FROM "Interview" i
      JOIN "Candidate" c ON c."id" = i."candidateId"
      JOIN "Company" co ON co."id" = i."companyId"
      JOIN "User" u ON u."id" = c."recruiterId"
      ${where}
      ORDER BY i."scheduledAt" ASC, i."id" ASC LIMIT ${limit} OFFSET ${offset}`,
    countRows(Prisma.sql`FROM "Interview" i JOIN "Candidate" c ON c."id" = i."candidateId" ${where}`, countCap),
  ]);
  const total = counted.total;
  const items = rows.map((r) => {
    const scheduledAt = readDate(r.scheduledAt)!;
    return {
      id: r.id,
      scheduledAt,
      roleTitle: r.roleTitle,
      round: r.round,
      flagSeverity: r.flagSeverity,
      company: { name: r.company },
      candidate: { id: r.candidateId, name: r.candidateName, recruiter: { id: r.recruiterId, name: r.recruiterName } },
      day: scheduledAt < tomorrow ? ("today" as const) : ("tomorrow" as const),
    };
  });
  return {
    items,
    total,
    capped: counted.capped,
    today,
    tomorrow,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Candidate activity since the user last looked

export type CandidateActivity = {
  id: string;
  at: Date;
  candidate: { id: string; name: string };
  recruiter: { id: string; name: string };
  interviewId: string | null;
  /** What the candidate did, in the recruiter's words: "ticked “Calm down…”". */
  what: string;
};

/** Where "new" activity starts: the user's last "Mark as seen", or a week ago before their first. */
export function activitySince(seenAt: Date | null, now: Date) {
  return seenAt ?? new Date(now.getTime() - FIRST_LOOK_DAYS * 24 * 3600_000);
}

function describeActivity(row: { action: string; before: string | null; after: string | null }) {
  const event = parseAuditEvent(row);
  switch (event.action) {
    case "coaching.step_done_by_candidate":
      return { what: `ticked “${event.after.stepTitle}”`, interviewId: event.after.interviewId };
    case "coaching.reflection_saved":
      return { what: "wrote in their reflection", interviewId: event.after.interviewId };
    case "candidate.unsubscribed":
      return { what: "unsubscribed from emails", interviewId: null };
    default:
      return { what: "was active on their page", interviewId: null };
  }
}

/** What candidates did themselves (their audit events) since `since`, newest first. */
export async function candidateActivity({ recruiterId, since, offset = 0, limit = INBOX_SECTION_SIZE, countCap }: Scope & Page & { since: Date }) {
  // The (at) index bounds the events to the few since the last look; the candidate join checks the owner.
  const from = Prisma.sql`
    FROM "AuditEvent" a
    JOIN "Candidate" c ON c."id" = a."candidateId"
    WHERE a."at" > ${sqlDate(since)} AND a."actorLabel" = 'candidate' ${ownedBy(recruiterId)}`;
  const [ids, { total, capped }] = await Promise.all([
    prisma.$queryRaw<{ id: string }[]>`SELECT a."id" ${from} ORDER BY a."at" DESC, a."id" DESC LIMIT ${limit} OFFSET ${offset}`,
    countRows(from, countCap),
  ]);
  if (!ids.length) return { items: [] as CandidateActivity[], total, capped };
  const rows = await prisma.auditEvent.findMany({
    where: { id: { in: ids.map((r) => r.id) } },
    select: {
      id: true,
      at: true,
      action: true,
      before: true,
      after: true,
      candidate: { select: { id: true, name: true, recruiter: { select: { id: true, name: true } } } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids.flatMap(({ id }): CandidateActivity[] => {
    const r = byId.get(id);
    if (!r?.candidate) return [];
    return [{ id: r.id, at: r.at, candidate: { id: r.candidate.id, name: r.candidate.name }, recruiter: r.candidate.recruiter, ...describeActivity(r) }];
  });
  return { items, total, capped };
}

export async function getActivitySeenAt(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { activitySeenAt: true } });
  return user?.activitySeenAt ?? null;
}

/**
 * "Mark as seen": activity up to the moment the page was shown counts as seen, so whatever arrived while the user
 * read it stays new. Never moves backwards.
 */
export async function markActivitySeen(userId: string, shownAt: Date, now = new Date()) {
  const seenAt = shownAt < now ? shownAt : now;
  await prisma.user.updateMany({
    where: { id: userId, OR: [{ activitySeenAt: null }, { activitySeenAt: { lt: seenAt } }] },
    data: { activitySeenAt: seenAt },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Team load (managers)

export type TeamLoadRow = { recruiter: { id: string; name: string; role: string }; openRecoveries: number; callsDue: number; overdueSteps: number };

/**
 * Per recruiter: open recoveries (all of them, as the /interviews list it links to counts them), calls due inside
 * the window and overdue recruiter steps (both by the queue rules). One grouped query, however many recruiters.
 */
export async function teamLoad({ rules, people }: { rules: Rules; people: { id: string; name: string; role: string }[] }) {
  const now = sqlDate(rules.now);
  const rows = await prisma.$queryRaw<{ recruiterId: string; openRecoveries: bigint | number; callsDue: bigint | number; overdueSteps: bigint | number }[]>`
    SELECT t."recruiterId", SUM(t."open") AS "openRecoveries", SUM(t."call") AS "callsDue", SUM(t."overdue") AS "overdueSteps"
    FROM (
      -- Candidate.openFlagCount is kept in step with the flags (summaries.server.ts): no need to visit each flag.
      -- Grouped here, so the (recruiterId, openFlagCount) index alone answers it (ungrouped, SQLite read 33,000
      -- candidate rows at a million).
      SELECT c."recruiterId" AS "recruiterId", SUM(c."openFlagCount") AS "open", 0 AS "call", 0 AS "overdue"
      FROM "Candidate" c WHERE c."openFlagCount" > 0 GROUP BY c."recruiterId"
      UNION ALL
      SELECT f."recruiterId", 0, 1, 0
      FROM "InterviewFlag" f
      WHERE ${inQueue(rules)} AND f."windowClosesAt" >= ${now} AND ${callNotMade}
      UNION ALL
      SELECT f."recruiterId", 0, 0, 1
      FROM "ChecklistStepState" s
      JOIN "PlaybookStep" p ON p."id" = s."stepId"
      JOIN "ChecklistRun" r ON r."id" = s."runId"
      JOIN "InterviewFlag" f ON f."id" = r."flagId"
      WHERE s."status" = 'pending' AND p."owner" = 'recruiter' AND r."status" = 'active' AND s."dueAt" < ${now} AND ${inQueue(rules)}
    ) t
    GROUP BY t."recruiterId"`;
  const byRecruiter = new Map(rows.map((r) => [r.recruiterId, r]));
  return people
    .map((person): TeamLoadRow => {
      const r = byRecruiter.get(person.id);
      return {
        recruiter: person,
        openRecoveries: Number(r?.openRecoveries ?? 0),
        callsDue: Number(r?.callsDue ?? 0),
        overdueSteps: Number(r?.overdueSteps ?? 0),
      };
    })
    .filter((row) => row.recruiter.role === "recruiter" || row.openRecoveries > 0 || row.overdueSteps > 0)
    .sort((a, b) => b.callsDue - a.callsDue || b.overdueSteps - a.overdueSteps || b.openRecoveries - a.openRecoveries || a.recruiter.name.localeCompare(b.recruiter.name));
}

// ---------------------------------------------------------------------------------------------------------------
// The whole inbox, and one section's full list

export async function getInbox({
  recruiterId,
  rules,
  timeZone,
  seenAt,
}: Scope & { rules: Rules; timeZone: string; seenAt: Date | null }) {
  const since = activitySince(seenAt, rules.now);
  // Each section reads its few items and counts no further than "99+": the page costs the same however big the agency.
  const countCap = DASHBOARD_COUNT_CAP;
  const [calls, upcoming, activity, overdueSteps, requests] = await Promise.all([
    callsDue({ recruiterId, rules, countCap }),
    upcomingInterviews({ recruiterId, timeZone, now: rules.now, countCap }),
    candidateActivity({ recruiterId, since, countCap }),
    overdueRecruiterSteps({ recruiterId, rules, limit: INBOX_SECTION_SIZE, countCap }),
    pendingRequestsOlderThan({ recruiterId, rules, limit: INBOX_SECTION_SIZE, countCap }),
  ]);
  return {
    calls,
    upcoming,
    activity: { ...activity, since, firstLook: !seenAt },
    overdueSteps: { items: overdueSteps.steps, total: overdueSteps.total, capped: overdueSteps.capped },
    requests: { items: requests.requests, total: requests.total, capped: requests.capped },
  };
}

/** One page of one section, for /inbox/<section>. */
export async function getInboxSection(
  section: InboxSection,
  { recruiterId, rules, timeZone, seenAt, page }: Scope & { rules: Rules; timeZone: string; seenAt: Date | null; page: number },
) {
  const offset = (page - 1) * INBOX_PAGE_SIZE;
  const limit = INBOX_PAGE_SIZE;
  switch (section) {
    case "calls":
      return { section: "calls" as const, ...(await callsDue({ recruiterId, rules, offset, limit })) };
    case "upcoming":
      return { section: "upcoming" as const, ...(await upcomingInterviews({ recruiterId, timeZone, now: rules.now, offset, limit })) };
    case "activity":
      return { section: "activity" as const, ...(await candidateActivity({ recruiterId, since: activitySince(seenAt, rules.now), offset, limit })) };
    case "overdue-steps": {
      const { steps, total } = await overdueRecruiterSteps({ recruiterId, rules, offset, limit });
      return { section: "overdue-steps" as const, items: steps, total };
    }
    case "requests": {
      const { requests, total } = await pendingRequestsOlderThan({ recruiterId, rules, offset, limit });
      return { section: "requests" as const, items: requests, total };
    }
    case "candidate-steps": {
      const { steps, total } = await candidateStepsNotDone({ recruiterId, rules, offset, limit });
      return { section: "candidate-steps" as const, items: steps, total };
    }
  }
}

/**
 * Everything the dashboard shows: the inbox, the headline counts, the candidates' own steps, and for a manager the
 * team's load. Recruiters always see their own work; managers the agency's, or one recruiter's when they pick one
 * (an unknown id falls back to the whole agency).
 */
export async function getTodayDashboard({
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
  const [recruiters, rules, seenAt] = await Promise.all([
    isManager ? listDashboardRecruiters() : Promise.resolve([]),
    queueRules(now),
    getActivitySeenAt(user.id),
  ]);
  const recruiterId = isManager ? recruiters.find((r) => r.id === recruiterFilter)?.id : user.id;
  const [inbox, counts, candidateSteps, team] = await Promise.all([
    getInbox({ recruiterId, rules, timeZone, seenAt }),
    workQueueCounts({ recruiterId, rules, candidatesCap: GLANCE_COUNT_CAP }),
    candidateStepsNotDone({ recruiterId, rules, limit: INBOX_SECTION_SIZE, countCap: DASHBOARD_COUNT_CAP }),
    isManager && !recruiterId ? teamLoad({ rules, people: recruiters }) : Promise.resolve(null),
  ]);
  return { isManager, recruiters, recruiterId: recruiterId ?? null, inbox, counts, candidateSteps, team };
}

/** Whose work a section's full list shows: the same scope rules as the dashboard. */
export async function inboxScope(user: { id: string; role: string }, recruiterFilter: string | null) {
  if (user.role !== "manager") return { recruiterId: user.id, recruiterName: null };
  const recruiters = await listDashboardRecruiters();
  const chosen = recruiters.find((r) => r.id === recruiterFilter);
  return { recruiterId: chosen?.id, recruiterName: chosen?.name ?? null };
}
