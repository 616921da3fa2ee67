// The dashboard's inbox: each section's rules (closed, snoozed and quiet recoveries never show; counts and the full
// list agree), candidate activity since "Mark as seen", the call marked done from the dashboard, the team's load.
import { expect, test } from "vitest";
import {
  callsDue,
  candidateActivity,
  getInbox,
  getInboxSection,
  getTodayDashboard,
  INBOX_PAGE_SIZE,
  INBOX_SECTION_SIZE,
  markActivitySeen,
  teamLoad,
  upcomingInterviews,
} from "~/models/dashboard/inbox.server";
import { tickStep } from "~/models/recovery/checklist.server";
import { countInterviews, parseInterviewQuery } from "~/models/tables/interview-table.server";
import { markCandidateStepDone, saveReflection } from "~/models/recovery/coaching.server";
import { closeRecoveryByHand, queueRules, snoozeRecovery } from "~/models/recovery/lifecycle.server";
import { recordAudit } from "~/models/audit/audit.server";
import { unsubscribe } from "~/models/email/email.server";
import { prisma } from "~/utils/db.server";
import { makeCoachingLink, makeFlaggedInterviewWithChecklist } from "../builders/checklists";
import { makeUnsubscribeToken } from "../builders/emails";
import { makeInterview } from "../builders/interviews";
import { makeSecondInterviewRequest } from "../builders/second-interviews";
import { makeUser } from "../builders/users";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A recruiter's flagged interview that ended `hoursAgo` hours ago (its window closes 24 h after that). */
async function flagged(recruiterId: string, hoursAgo: number) {
  return makeFlaggedInterviewWithChecklist({ recruiterId, scheduledAt: new Date(Date.now() - hoursAgo * HOUR - HOUR) });
}

const callStepOf = (run: { steps: { id: string; step: { dueOffsetMinutes: number; title: string } }[] }) => run.steps.find((s) => s.step.dueOffsetMinutes === 24 * 60)!;

test("calls due: open recoveries inside the window, least time left first; closed, snoozed, quiet, past-window and others' never show", async () => {
  const riley = await makeUser();
  const other = await makeUser();
  const soon = await flagged(riley.id, 20); // 4 h left
  const later = await flagged(riley.id, 2); // 22 h left
  const past = await flagged(riley.id, 30); // window closed 6 h ago
  const closed = await flagged(riley.id, 3);
  const snoozed = await flagged(riley.id, 4);
  const quiet = await flagged(riley.id, 5);
  await flagged(other.id, 6);
  await closeRecoveryByHand({ interviewId: closed.interview.id, flagId: closed.flag.id }, { reason: "withdrew" }, { userId: riley.id });
  await snoozeRecovery({ interviewId: snoozed.interview.id, flagId: snoozed.flag.id }, { until: new Date(Date.now() + DAY) }, { userId: riley.id });
  await prisma.interviewFlag.update({ where: { id: quiet.flag.id }, data: { lastActivityAt: new Date(Date.now() - 60 * DAY) } });

  const rules = await queueRules();
  const { items, total } = await callsDue({ recruiterId: riley.id, rules });
  expect(items.map((i) => i.interviewId)).toEqual([soon.interview.id, later.interview.id]);
  expect(total).toBe(2);
  expect(items[0].timeLeft).toMatch(/^(3|4) h .*left$/);
  // The checklist's call step (due when the window closes) is the one the dashboard can mark done.
  expect(items[0].callStep).toEqual({ id: callStepOf(soon.run).id, title: callStepOf(soon.run).step.title });
  expect(past.flag.id).not.toBe(items[0].flagId);
  expect((await callsDue({ rules })).total).toBe(3); // the agency: Riley's two and the other recruiter's one
});

test("marking the call done takes the recovery off the call list, and a second try is refused", async () => {
  const riley = await makeUser();
  const { interview, run } = await flagged(riley.id, 10);
  const rules = await queueRules();
  const before = await callsDue({ recruiterId: riley.id, rules });
  expect(before.total).toBe(1);
  const step = before.items[0].callStep!;
  await tickStep({ interviewId: interview.id, stepStateId: step.id }, { userId: riley.id });
  expect(await prisma.checklistStepState.findUniqueOrThrow({ where: { id: callStepOf(run).id } })).toMatchObject({ status: "done", completedById: riley.id });
  expect((await callsDue({ recruiterId: riley.id, rules: await queueRules() })).total).toBe(0);
  await expect(tickStep({ interviewId: interview.id, stepStateId: step.id }, { userId: riley.id })).rejects.toThrow(/already done/);
});

test("today's and tomorrow's interviews: the recruiter's own, counted in full, a few shown", async () => {
  await prisma.interview.deleteMany(); // the agency-wide count below must not see other tests' rows
  const riley = await makeUser();
  const other = await makeUser();
  const now = new Date("2026-11-20T09:00:00Z");
  for (let h = 0; h < 7; h++) await makeInterview({ recruiterId: riley.id, scheduledAt: new Date(now.getTime() + h * 4 * HOUR) });
  await makeInterview({ recruiterId: riley.id, scheduledAt: new Date("2026-11-22T09:00:00Z") }); // the day after tomorrow
  await makeInterview({ recruiterId: other.id, scheduledAt: new Date("2026-11-20T12:00:00Z") });
  const mine = await upcomingInterviews({ recruiterId: riley.id, timeZone: "UTC", now });
  expect(mine.total).toBe(7);
  expect(mine.items).toHaveLength(INBOX_SECTION_SIZE);
  expect(mine.items.map((i) => i.day)).toEqual(["today", "today", "today", "today", "tomorrow"]);
  expect((await upcomingInterviews({ timeZone: "UTC", now })).total).toBe(8);
});

test("candidate activity: what the recruiter's candidates did themselves since the last 'Mark as seen', newest first", async () => {
  const riley = await makeUser();
  const other = await makeUser();
  const mine = await flagged(riley.id, 3);
  const theirs = await flagged(other.id, 3);
  const { token } = await makeCoachingLink(mine.run.id);
  const { token: theirToken } = await makeCoachingLink(theirs.run.id);
  const candidateStep = mine.run.steps.find((s) => s.step.owner === "candidate")!;

  await markActivitySeen(riley.id, new Date(Date.now() - 1000));
  const seenAt = (await prisma.user.findUniqueOrThrow({ where: { id: riley.id } })).activitySeenAt!;
  await markCandidateStepDone(token, candidateStep.id);
  await saveReflection(token, { wentWell: "The coding part", wentWrong: null, questions: null, doDifferently: null });
  const unsubscribeToken = await makeUnsubscribeToken(mine.interview.candidateId);
  await unsubscribe(unsubscribeToken);
  // Not candidate activity: the recruiter's own ticks, and another recruiter's candidate.
  await tickStep({ interviewId: mine.interview.id, stepStateId: mine.run.steps.find((s) => s.step.owner === "recruiter")!.id }, { userId: riley.id });
  await markCandidateStepDone(theirToken, theirs.run.steps.find((s) => s.step.owner === "candidate")!.id);

  const activity = await candidateActivity({ recruiterId: riley.id, since: seenAt });
  expect(activity.total).toBe(3);
  expect(activity.items.map((a) => a.what)).toEqual(["unsubscribed from emails", "wrote in their reflection", `ticked “${candidateStep.step.title}”`]);
  expect(activity.items[2]).toMatchObject({ interviewId: mine.interview.id, candidate: { id: mine.interview.candidateId } });

  // "Mark as seen" with the page's time: what came later stays new; an older page never moves it back.
  const shownAt = new Date();
  await new Promise((resolve) => setTimeout(resolve, 5));
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      actor: { label: "candidate" },
      action: "candidate.unsubscribed",
      entityId: mine.interview.candidateId,
      candidateId: mine.interview.candidateId,
      before: { emailOptOut: false },
      after: { emailOptOut: true, queuedMessagesStopped: 0 },
    }),
  );
  await markActivitySeen(riley.id, shownAt);
  await markActivitySeen(riley.id, seenAt);
  const dashboard = await getTodayDashboard({ user: riley, timeZone: "UTC" });
  expect(dashboard.inbox.activity.total).toBe(1);
  expect(dashboard.inbox.activity.firstLook).toBe(false);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: riley.id } })).activitySeenAt).toEqual(shownAt);
});

test("overdue steps and waiting requests leave snoozed and closed recoveries out, and the full list pages through every item", async () => {
  const riley = await makeUser();
  const now = new Date();
  // Flagged 3 days after a 4-day-old interview: the check-in step is overdue (its grace ended a day ago).
  const recoveries = [];
  for (let i = 0; i < 7; i++) {
    const r = await makeFlaggedInterviewWithChecklist({ recruiterId: riley.id, scheduledAt: new Date(now.getTime() - 4 * DAY), flaggedAt: new Date(now.getTime() - DAY) });
    recoveries.push(r);
    await makeSecondInterviewRequest(r.interview.id, { requestedAt: new Date(now.getTime() - 10 * DAY) });
  }
  await snoozeRecovery({ interviewId: recoveries[0].interview.id, flagId: recoveries[0].flag.id }, { until: new Date(now.getTime() + DAY) }, { userId: riley.id });
  await closeRecoveryByHand({ interviewId: recoveries[1].interview.id, flagId: recoveries[1].flag.id }, { reason: "withdrew" }, { userId: riley.id });

  const rules = await queueRules();
  const inbox = await getInbox({ recruiterId: riley.id, rules, timeZone: "UTC", seenAt: null });
  const shownInterviews = new Set(inbox.overdueSteps.items.map((s) => s.interviewId));
  expect(shownInterviews.has(recoveries[0].interview.id)).toBe(false);
  expect(shownInterviews.has(recoveries[1].interview.id)).toBe(false);
  expect(inbox.requests.total).toBe(5);
  expect(inbox.requests.items).toHaveLength(INBOX_SECTION_SIZE);
  expect(inbox.overdueSteps.items).toHaveLength(INBOX_SECTION_SIZE);
  expect(inbox.overdueSteps.total).toBeGreaterThanOrEqual(5);

  // The full list shows every one of the N the dashboard counts, page by page, each once.
  const seen = new Set<string>();
  for (let page = 1; seen.size < inbox.overdueSteps.total && page < 10; page++) {
    const list = await getInboxSection("overdue-steps", { recruiterId: riley.id, rules, timeZone: "UTC", seenAt: null, page });
    if (list.section !== "overdue-steps") throw new Error("the overdue steps list answered another section");
    expect(list.total).toBe(inbox.overdueSteps.total);
    for (const item of list.items) seen.add(item.id);
    if (list.items.length < INBOX_PAGE_SIZE) break;
  }
  expect(seen.size).toBe(inbox.overdueSteps.total);
});

test("the team's load: per recruiter open recoveries, calls due and overdue steps, in one grouped query", async () => {
  const ana = await makeUser({ name: "Ana Alpha" });
  const ben = await makeUser({ name: "Ben Beta" });
  const idle = await makeUser({ name: "Cy Idle" });
  // Ended 1 and 2 hours ago: the same-day check-in (due 4 h after) isn't overdue yet.
  await flagged(ana.id, 1);
  await flagged(ana.id, 2);
  const overdue = await makeFlaggedInterviewWithChecklist({ recruiterId: ben.id, scheduledAt: new Date(Date.now() - 4 * DAY), flaggedAt: new Date(Date.now() - DAY) });
  const snoozed = await flagged(ben.id, 3);
  await snoozeRecovery({ interviewId: snoozed.interview.id, flagId: snoozed.flag.id }, { until: new Date(Date.now() + DAY) }, { userId: ben.id });

  const rules = await queueRules();
  const people = [ana, ben, idle].map((u) => ({ id: u.id, name: u.name, role: u.role }));
  const rows = await teamLoad({ rules, people });
  const byName = Object.fromEntries(rows.map((r) => [r.recruiter.name, r]));
  expect(byName["Ana Alpha"]).toMatchObject({ openRecoveries: 2, callsDue: 2, overdueSteps: 0 });
  // Ben: two open recoveries (one snoozed, so no call due for it), the older one with overdue recruiter steps.
  const benOverdue = await prisma.checklistStepState.count({
    where: { runId: overdue.run.id, status: "pending", step: { owner: "recruiter" }, dueAt: { lt: rules.now } },
  });
  expect(benOverdue).toBeGreaterThan(0);
  expect(byName["Ben Beta"]).toMatchObject({ openRecoveries: 2, callsDue: 0, overdueSteps: benOverdue });
  expect(byName["Cy Idle"]).toMatchObject({ openRecoveries: 0, callsDue: 0, overdueSteps: 0 });
  expect(rows[0].recruiter.name).toBe("Ana Alpha"); // most calls due first
  // Each number is the total of the list it links to.
  for (const row of [byName["Ana Alpha"], byName["Ben Beta"]]) {
    const linked = parseInterviewQuery(new URLSearchParams({ owner: row.recruiter.id, recovery: "in_progress" }));
    expect(await countInterviews(linked, "UTC")).toBe(row.openRecoveries);
    expect((await getInboxSection("calls", { recruiterId: row.recruiter.id, rules, timeZone: "UTC", seenAt: null, page: 1 })).total).toBe(row.callsDue);
    expect((await getInboxSection("overdue-steps", { recruiterId: row.recruiter.id, rules, timeZone: "UTC", seenAt: null, page: 1 })).total).toBe(row.overdueSteps);
  }

  const manager = await makeUser({ role: "manager" });
  const dashboard = await getTodayDashboard({ user: manager, timeZone: "UTC" });
  expect(dashboard.team?.find((r) => r.recruiter.id === ana.id)).toMatchObject({ openRecoveries: 2, callsDue: 2 });
  const oneRecruiter = await getTodayDashboard({ user: manager, recruiterFilter: ana.id, timeZone: "UTC" });
  expect(oneRecruiter.team).toBeNull();
  expect(oneRecruiter.inbox.calls.total).toBe(2);
  const asRecruiter = await getTodayDashboard({ user: ben, recruiterFilter: ana.id, timeZone: "UTC" });
  expect(asRecruiter.team).toBeNull();
  expect(asRecruiter.inbox.calls.items.map((i) => i.recruiter.id)).not.toContain(ana.id);
});
