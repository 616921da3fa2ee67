// The alerts and the notifications they make, with a clock the test moves and the real scheduler: when each alert
// fires and when it doesn't, who gets it, each user's choice (app, email, both, off), the bell's count and the page.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { reassignCandidateInTx } from "~/models/candidates/candidate-profile.server";
import { deliverDueEmails } from "~/models/email/email-worker.server";
import { unsubscribe } from "~/models/email/email.server";
import { flagInterview } from "~/models/flags/flag.server";
import { runDueJobs } from "~/models/jobs/worker.server";
import { isCallStep } from "~/models/notifications/alerts.server";
import type { NotificationChannel, NotificationKind } from "~/models/notifications/kinds";
import {
  getNotificationPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  saveNotificationPreferences,
  unreadNotificationCount,
} from "~/models/notifications/notifications.server";
import { tickStep } from "~/models/recovery/checklist.server";
import { createCoachingLink, markCandidateStepDone, saveReflection } from "~/models/recovery/coaching.server";
import { snoozeRecovery } from "~/models/recovery/lifecycle.server";
import { recordRequestResponse, recordSecondInterviewRequest } from "~/models/second-interviews/second-interview.server";
import { prisma } from "~/utils/db.server";
import { createMailTransport, type MailTransport } from "~/utils/mailer.server";
import { makeCandidate } from "../builders/candidates";
import { makeUnsubscribeToken } from "../builders/emails";
import { flagDetails, makeInterview } from "../builders/interviews";
import { startSmtpSink, type SmtpSink } from "../builders/smtp-sink";
import { makeUser } from "../builders/users";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

beforeEach(async () => {
  await prisma.job.deleteMany();
  await prisma.notification.deleteMany();
  await prisma.emailMessage.deleteMany();
});

/** A recruiter's candidate whose interview ended an hour before `now`, flagged at `now`; the clock moves by hand. */
async function recovery(start = new Date("2026-11-30T09:00:00Z")) {
  let now = start;
  const recruiter = await makeUser();
  const candidate = await makeCandidate({ recruiterId: recruiter.id, status: "open" });
  const interview = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(now.getTime() - 2 * HOUR) });
  const flag = await flagInterview(interview.id, flagDetails(), { userId: recruiter.id }, now);
  const run = await prisma.checklistRun.findUniqueOrThrow({ where: { flagId: flag.id }, include: { steps: { include: { step: true } } } });
  const ref = { interviewId: interview.id, flagId: flag.id };
  return {
    recruiter,
    candidate,
    interview,
    flag,
    run,
    ref,
    actor: { userId: recruiter.id },
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
    runJobs: () => runDueJobs({ now: () => now }),
    notificationsOf: (userId: string, kind?: NotificationKind) => prisma.notification.findMany({ where: { userId, ...(kind ? { kind } : {}) } }),
  };
}

const windowAlerts = (userId: string) => prisma.notification.findMany({ where: { userId, kind: "window_closing" } });

describe("the window alert (2 hours before the 24-hour window closes)", () => {
  test("fires for the recruiter when no call to the company is recorded, linking to the interview", async () => {
    const r = await recovery();
    r.advance(21 * HOUR - 1);
    await r.runJobs();
    expect(await windowAlerts(r.recruiter.id)).toHaveLength(0);
    r.advance(1);
    await r.runJobs();
    const [alert] = await windowAlerts(r.recruiter.id);
    expect(alert).toMatchObject({ link: `/interviews/${r.interview.id}`, flagId: r.flag.id, readAt: null });
    expect(alert.title).toContain(r.candidate.name);
    expect(alert.title).toContain("closes in 2 hours");
  });

  test("does not fire when the call step is done", async () => {
    const r = await recovery();
    const call = r.run.steps.find((s) => isCallStep(s.step.title))!;
    expect(call).toBeDefined();
    await tickStep({ interviewId: r.interview.id, stepStateId: call.id }, r.actor);
    r.advance(22 * HOUR);
    await r.runJobs();
    expect(await windowAlerts(r.recruiter.id)).toHaveLength(0);
  });

  test("does not fire when a second-interview request is recorded", async () => {
    const r = await recovery();
    await recordSecondInterviewRequest(r.interview.id, { requestedAt: r.now(), requestedBy: "candidate", channel: "phone" }, r.actor, r.now());
    r.advance(22 * HOUR);
    await r.runJobs();
    expect(await windowAlerts(r.recruiter.id)).toHaveLength(0);
  });

  test("does not fire when the recovery is snoozed past the alert", async () => {
    const r = await recovery();
    await snoozeRecovery(r.ref, { until: new Date(r.now().getTime() + 30 * HOUR) }, r.actor, r.now());
    r.advance(22 * HOUR);
    await r.runJobs();
    expect(await windowAlerts(r.recruiter.id)).toHaveLength(0);
  });

  test("a flag with less than 2 hours of window left alerts at once; one after the window schedules nothing", async () => {
    const now = new Date("2026-11-30T09:00:00Z");
    const recruiter = await makeUser();
    const soon = await makeInterview({ recruiterId: recruiter.id, scheduledAt: new Date(now.getTime() - 24 * HOUR) });
    const late = await makeInterview({ recruiterId: recruiter.id, scheduledAt: new Date(now.getTime() - 30 * HOUR) });
    await flagInterview(soon.id, flagDetails(), { userId: recruiter.id }, now);
    const lateFlag = await flagInterview(late.id, flagDetails(), { userId: recruiter.id }, now);
    expect(await prisma.job.count({ where: { key: { contains: lateFlag.id } } })).toBe(0);
    await runDueJobs({ now: () => now });
    expect(await windowAlerts(recruiter.id)).toHaveLength(1);
  });
});

describe("the managers' missed-window alert", () => {
  test("tells every active manager when the window passed with nothing done", async () => {
    const managers = [await makeUser({ role: "manager" }), await makeUser({ role: "manager" })];
    const away = await makeUser({ role: "manager", active: false });
    const r = await recovery();
    r.advance(23 * HOUR);
    await r.runJobs();
    for (const m of managers) expect(await r.notificationsOf(m.id, "window_missed")).toHaveLength(1);
    expect(await r.notificationsOf(away.id)).toHaveLength(0);
    expect(await r.notificationsOf(r.recruiter.id, "window_missed")).toHaveLength(0);
  });

  test("stays quiet when any step was done", async () => {
    const manager = await makeUser({ role: "manager" });
    const r = await recovery();
    await tickStep({ interviewId: r.interview.id, stepStateId: r.run.steps[0].id }, r.actor);
    r.advance(23 * HOUR);
    await r.runJobs();
    expect(await r.notificationsOf(manager.id)).toHaveLength(0);
  });
});

describe("the waiting second-interview request (7 days)", () => {
  test("fires after 7 days without an answer, and not when the company answered", async () => {
    const r = await recovery();
    const asked = await recordSecondInterviewRequest(r.interview.id, { requestedAt: r.now(), requestedBy: "candidate", channel: "phone" }, r.actor, r.now());
    r.advance(7 * DAY - HOUR);
    await r.runJobs();
    expect(await r.notificationsOf(r.recruiter.id, "request_waiting")).toHaveLength(0);
    r.advance(HOUR);
    await r.runJobs();
    expect(await r.notificationsOf(r.recruiter.id, "request_waiting")).toHaveLength(1);

    const s = await recovery();
    const other = await recordSecondInterviewRequest(s.interview.id, { requestedAt: s.now(), requestedBy: "candidate", channel: "phone" }, s.actor, s.now());
    s.advance(DAY);
    await recordRequestResponse({ interviewId: s.interview.id, requestId: other.requestId }, { response: "declined", respondedAt: s.now() }, s.actor, s.now());
    s.advance(7 * DAY);
    await s.runJobs();
    expect(await s.notificationsOf(s.recruiter.id, "request_waiting")).toHaveLength(0);
    expect(asked.requestId).not.toBe(other.requestId);
  });
});

describe("candidate activity and reassignment", () => {
  test("the candidate ticking a step on their page notifies their recruiter", async () => {
    const r = await recovery();
    const { token } = await createCoachingLink(r.run.id, r.actor);
    const step = r.run.steps.find((s) => s.step.owner === "candidate")!;
    await markCandidateStepDone(token, step.id);
    const [n] = await r.notificationsOf(r.recruiter.id, "candidate_activity");
    expect(n.title).toBe(`${r.candidate.name} ticked a step`);
    expect(n.text).toContain(step.step.title);
    // Default for candidate activity: in the app only.
    expect(await prisma.emailMessage.count({ where: { recipientUserId: r.recruiter.id } })).toBe(0);
  });

  test("reflection autosaves make one unread notification, not one per save", async () => {
    const r = await recovery();
    const { token } = await createCoachingLink(r.run.id, r.actor);
    const fields = { wentWell: "Good start", wentWrong: null, questions: null, doDifferently: null };
    await saveReflection(token, fields);
    await saveReflection(token, { ...fields, wentWrong: "The salary question" });
    const notes = await r.notificationsOf(r.recruiter.id, "candidate_activity");
    expect(notes).toHaveLength(1);
    expect(notes[0].title).toBe(`${r.candidate.name} updated their reflection`);
  });

  test("unsubscribing notifies the recruiter once", async () => {
    const r = await recovery();
    const token = await makeUnsubscribeToken(r.candidate.id);
    await unsubscribe(token);
    await unsubscribe(token);
    const notes = await r.notificationsOf(r.recruiter.id, "candidate_activity");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ title: `${r.candidate.name} unsubscribed from emails`, link: `/candidates/${r.candidate.id}` });
  });

  test("a reassignment tells the new and the old recruiter, never whoever made it", async () => {
    const from = await makeUser({ name: "Sam Old" });
    const to = await makeUser({ name: "Kim New" });
    const manager = await makeUser({ role: "manager" });
    const candidate = await makeCandidate({ recruiterId: from.id, name: "Ada Moved" });
    await prisma.$transaction((tx) => reassignCandidateInTx(tx, candidate.id, to.id, { userId: manager.id }));
    expect((await prisma.notification.findFirstOrThrow({ where: { userId: to.id } })).title).toBe("Ada Moved is now your candidate");
    expect((await prisma.notification.findFirstOrThrow({ where: { userId: from.id } })).title).toBe("Ada Moved was reassigned to Kim New");
    // The new owner hands it back themselves: only the other one hears of it.
    await prisma.$transaction((tx) => reassignCandidateInTx(tx, candidate.id, from.id, { userId: to.id }));
    expect(await prisma.notification.count({ where: { userId: to.id } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: from.id } })).toBe(2);
  });
});

describe("preferences", () => {
  let sink: SmtpSink;
  let transport: MailTransport;
  beforeAll(async () => {
    sink = await startSmtpSink();
    transport = createMailTransport(sink.url);
  });
  afterAll(async () => {
    transport.close();
    await sink.stop();
  });

  async function windowAlertWith(channel: NotificationChannel | null) {
    const r = await recovery();
    if (channel) await saveNotificationPreferences(r.recruiter, { window_closing: channel }, { morningDigest: true, weeklySummary: true });
    r.advance(22 * HOUR);
    await r.runJobs();
    return {
      inApp: (await windowAlerts(r.recruiter.id)).length,
      emails: await prisma.emailMessage.findMany({ where: { recipientUserId: r.recruiter.id } }),
    };
  }

  test("window alerts default to the app and email", async () => {
    const { inApp, emails } = await windowAlertWith(null);
    expect(inApp).toBe(1);
    expect(emails).toHaveLength(1);
  });

  test.each([
    ["off", 0, 0],
    ["app", 1, 0],
    ["email", 0, 1],
    ["both", 1, 1],
  ] as const)("%s: %i in the app, %i by email", async (channel, app, email) => {
    const { inApp, emails } = await windowAlertWith(channel);
    expect(inApp).toBe(app);
    expect(emails).toHaveLength(email);
  });

  test("the email goes through the outbox to the staff member, with both parts, the link and no candidate links", async () => {
    const { emails } = await windowAlertWith("email");
    const [queued] = emails;
    expect(queued).toMatchObject({ candidateId: null, status: "queued", template: "notification.window_closing" });
    expect(await deliverDueEmails({ transport })).toMatchObject({ sent: 1 });
    const mail = sink.received.at(-1)!;
    expect(mail.subject).toBe(queued.subject);
    // The plain-text renderer upper-cases headings.
    expect(mail.text).toMatch(/closes in 2 hours/i);
    expect(mail.text).toMatch(/No call to .* is recorded yet/);
    expect(mail.text).toMatch(/\/interviews\/\w+/);
    expect(mail.text).toMatch(/\/profile\/notifications/);
    expect(mail.html).toMatch(/Open in Rebound/);
    expect(mail.headers.has("list-unsubscribe")).toBe(false);
    expect(await prisma.unsubscribeLink.count({ where: { emailMessageId: queued.id } })).toBe(0);
  });

  test("a recruiter's page lists only the kinds recruiters get; a manager's lists all, with the defaults", async () => {
    const recruiter = await makeUser();
    const manager = await makeUser({ role: "manager" });
    const mine = await getNotificationPreferences(recruiter);
    expect(mine.map((p) => p.kind)).not.toContain("window_missed");
    expect(mine.find((p) => p.kind === "window_closing")?.channel).toBe("both");
    expect(mine.find((p) => p.kind === "candidate_activity")?.channel).toBe("app");
    expect((await getNotificationPreferences(manager)).map((p) => p.kind)).toContain("window_missed");
  });
});

describe("the bell and the page", () => {
  test("counts unread, lists newest first a page at a time, and marks read only the user's own", async () => {
    const me = await makeUser();
    const other = await makeUser();
    const base = new Date("2026-11-30T09:00:00Z").getTime();
    for (let i = 0; i < 30; i++) {
      await prisma.notification.create({
        data: { userId: me.id, kind: "reassigned", title: `N${i}`, link: "/candidates", createdAt: new Date(base + i * 60_000) },
      });
    }
    const theirs = await prisma.notification.create({ data: { userId: other.id, kind: "reassigned", title: "Theirs", link: "/" } });
    expect(await unreadNotificationCount(me.id)).toBe(30);
    const first = await listNotifications(me.id, 1, 25);
    expect(first.items.map((n) => n.title).slice(0, 2)).toEqual(["N29", "N28"]);
    expect(first).toMatchObject({ total: 30, unread: 30 });
    expect((await listNotifications(me.id, 2, 25)).items).toHaveLength(5);

    expect(await markNotificationRead(me.id, theirs.id)).toBeNull();
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull();
    expect(await markNotificationRead(me.id, first.items[0].id)).toEqual({ link: "/candidates" });
    expect(await unreadNotificationCount(me.id)).toBe(29);
    expect(await markAllNotificationsRead(me.id)).toBe(29);
    expect(await unreadNotificationCount(me.id)).toBe(0);
    expect(await unreadNotificationCount(other.id)).toBe(1);
  });
});
