// The staff digests, sent by the scheduler through the outbox:
// - a recruiter's morning digest (working days, 08:00 in the agency's zone): calls due inside the window, today's
//   interviews, overdue steps and what their candidates did since the last digest. Nothing to say, no email.
// - a manager's weekly summary (Mondays, 08:00): last week's flags, recoveries closed by reason, hires after a
//   recovery, the recruiters with the most overdue work, and a link to /stats for that week.
// Each user can switch either off (My profile → Notifications). A digest's Message-ID is fixed by its user and day,
// so a job that runs twice (its lease expired mid-run) queues each email once.
import { createElement } from "react";
import { render } from "@react-email/render";
import { DateTime } from "luxon";
import { DigestEmail, type DigestEmailValues, type DigestLine, type DigestSection } from "../../../emails/digest";
import { formatDate, formatTime } from "~/utils/dates";
import { localClock, nextLocalTime, previousLocalTime, startOfDay, WORKING_DAYS } from "~/utils/zoned-time";
import { isUniqueViolation, prisma, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { closingReasons, flagReasons } from "../enums";
import { getAgency } from "../agency/agency.server";
import { jobKeys } from "../jobs/kinds";
import { scheduleJob } from "../jobs/schedule.server";
import { callsDue, candidateActivity, teamLoad, upcomingInterviews } from "../dashboard/inbox.server";
import { listDashboardRecruiters } from "../dashboard/dashboard.server";
import { overdueRecruiterSteps } from "../recovery/checklist.server";
import { queueRules } from "../recovery/lifecycle.server";
import { queueStaffEmailInTx } from "../email/staff-email.server";
import { wakeEmailWorker } from "../email/email.server";

/** Both digests go out at this wall-clock time in the agency's zone. */
export const DIGEST_TIME = "08:00";
/** A digest that cannot go out by noon (the server was down) is skipped: by then it is yesterday's news. */
export const DIGEST_LATEST_HOUR = 12;
/** How many lines each section of a digest lists; the rest are one "All N" link away. */
export const DIGEST_ITEMS = 8;
const MONDAY = [1] as const;

export const nextMorningDigestAt = (after: Date, timeZone: string) => nextLocalTime(after, timeZone, DIGEST_TIME, WORKING_DAYS);
export const nextWeeklySummaryAt = (after: Date, timeZone: string) => nextLocalTime(after, timeZone, DIGEST_TIME, MONDAY);

/**
 * Plans both digests at their next time in the zone, inside the caller's transaction. `replace`: move live ones too
 * (the agency's zone changed); otherwise a live digest job is left alone (every start-up calls this).
 */
export async function scheduleDigestsInTx(tx: Tx, timeZone: string, now: Date, { replace = false } = {}) {
  const plans = [
    { kind: "digest.morning" as const, key: jobKeys.morningDigest(), runAt: nextMorningDigestAt(now, timeZone) },
    { kind: "digest.weekly" as const, key: jobKeys.weeklySummary(), runAt: nextWeeklySummaryAt(now, timeZone) },
  ];
  for (const plan of plans) {
    if (!replace && (await tx.job.findUnique({ where: { key: plan.key }, select: { id: true } }))) continue;
    await scheduleJob(tx, { kind: plan.kind, runAt: plan.runAt, payload: {}, key: plan.key }, now);
  }
}

/**
 * Whether a digest may go out now: a working day (Mondays for the summary), from 08:00 to noon in the zone. A run
 * planned on another zone's clock (the agency's zone changed) sends nothing early and plans the right 08:00.
 */
function inSendingHours(now: Date, timeZone: string, weekdays: readonly number[]) {
  const clock = localClock(now, timeZone);
  const earliest = Number(DIGEST_TIME.slice(0, 2));
  return weekdays.includes(clock.weekday) && clock.hour >= earliest && clock.hour < DIGEST_LATEST_HOUR;
}

const appLink = (path: string) => `${env.APP_URL}${path}`;
const digestMessageId = (kind: "morning" | "weekly", day: string, userId: string) =>
  `<digest.${kind}.${day}.${userId}@${new URL(env.APP_URL).hostname || "rebound.localhost"}>`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type Recipient = { id: string; name: string; email: string };

// ---------------------------------------------------------------------------------------------------------------
// The morning digest

export type MorningDigest = {
  calls: { items: DigestLine[]; total: number };
  interviews: { items: DigestLine[]; total: number };
  overdueSteps: { items: DigestLine[]; total: number };
  activity: { items: DigestLine[]; total: number; since: Date };
};

/** Activity counts from the previous digest's time (Friday's on a Monday), so nothing between two digests is missed. */
export function morningDigestSince(now: Date, timeZone: string) {
  return previousLocalTime(startOfDay(timeZone, now), timeZone, DIGEST_TIME, WORKING_DAYS);
}

/** What one user's morning digest says: their own candidates' work, each line linking to where it is done. */
export async function morningDigestFor(userId: string, { now, timeZone }: { now: Date; timeZone: string }): Promise<MorningDigest> {
  const rules = await queueRules(now);
  const since = morningDigestSince(now, timeZone);
  const scope = { recruiterId: userId, limit: DIGEST_ITEMS };
  const [calls, interviews, overdue, activity] = await Promise.all([
    callsDue({ ...scope, rules }),
    upcomingInterviews({ ...scope, timeZone, now, days: 1 }),
    overdueRecruiterSteps({ ...scope, rules }),
    candidateActivity({ ...scope, since }),
  ]);
  return {
    calls: {
      total: calls.total,
      items: calls.items.map((c) => ({
        text: `${c.candidate.name} — ${c.company}, ${c.roleTitle}: call the company (${c.timeLeft})${c.candidate.phone ? `, candidate ${c.candidate.phone}` : ""}`,
        link: appLink(`/interviews/${c.interviewId}`),
      })),
    },
    interviews: {
      total: interviews.total,
      items: interviews.items.map((i) => ({
        text: `${formatTime(i.scheduledAt, timeZone)} ${i.candidate.name} — ${i.company.name}, ${i.roleTitle}`,
        link: appLink(`/interviews/${i.id}`),
      })),
    },
    overdueSteps: {
      total: overdue.total,
      items: overdue.steps.map((s) => ({
        text: `${s.title} — ${s.candidate.name} (${s.company}), due ${formatDate(s.dueAt, timeZone)} ${formatTime(s.dueAt, timeZone)}`,
        link: appLink(`/interviews/${s.interviewId}`),
      })),
    },
    activity: {
      total: activity.total,
      since,
      items: activity.items.map((a) => ({
        text: `${a.candidate.name} ${a.what}`,
        link: appLink(a.interviewId ? `/interviews/${a.interviewId}` : `/candidates/${a.candidate.id}`),
      })),
    },
  };
}

export const isEmptyDigest = (d: MorningDigest) => d.calls.total + d.interviews.total + d.overdueSteps.total + d.activity.total === 0;

/** "2 calls due, 1 interview today, 3 overdue steps": the subject says what is inside. */
export function morningDigestSubject(d: MorningDigest) {
  const parts = [
    d.calls.total ? plural(d.calls.total, "call") + " due" : null,
    d.interviews.total ? plural(d.interviews.total, "interview") + " today" : null,
    d.overdueSteps.total ? plural(d.overdueSteps.total, "overdue step") : null,
    d.activity.total ? plural(d.activity.total, "candidate update") : null,
  ].filter(Boolean);
  return `Your morning: ${parts.join(", ")}`;
}

function morningDigestEmail(user: Recipient, agencyName: string, d: MorningDigest, now: Date, timeZone: string): DigestEmailValues {
  const sections: DigestSection[] = [];
  if (d.calls.total)
    sections.push({ heading: "Calls due inside the 24-hour window", ...d.calls, allLink: appLink("/inbox/calls") });
  if (d.interviews.total) sections.push({ heading: "Interviews today", ...d.interviews, allLink: appLink("/inbox/upcoming") });
  if (d.overdueSteps.total) sections.push({ heading: "Overdue steps", ...d.overdueSteps, allLink: appLink("/inbox/overdue-steps") });
  if (d.activity.total)
    sections.push({
      heading: `What your candidates did since ${formatDate(d.activity.since, timeZone)} ${formatTime(d.activity.since, timeZone)}`,
      ...d.activity,
      allLink: appLink("/inbox/activity"),
    });
  return {
    name: user.name,
    agencyName,
    title: `Your morning, ${formatDate(now, timeZone)}`,
    intro: d.calls.total
      ? "Start with the calls: each one is a recovery whose 24-hour window is still open."
      : "Here is what needs you today.",
    sections,
    button: { label: "Open today's dashboard", link: appLink("/") },
    preferencesLink: appLink("/profile/notifications"),
    whyYouGetThis: "You get this digest on working days at 08:00 when there is something to do.",
  };
}

async function renderDigest(values: DigestEmailValues) {
  const element = createElement(DigestEmail, values);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

/** Queues one digest unless this user's digest of this day is already queued (a second run); true when queued. */
async function queueDigest(user: Recipient, template: "digest.morning" | "digest.weekly", subject: string, values: DigestEmailValues, messageId: string) {
  const { html, text } = await renderDigest(values);
  try {
    await prisma.$transaction((tx) => queueStaffEmailInTx(tx, { recipientUserId: user.id, toAddress: user.email, template, subject, html, text, messageId }));
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * The morning run: every active user with the digest on gets theirs, if it has anything in it. Returns how many were
 * queued. Outside sending hours (a job that ran late) nothing goes out.
 */
export async function sendMorningDigests(now: Date = new Date()) {
  const agency = await getAgency();
  if (!inSendingHours(now, agency.timeZone, WORKING_DAYS)) return { queued: 0, skipped: "outside sending hours" as const };
  const users = await prisma.user.findMany({
    where: { active: true, morningDigest: true },
    select: { id: true, name: true, email: true },
    orderBy: { id: "asc" },
  });
  const day = localClock(now, agency.timeZone).date;
  let queued = 0;
  for (const user of users) {
    const digest = await morningDigestFor(user.id, { now, timeZone: agency.timeZone });
    if (isEmptyDigest(digest)) continue;
    const values = morningDigestEmail(user, agency.name, digest, now, agency.timeZone);
    if (await queueDigest(user, "digest.morning", morningDigestSubject(digest), values, digestMessageId("morning", day, user.id))) queued += 1;
  }
  if (queued) wakeEmailWorker();
  return { queued, skipped: null };
}

// ---------------------------------------------------------------------------------------------------------------
// The weekly summary

export type WeeklySummary = {
  /** Monday 00:00 to the next Monday 00:00 in the zone, and its calendar days for /stats. */
  from: Date;
  to: Date;
  days: { from: string; to: string };
  flags: { total: number; selfReported: number; byReason: { label: string; count: number }[] };
  closed: { total: number; byReason: { label: string; count: number }[] };
  hiredAfterRecovery: number;
  mostOverdue: { id: string; name: string; overdueSteps: number; callsDue: number }[];
};

/** Last week's figures (the seven days before today's start in the zone), for managers. */
export async function weeklySummaryFor({ now, timeZone }: { now: Date; timeZone: string }): Promise<WeeklySummary> {
  const to = startOfDay(timeZone, now);
  const from = startOfDay(timeZone, now, -7);
  const flagged = { removedAt: null, flaggedAt: { gte: from, lt: to } };
  const [total, selfReported, reasons, closedRows, rules, people] = await Promise.all([
    prisma.interviewFlag.count({ where: flagged }),
    prisma.interviewFlag.count({ where: { ...flagged, source: "candidate_self_report" } }),
    prisma.flagReason.groupBy({ by: ["reason"], where: { flag: flagged }, _count: { _all: true } }),
    prisma.interviewFlag.groupBy({ by: ["closedReason"], where: { removedAt: null, closedAt: { gte: from, lt: to } }, _count: { _all: true } }),
    queueRules(now),
    listDashboardRecruiters(),
  ]);
  const load = await teamLoad({ rules, people });
  const byCount = (a: { count: number; label: string }, b: { count: number; label: string }) => b.count - a.count || a.label.localeCompare(b.label);
  const closedByReason = closedRows
    .map((r) => ({ key: r.closedReason ?? "", label: closingReasons.label(r.closedReason ?? ""), count: r._count._all }))
    .sort(byCount);
  return {
    from,
    to,
    days: {
      from: DateTime.fromJSDate(from, { zone: timeZone }).toFormat("yyyy-LL-dd"),
      to: DateTime.fromJSDate(to, { zone: timeZone }).minus({ days: 1 }).toFormat("yyyy-LL-dd"),
    },
    flags: { total, selfReported, byReason: reasons.map((r) => ({ label: flagReasons.label(r.reason), count: r._count._all })).sort(byCount) },
    closed: { total: closedByReason.reduce((n, r) => n + r.count, 0), byReason: closedByReason.map(({ label, count }) => ({ label, count })) },
    hiredAfterRecovery: closedByReason.find((r) => r.key === "hired")?.count ?? 0,
    mostOverdue: load
      .filter((row) => row.overdueSteps > 0)
      .sort((a, b) => b.overdueSteps - a.overdueSteps || b.callsDue - a.callsDue || a.recruiter.name.localeCompare(b.recruiter.name))
      .slice(0, 5)
      .map((row) => ({ id: row.recruiter.id, name: row.recruiter.name, overdueSteps: row.overdueSteps, callsDue: row.callsDue })),
  };
}

const counted = (rows: { label: string; count: number }[]): DigestLine[] => rows.map((r) => ({ text: `${r.label}: ${r.count}` }));

function weeklySummaryEmail(user: Recipient, agencyName: string, s: WeeklySummary, timeZone: string): DigestEmailValues {
  const week = `${formatDate(s.from, timeZone)} – ${formatDate(new Date(s.to.getTime() - 1), timeZone)}`;
  const statsLink = appLink(`/stats?${new URLSearchParams({ from: s.days.from, to: s.days.to })}`);
  const sections: DigestSection[] = [
    {
      heading: "Interviews flagged",
      lines: [
        s.flags.total
          ? `${plural(s.flags.total, "interview")} flagged${s.flags.selfReported ? `, ${s.flags.selfReported} of them reported by the candidate themselves` : ""}. By reason:`
          : "No interview was flagged.",
      ],
      items: counted(s.flags.byReason),
    },
    {
      heading: "Recoveries closed",
      lines: [s.closed.total ? `${plural(s.closed.total, "recovery", "recoveries")} closed:` : "No recovery closed."],
      items: counted(s.closed.byReason),
    },
    {
      heading: "Hires after a recovery",
      lines: [
        s.hiredAfterRecovery
          ? `${plural(s.hiredAfterRecovery, "candidate")} hired after a recovery.`
          : "No hire after a recovery this week.",
      ],
    },
    {
      heading: "Most overdue work",
      ...(s.mostOverdue.length
        ? {
            items: s.mostOverdue.map((r) => ({
              text: `${r.name}: ${plural(r.overdueSteps, "overdue step")}${r.callsDue ? `, ${plural(r.callsDue, "call")} due` : ""}`,
              link: appLink(`/inbox/overdue-steps?recruiter=${encodeURIComponent(r.id)}`),
            })),
          }
        : { lines: ["Nobody has overdue steps."] }),
    },
  ];
  return {
    name: user.name,
    agencyName,
    title: `Your week in recoveries, ${week}`,
    intro: `How last week's recoveries went across ${agencyName}.`,
    sections,
    button: { label: "Open the statistics for this week", link: statsLink },
    preferencesLink: appLink("/profile/notifications"),
    whyYouGetThis: "Managers get this summary on Mondays at 08:00.",
  };
}

/** The Monday run: every active manager with the summary on gets it (a quiet week says so: managers expect it). */
export async function sendWeeklySummaries(now: Date = new Date()) {
  const agency = await getAgency();
  if (!inSendingHours(now, agency.timeZone, MONDAY)) return { queued: 0, skipped: "outside sending hours" as const };
  const managers = await prisma.user.findMany({
    where: { active: true, role: "manager", weeklySummary: true },
    select: { id: true, name: true, email: true },
    orderBy: { id: "asc" },
  });
  if (!managers.length) return { queued: 0, skipped: null };
  const summary = await weeklySummaryFor({ now, timeZone: agency.timeZone });
  const day = localClock(now, agency.timeZone).date;
  const subject = `Weekly summary: ${plural(summary.flags.total, "interview")} flagged, ${plural(summary.hiredAfterRecovery, "hire")} after a recovery`;
  let queued = 0;
  for (const manager of managers) {
    const values = weeklySummaryEmail(manager, agency.name, summary, agency.timeZone);
    if (await queueDigest(manager, "digest.weekly", subject, values, digestMessageId("weekly", day, manager.id))) queued += 1;
  }
  if (queued) wakeEmailWorker();
  return { queued, skipped: null };
}

/** For the jobs: when each digest runs next, in the agency's zone as it is now. */
export async function nextDigestRun(kind: "digest.morning" | "digest.weekly", now: Date) {
  const { timeZone } = await getAgency();
  return kind === "digest.morning" ? nextMorningDigestAt(now, timeZone) : nextWeeklySummaryAt(now, timeZone);
}
