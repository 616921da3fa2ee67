// The staff digests: when they go out (working days / Mondays at 08:00 in the agency's zone, never late in the day),
// what the morning digest says and to whom, that an empty one is not sent, the off switches, the weekly summary's
// figures, the scheduler's recurring jobs, and delivery to a real SMTP server with both parts and working links.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import {
  morningDigestFor,
  morningDigestSince,
  nextMorningDigestAt,
  nextWeeklySummaryAt,
  sendMorningDigests,
  sendWeeklySummaries,
  weeklySummaryFor,
} from "~/models/digests/digests.server";
import { deliverDueEmails } from "~/models/email/email-worker.server";
import { ensureRecurringJobs } from "~/models/jobs/jobs.server";
import { jobKeys } from "~/models/jobs/kinds";
import { runDueJobs } from "~/models/jobs/worker.server";
import { markCandidateStepDone } from "~/models/recovery/coaching.server";
import { loader as interviewLoader } from "~/routes/interviews.$interviewId";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createMailTransport, type MailTransport } from "~/utils/mailer.server";
import { setAgencyTimeZone } from "../builders/agency";
import { makeCoachingLink, makeFlaggedInterviewWithChecklist } from "../builders/checklists";
import { closeRecovery } from "../builders/flags";
import { makeInterview } from "../builders/interviews";
import { signedInRequest } from "../builders/session";
import { type SmtpSink, startSmtpSink } from "../builders/smtp-sink";
import { makeUser } from "../builders/users";

const ZONE = "Europe/London";
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => new Date(iso);

beforeEach(async () => {
  await setAgencyTimeZone(ZONE);
});

describe("when the digests go out", () => {
  test("the morning digest: the next working day at 08:00 local, across weekends and daylight saving", () => {
    // Friday 09:00 → Monday 08:00; Saturday → Monday; Tuesday 07:59 → Tuesday 08:00; 08:00 itself → the next day.
    expect(nextMorningDigestAt(at("2026-11-27T09:00:00Z"), ZONE)).toEqual(at("2026-11-30T08:00:00Z"));
    expect(nextMorningDigestAt(at("2026-11-28T12:00:00Z"), ZONE)).toEqual(at("2026-11-30T08:00:00Z"));
    expect(nextMorningDigestAt(at("2026-12-01T07:59:00Z"), ZONE)).toEqual(at("2026-12-01T08:00:00Z"));
    expect(nextMorningDigestAt(at("2026-12-01T08:00:00Z"), ZONE)).toEqual(at("2026-12-02T08:00:00Z"));
    // Clocks go forward on Sunday 29 March 2026: Monday's 08:00 is 07:00 UTC.
    expect(nextMorningDigestAt(at("2026-03-27T09:00:00Z"), ZONE)).toEqual(at("2026-03-30T07:00:00Z"));
    // Another zone: 08:00 in New York is 13:00 UTC in winter.
    expect(nextMorningDigestAt(at("2026-12-01T12:00:00Z"), "America/New_York")).toEqual(at("2026-12-01T13:00:00Z"));
  });

  test("the weekly summary: Mondays at 08:00 local", () => {
    expect(nextWeeklySummaryAt(at("2026-12-01T10:00:00Z"), ZONE)).toEqual(at("2026-12-07T08:00:00Z"));
    expect(nextWeeklySummaryAt(at("2026-11-30T08:00:00Z"), ZONE)).toEqual(at("2026-12-07T08:00:00Z"));
    expect(nextWeeklySummaryAt(at("2026-11-29T23:00:00Z"), ZONE)).toEqual(at("2026-11-30T08:00:00Z"));
  });

  test("activity counts from the previous digest: yesterday's 08:00, or Friday's on a Monday", () => {
    expect(morningDigestSince(at("2026-12-01T08:00:00Z"), ZONE)).toEqual(at("2026-11-30T08:00:00Z"));
    expect(morningDigestSince(at("2026-11-30T08:00:00Z"), ZONE)).toEqual(at("2026-11-27T08:00:00Z"));
  });
});

// Every fixture is placed relative to the next real digest time, so the tests read the same on any day they run.
const digestAt = () => nextMorningDigestAt(new Date(), ZONE);

/** A recruiter's recovery whose interview ended `hoursBefore` the digest (its window closes 24 h after that). */
async function recoveryEnded(recruiterId: string, hoursBefore: number, now: Date) {
  return makeFlaggedInterviewWithChecklist({ recruiterId, scheduledAt: new Date(now.getTime() - hoursBefore * HOUR - HOUR) });
}

const candidateName = async (interview: { candidateId: string }) =>
  (await prisma.candidate.findUniqueOrThrow({ where: { id: interview.candidateId } })).name;

const digestsTo = (userId: string) => prisma.emailMessage.findMany({ where: { recipientUserId: userId, template: "digest.morning" } });

describe("the morning digest", () => {
  test("lists the recruiter's calls due, today's interviews, overdue steps and candidate activity; nobody else's", async () => {
    const now = digestAt();
    const riley = await makeUser({ name: "Riley Moss" });
    const other = await makeUser({ name: "Jo Other" });
    const call = await recoveryEnded(riley.id, 10, now); // 14 h left in its window
    const late = await recoveryEnded(riley.id, 60, now); // window gone; its early recruiter steps are overdue
    const today = await makeInterview({ recruiterId: riley.id, scheduledAt: new Date(now.getTime() + 3 * HOUR) });
    await makeInterview({ recruiterId: riley.id, scheduledAt: new Date(now.getTime() + 30 * HOUR) }); // tomorrow: not today
    const candidateStep = call.run.steps.find((s) => s.step.owner === "candidate")!;
    const { token } = await makeCoachingLink(call.run.id);
    await markCandidateStepDone(token, candidateStep.id, new Date(now.getTime() - 2 * HOUR));
    const othersCall = await recoveryEnded(other.id, 5, now);
    const callName = await candidateName(call.interview);
    const othersName = await candidateName(othersCall.interview);

    const digest = await morningDigestFor(riley.id, { now, timeZone: ZONE });
    expect(digest.calls.total).toBe(1);
    expect(digest.calls.items[0].text).toContain(callName);
    expect(digest.calls.items[0].text).toMatch(/1[34] h .*left/);
    expect(digest.calls.items[0].link).toBe(`${env.APP_URL}/interviews/${call.interview.id}`);
    expect(digest.interviews.total).toBe(1);
    expect(digest.interviews.items[0].link).toBe(`${env.APP_URL}/interviews/${today.id}`);
    const overdue = [...call.run.steps, ...late.run.steps].filter((s) => s.step.owner === "recruiter" && s.dueAt < now).map((s) => s.step.title);
    expect(overdue.length).toBeGreaterThan(0);
    expect(digest.overdueSteps.total).toBe(overdue.length);
    expect(digest.overdueSteps.items.map((i) => i.text.split(" — ")[0]).sort()).toEqual([...overdue].sort());
    expect(digest.activity.total).toBe(1);
    expect(digest.activity.items[0].text).toBe(`${callName} ticked “${candidateStep.step.title}”`);
    expect(JSON.stringify(digest)).not.toContain(othersName);

    await sendMorningDigests(now);
    const [email] = await digestsTo(riley.id);
    expect(email).toMatchObject({ toAddress: riley.email, status: "queued", candidateId: null });
    expect(email.subject).toBe(`Your morning: 1 call due, 1 interview today, ${overdue.length} overdue step${overdue.length === 1 ? "" : "s"}, 1 candidate update`);
    expect(email.text).toContain(callName);
    expect(email.text).not.toContain(othersName);
    // Jo gets their own, with their own call only.
    const [jos] = await digestsTo(other.id);
    expect(jos.text).toContain(othersName);
    expect(jos.text).not.toContain(callName);
  });

  test("nothing to say, no email; the off switch; and a second run queues nothing twice", async () => {
    const now = digestAt();
    const idle = await makeUser();
    const busy = await makeUser();
    const off = await makeUser();
    await recoveryEnded(busy.id, 8, now);
    await recoveryEnded(off.id, 8, now);
    await prisma.user.update({ where: { id: off.id }, data: { morningDigest: false } });

    await sendMorningDigests(now);
    await sendMorningDigests(new Date(now.getTime() + 5 * 60_000)); // the job ran again after a lease expired
    expect(await digestsTo(idle.id)).toHaveLength(0);
    expect(await digestsTo(off.id)).toHaveLength(0);
    expect(await digestsTo(busy.id)).toHaveLength(1);
  });

  test("never sent before 08:00, after noon (the server was down at 08:00) or at the weekend", async () => {
    const now = digestAt();
    const busy = await makeUser();
    await recoveryEnded(busy.id, 8, now);
    expect(await sendMorningDigests(new Date(now.getTime() + 5 * HOUR))).toEqual({ queued: 0, skipped: "outside sending hours" });
    expect(await sendMorningDigests(new Date(now.getTime() - 2 * HOUR))).toEqual({ queued: 0, skipped: "outside sending hours" });
    const saturday = nextMorningDigestAt(at("2026-12-04T09:00:00Z"), ZONE).getTime() - 2 * DAY; // Sat 5 Dec, 08:00
    expect(await sendMorningDigests(new Date(saturday))).toEqual({ queued: 0, skipped: "outside sending hours" });
    expect(await digestsTo(busy.id)).toHaveLength(0);
  });

  test("the scheduler runs it at 08:00 and plans the next working day's; a new agency zone moves it", async () => {
    const now = digestAt();
    const busy = await makeUser();
    await recoveryEnded(busy.id, 8, now);
    await prisma.job.deleteMany({ where: { key: { in: [jobKeys.morningDigest(), jobKeys.weeklySummary()] } } });
    await ensureRecurringJobs(new Date(now.getTime() - HOUR));
    await ensureRecurringJobs(new Date(now.getTime() - HOUR)); // a second instance starting: still one job
    const planned = await prisma.job.findMany({ where: { key: jobKeys.morningDigest() } });
    expect(planned).toHaveLength(1);
    expect(planned[0].runAt).toEqual(now);

    await runDueJobs({ now: () => now });
    expect(await digestsTo(busy.id)).toHaveLength(1);
    const next = await prisma.job.findUniqueOrThrow({ where: { key: jobKeys.morningDigest() } });
    expect(next.runAt).toEqual(nextMorningDigestAt(now, ZONE));

    const { updateAgency, getAgency } = await import("~/models/agency/agency.server");
    const manager = await makeUser({ role: "manager" });
    await updateAgency({ ...(await getAgency()), timeZone: "America/New_York" }, { userId: manager.id });
    const moved = await prisma.job.findUniqueOrThrow({ where: { key: jobKeys.morningDigest() } });
    expect(moved.runAt).toEqual(nextMorningDigestAt(new Date(), "America/New_York"));
    await setAgencyTimeZone(ZONE);
  });
});

describe("the weekly summary", () => {
  test("last week's flags, closed recoveries by reason, hires after a recovery and the most overdue recruiters, to managers only", async () => {
    await prisma.interview.deleteMany(); // the agency-wide figures below must not see other tests' rows
    const monday = nextWeeklySummaryAt(new Date(), ZONE);
    const weekStart = monday.getTime() - 7 * DAY - 8 * HOUR; // the Monday before, 00:00 (London is UTC in winter)
    const riley = await makeUser({ name: "Riley Moss" });
    const sam = await makeUser({ name: "Sam Byrne" });
    const manager = await makeUser({ role: "manager", name: "Morgan Reyes" });
    const quietManager = await makeUser({ role: "manager" });
    await prisma.user.update({ where: { id: quietManager.id }, data: { weeklySummary: false } });

    // Three flags in the week (two closed: one hire, one withdrawal), one the week before (not counted).
    const inWeek = (days: number) => makeFlaggedInterviewWithChecklist({ recruiterId: riley.id, scheduledAt: new Date(weekStart + days * DAY) });
    const hired = await inWeek(1);
    const withdrew = await inWeek(2);
    await inWeek(3);
    await makeFlaggedInterviewWithChecklist({ recruiterId: sam.id, scheduledAt: new Date(weekStart - 3 * DAY) });
    await closeRecovery(hired.flag.id, { closedAt: new Date(weekStart + 4 * DAY), closedReason: "hired" });
    await closeRecovery(withdrew.flag.id, { closedAt: new Date(weekStart + 5 * DAY), closedReason: "withdrew" });

    const summary = await weeklySummaryFor({ now: monday, timeZone: ZONE });
    expect(summary.days).toEqual({
      from: new Date(weekStart).toISOString().slice(0, 10),
      to: new Date(weekStart + 6 * DAY).toISOString().slice(0, 10),
    });
    expect(summary.flags.total).toBe(3);
    expect(summary.closed).toEqual({ total: 2, byReason: [{ label: "Candidate withdrew", count: 1 }, { label: "Hired", count: 1 }] });
    expect(summary.hiredAfterRecovery).toBe(1);
    // Riley's open recovery from mid-week has overdue recruiter steps by Monday; so does Sam's older one.
    expect(summary.mostOverdue.map((r) => r.name)).toContain("Riley Moss");
    expect(summary.mostOverdue.every((r) => r.overdueSteps > 0)).toBe(true);

    await sendWeeklySummaries(monday);
    const summaryTo = (userId: string) => prisma.emailMessage.findMany({ where: { template: "digest.weekly", recipientUserId: userId } });
    expect(await summaryTo(quietManager.id)).toHaveLength(0);
    expect(await summaryTo(riley.id)).toHaveLength(0);
    const emails = await summaryTo(manager.id);
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toBe("Weekly summary: 3 interviews flagged, 1 hire after a recovery");
    expect(emails[0].text).toContain(`/stats?from=${summary.days.from}&to=${summary.days.to}`);
    expect(emails[0].text).toContain("Candidate withdrew: 1");
    // Not on a Tuesday.
    expect((await sendWeeklySummaries(new Date(monday.getTime() + DAY))).skipped).toBe("outside sending hours");
  });
});

describe("delivered", () => {
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

  test("a morning digest arrives with an HTML and a plain-text part whose links open the interview", async () => {
    const now = digestAt();
    const riley = await makeUser({ name: "Riley Moss" });
    const call = await recoveryEnded(riley.id, 10, now);
    await sendMorningDigests(now);
    const [queued] = await digestsTo(riley.id);
    await deliverDueEmails({ transport, now: () => now });
    const mail = sink.received.find((m) => m.subject === queued.subject && m.to && JSON.stringify(m.to).includes(riley.email));
    expect(mail).toBeDefined();
    const link = `${env.APP_URL}/interviews/${call.interview.id}`;
    expect(mail!.text).toContain(link);
    expect(mail!.html).toContain(`href="${link}"`);
    expect(mail!.html).toContain(`href="${env.APP_URL}/profile/notifications"`);
    // The link works for the recruiter it was sent to.
    const page = await interviewLoader({ request: await signedInRequest(riley.id, link), params: { interviewId: call.interview.id }, context: {} });
    expect(JSON.stringify(page)).toContain(call.interview.id);
  });
});
