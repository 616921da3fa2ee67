// The candidate's check-in: planned when the interview is logged, sent once through the outbox (its link minted at
// delivery, against a real SMTP server), and answered once; "badly" flags the interview as a self-report.
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { CheckInAnswerSchema } from "~/models/check-in/check-in-forms";
import { answerCheckIn, findCheckIn, openCoachingFromCheckIn, sendCheckIn } from "~/models/check-in/check-in.server";
import { deliverDueEmails } from "~/models/email/email-worker.server";
import { CHECK_IN_TOKEN_PLACEHOLDER } from "~/models/email/email-links.server";
import { flagInterview } from "~/models/flags/flag.server";
import { logInterview, type LogInterviewInput } from "~/models/interviews/interview.server";
import { jobKeys } from "~/models/jobs/kinds";
import { runDueJobs } from "~/models/jobs/worker.server";
import { findCoachingRun } from "~/models/recovery/coaching.server";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { createMailTransport, type MailTransport } from "~/utils/mailer.server";
import { type SmtpSink, startSmtpSink } from "../builders/smtp-sink";
import { makeUser } from "../builders/users";

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

beforeEach(async () => {
  sink.received.length = 0;
  await prisma.agency.upsert({
    where: { id: 1 },
    create: { id: 1, checkInEnabled: true, checkInAfterHours: 2 },
    update: { checkInEnabled: true, checkInAfterHours: 2 },
  });
});

// The interview ended at 11:00 (10:00 for an hour); the check-in is due at 13:00.
const interviewAt = new Date("2026-11-24T10:00:00Z");
const due = new Date("2026-11-24T13:00:00Z");
const later = (hours: number) => new Date(due.getTime() + hours * 3600_000);

async function logged(overrides: Partial<LogInterviewInput> = {}, loggedAt = later(-2)) {
  const recruiter = await makeUser({ name: "Sam Okafor" });
  const result = await logInterview(
    {
      candidate: { kind: "new", name: "Priya Raman", email: `priya-${Math.random().toString(36).slice(2)}@example.net` },
      companyName: "Acme Logistics",
      roleTitle: "Data Analyst",
      round: "first",
      format: "video",
      scheduledAt: interviewAt,
      impression: "unknown",
      ...overrides,
    },
    { userId: recruiter.id },
    null,
    loggedAt,
  );
  const checkIn = await prisma.checkIn.findUniqueOrThrow({ where: { interviewId: result.interviewId } });
  return { recruiter, ...result, checkIn };
}

/** Sends the check-in, delivers it through the SMTP sink, and returns the token its link carries. */
async function sentAndDelivered(checkInId: string, now = later(0)) {
  expect(await sendCheckIn(checkInId, now)).toMatchObject({ status: "sent" });
  expect(await deliverDueEmails({ transport, now: () => now })).toMatchObject({ sent: 1 });
  const mail = sink.received.at(-1)!;
  const token = /\/check-in\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")?.[1];
  expect(token).toBeTruthy();
  return { mail, token: token! };
}

test("logging an interview plans its check-in for the end + the agency's delay; unticked or switched off, it is off", async () => {
  const { checkIn, interviewId } = await logged();
  expect(checkIn).toMatchObject({ status: "planned", dueAt: due, sentAt: null });
  // Scheduled in the same transaction as the interview.
  expect(await prisma.job.findUnique({ where: { key: jobKeys.checkIn(interviewId) } })).toMatchObject({ kind: "checkin.send", runAt: due, doneAt: null });

  const unticked = await logged({ checkIn: false });
  expect(unticked.checkIn).toMatchObject({ status: "off", skippedReason: "Switched off when the interview was logged." });
  expect(await prisma.job.count({ where: { key: jobKeys.checkIn(unticked.interviewId) } })).toBe(0);

  // Logged three days after the interview: nothing to ask any more, and nothing scheduled.
  const backfilled = await logged({}, later(3 * 24));
  expect(backfilled.checkIn).toMatchObject({ status: "skipped", skippedReason: expect.stringContaining("48 hours") });
  expect(await prisma.job.count({ where: { key: jobKeys.checkIn(backfilled.interviewId) } })).toBe(0);

  await prisma.agency.update({ where: { id: 1 }, data: { checkInEnabled: false, checkInAfterHours: 5 } });
  const agencyOff = await logged();
  expect(agencyOff.checkIn).toMatchObject({ status: "off", skippedReason: "Check-ins are switched off for the agency." });
  expect(agencyOff.checkIn.dueAt).toEqual(later(3));
});

test("a check-in goes out once, through the outbox, with both parts and a working link that only the email holds", async () => {
  const { checkIn, interviewId, candidateId } = await logged();
  const { mail, token } = await sentAndDelivered(checkIn.id);

  expect(mail.subject).toBe("How did your interview at Acme Logistics go?");
  expect(mail.html).toContain(`/check-in/${token}`);
  expect(mail.text).toContain("Tell Sam Okafor how it went");
  expect(mail.text).toMatch(/\/unsubscribe\/[A-Za-z0-9_-]+/);
  // The outbox keeps the placeholder; only the hash of the token is stored.
  const stored = await prisma.emailMessage.findFirstOrThrow({ where: { interviewId, template: "check_in" } });
  expect(stored.text).toContain(`/check-in/${CHECK_IN_TOKEN_PLACEHOLDER}`);
  expect(stored.text).not.toContain(token);
  const links = await prisma.checkInLink.findMany({ where: { checkInId: checkIn.id } });
  expect(links).toHaveLength(1);
  expect(links[0].tokenHash).not.toContain(token);

  expect(await findCheckIn(token, later(1))).toMatchObject({
    answered: false,
    companyName: "Acme Logistics",
    firstName: "Priya",
    recruiter: { name: "Sam Okafor", phone: null },
  });
  // Once per interview: a second run changes nothing and queues nothing.
  expect(await sendCheckIn(checkIn.id, later(1))).toEqual({ status: "unchanged" });
  expect(await prisma.emailMessage.count({ where: { interviewId } })).toBe(1);
  const audit = await prisma.auditEvent.findMany({ where: { candidateId, action: "checkin.sent" } });
  expect(audit).toHaveLength(1);
  // The link expires after 7 days.
  expect(await findCheckIn(token, later(7 * 24 + 1))).toBeNull();
});

test("the scheduler sends it when it falls due, not before", async () => {
  const { checkIn, interviewId } = await logged();
  await prisma.job.updateMany({ where: { key: { not: jobKeys.checkIn(interviewId) } }, data: { doneAt: due } });
  expect(await runDueJobs({ now: () => later(-0.5) })).toMatchObject({ done: 0 });
  expect(await prisma.checkIn.findUniqueOrThrow({ where: { id: checkIn.id } })).toMatchObject({ status: "planned" });
  expect(await runDueJobs({ now: () => due })).toMatchObject({ done: 1, failed: 0 });
  expect(await prisma.checkIn.findUniqueOrThrow({ where: { id: checkIn.id } })).toMatchObject({ status: "sent", sentAt: due });
  expect(await prisma.emailMessage.count({ where: { interviewId, template: "check_in", status: "queued" } })).toBe(1);
  // Delivery is the next tests' business: leave the outbox empty for them.
  await prisma.emailMessage.deleteMany({ where: { interviewId } });
});

test("not sent to a candidate who unsubscribed, for an interview already flagged, or two days late", async () => {
  const unsubscribed = await logged();
  await prisma.candidate.update({ where: { id: unsubscribed.candidateId }, data: { emailOptOut: true, optedOutAt: interviewAt } });
  expect(await sendCheckIn(unsubscribed.checkIn.id, due)).toEqual({ status: "skipped", reason: "The candidate has unsubscribed from emails." });

  const flagged = await logged();
  await flagInterview(flagged.interviewId, { reasons: ["late"], severity: "minor", source: "recruiter_observed" }, { userId: flagged.recruiter.id }, due);
  expect(await sendCheckIn(flagged.checkIn.id, due)).toMatchObject({ status: "skipped", reason: expect.stringContaining("already flagged") });

  const tooLate = await logged();
  expect(await sendCheckIn(tooLate.checkIn.id, later(48))).toMatchObject({ status: "skipped", reason: expect.stringContaining("48 hours") });

  for (const { interviewId, checkIn } of [unsubscribed, flagged, tooLate]) {
    expect(await prisma.emailMessage.count({ where: { interviewId } })).toBe(0);
    expect(await prisma.checkIn.findUniqueOrThrow({ where: { id: checkIn.id } })).toMatchObject({ status: "skipped" });
    // Skipped is final: it never goes out later.
    expect(await sendCheckIn(checkIn.id, due)).toEqual({ status: "unchanged" });
  }
  const off = await logged({ checkIn: false });
  expect(await sendCheckIn(off.checkIn.id, due)).toEqual({ status: "unchanged" });
});

test("answering “badly” flags the interview as a self-report, starts the recovery and gives a working coaching link", async () => {
  const { checkIn, interviewId, candidateId, recruiter } = await logged();
  const { token } = await sentAndDelivered(checkIn.id);

  const answered = await answerCheckIn(
    token,
    { answer: "badly", reasons: ["late", "blanked"], otherReason: null, note: "The train was cancelled and I froze." },
    later(1),
  );
  expect(answered?.answer).toBe("badly");
  const flag = await prisma.interviewFlag.findFirstOrThrow({ where: { interviewId }, include: { reasons: true, checklistRun: true } });
  expect(flag).toMatchObject({
    source: "candidate_self_report",
    flaggedById: recruiter.id,
    description: "The train was cancelled and I froze.",
    recoveryState: "open",
    closedAt: null,
  });
  expect(flag.reasons.map((r) => r.reason).sort()).toEqual(["blanked", "late"]);
  expect(flag.checklistRun?.status).toBe("active");
  // The recruiter is told at once, under the bell (and by email: the default for this kind).
  const notice = await prisma.notification.findFirstOrThrow({ where: { userId: recruiter.id, kind: "checkin_badly" } });
  expect(notice).toMatchObject({ title: "Priya Raman said the interview went badly", link: `/interviews/${interviewId}`, flagId: flag.id });
  expect(notice.text).toContain("My mind went blank on a question");
  expect(await prisma.candidate.findUniqueOrThrow({ where: { id: candidateId } })).toMatchObject({ status: "recovering" });

  // The coaching link works, and the first steps are the candidate's own.
  expect(answered?.coaching?.steps.length).toBeGreaterThan(0);
  const coaching = await findCoachingRun(answered!.coaching!.token, later(1));
  expect(coaching?.companyName).toBe("Acme Logistics");

  const events = await prisma.auditEvent.findMany({ where: { candidateId, action: { in: ["flag.raised", "checkin.answered"] } } });
  expect(events.map((e) => [e.action, e.actorLabel])).toEqual(
    expect.arrayContaining([
      ["flag.raised", "candidate"],
      ["checkin.answered", "candidate"],
    ]),
  );

  // Answered once: a second answer is refused and changes nothing.
  await expect(answerCheckIn(token, { answer: "well", reasons: [], otherReason: null, note: null }, later(2))).rejects.toThrow(RuleViolation);
  expect(await prisma.checkIn.findUniqueOrThrow({ where: { id: checkIn.id } })).toMatchObject({ status: "answered", answer: "badly", reasons: "late,blanked" });
  // Back on the link later, the candidate can open a fresh coaching page.
  expect(await findCheckIn(token, later(3))).toMatchObject({ answered: true, answer: "badly", hasCoachingPage: true });
  const fresh = await openCoachingFromCheckIn(token, later(3));
  expect(fresh && (await findCoachingRun(fresh, later(3)))).toBeTruthy();
});

test("“badly” after the recruiter flagged the interview adds the candidate's reasons to that flag", async () => {
  const { checkIn, interviewId, recruiter } = await logged();
  const { token } = await sentAndDelivered(checkIn.id);
  await flagInterview(interviewId, { reasons: ["nerves"], severity: "minor", source: "client_feedback" }, { userId: recruiter.id }, later(0.5));

  await answerCheckIn(token, { answer: "badly", reasons: ["nerves", "other"], otherReason: "Got lost in the building", note: null }, later(1));
  const flags = await prisma.interviewFlag.findMany({ where: { interviewId }, include: { reasons: true } });
  expect(flags).toHaveLength(1);
  expect(flags[0]).toMatchObject({ source: "client_feedback", otherReason: "Got lost in the building" });
  expect(flags[0].reasons.map((r) => r.reason).sort()).toEqual(["nerves", "other"]);
  const edited = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: flags[0].id, action: "flag.edited" } });
  expect(edited.actorLabel).toBe("candidate");
});

test("“well” or “mixed” is recorded on the interview and flags nothing", async () => {
  const { checkIn, interviewId } = await logged();
  const { token } = await sentAndDelivered(checkIn.id);
  expect(await answerCheckIn(token, { answer: "well", reasons: [], otherReason: null, note: "Nice team." }, later(1))).toEqual({ answer: "well", coaching: null });
  expect(await prisma.interviewFlag.count({ where: { interviewId } })).toBe(0);
  expect(await prisma.interview.findUniqueOrThrow({ where: { id: interviewId } })).toMatchObject({ impression: "went_well" });
  expect(await prisma.notification.findFirstOrThrow({ where: { interviewId } })).toMatchObject({ kind: "candidate_activity", title: "Priya Raman said the interview went well" });
  expect(await answerCheckIn("not-a-real-token-at-all-xxxxxxxx", { answer: "well", reasons: [], otherReason: null, note: null }, later(1))).toBeNull();
});

test("the answer form: “badly” needs what happened, and “something else” needs words", () => {
  const parse = (fields: Record<string, unknown>) => CheckInAnswerSchema.safeParse({ intent: "answer", ...fields });
  const errorsAt = (result: ReturnType<typeof parse>) => (result.success ? [] : result.error.issues.map((i) => i.path.join(".")));
  expect(errorsAt(parse({}))).toEqual(["answer"]);
  expect(errorsAt(parse({ answer: "badly" }))).toEqual(["reasons"]);
  expect(errorsAt(parse({ answer: "badly", reasons: ["other"] }))).toEqual(["otherReason"]);
  expect(errorsAt(parse({ answer: "badly", reasons: ["bogus"] }))).toEqual(["reasons.0"]);
  expect(errorsAt(parse({ answer: "badly", note: "x".repeat(2001) }))).toEqual(["note"]);
  const typed = parse({ answer: "badly", otherReason: "Spilt coffee on my notes" });
  expect(typed.success && typed.data.reasons).toEqual(["other"]);
  expect(parse({ answer: "mixed" }).success).toBe(true);
});
