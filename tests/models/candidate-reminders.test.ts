// Candidate reminders end to end on the model side, with a fake clock through the scheduler (runDueJobs({ now })):
// the switch (off by default, audited, scheduling in its own transaction), quiet hours in a non-UTC agency zone, the
// daily cap, every way it stops, and a reminder delivered to a real SMTP server with working links.
import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { deliverDueEmails } from "~/models/email/email-worker.server";
import { COACHING_TOKEN_PLACEHOLDER, findUnsubscribeCandidateId } from "~/models/email/email-links.server";
import { unsubscribe } from "~/models/email/email.server";
import { flagInterview } from "~/models/flags/flag.server";
import { jobKeys } from "~/models/jobs/kinds";
import { runDueJobs } from "~/models/jobs/worker.server";
import { CANDIDATE_REMINDER_TEMPLATE } from "~/models/recovery/candidate-reminders";
import { getCandidateReminderPanel, runCandidateReminder, setCandidateReminders } from "~/models/recovery/candidate-reminders.server";
import { tickStep } from "~/models/recovery/checklist.server";
import { closeRecoveryByHand, reopenRecovery } from "~/models/recovery/lifecycle.server";
import { candidateTimeline } from "~/models/timeline/timeline.server";
import { loader as coachLoader } from "~/routes/coach.$token";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { createMailTransport, type MailTransport } from "~/utils/mailer.server";
import { setAgencyTimeZone } from "../builders/agency";
import { makeChecklistRun, makeFlaggedInterviewWithChecklist, makePlaybookVersion } from "../builders/checklists";
import { makeUnsubscribeToken } from "../builders/emails";
import { makeFlag } from "../builders/flags";
import { flagDetails, makeInterview } from "../builders/interviews";
import { type SmtpSink, startSmtpSink } from "../builders/smtp-sink";
import { makeUser } from "../builders/users";

// The agency works in New York (EST, UTC−5, in December). Local times in the comments.
const ZONE = "America/New_York";
const local = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 11, day, hour + 5, minute));

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
  await setAgencyTimeZone(ZONE);
});

/**
 * A recovery whose checklist has the given steps, due at the given times: the interview on Mon 30 Nov at 10:00
 * local, flagged at its end. Returns what a test needs to act on it.
 */
async function recoveryWith(steps: { owner: "candidate" | "recruiter"; dueAt: Date; title?: string }[]) {
  const recruiter = await makeUser({ name: "Sam Okafor" });
  await prisma.user.update({ where: { id: recruiter.id }, data: { phone: "01632 960 123", emailSignature: "Senior Recruiter, Finance" } });
  const interview = await makeInterview({ recruiterId: recruiter.id, scheduledAt: new Date(Date.UTC(2026, 10, 30, 15)) });
  const flag = await makeFlag(interview.id, { flaggedAt: new Date(Date.UTC(2026, 10, 30, 16)) });
  const version = await makePlaybookVersion(
    steps.map((s, i) => ({
      title: s.title ?? `Step ${i + 1}`,
      owner: s.owner,
      guidance: `Do step ${i + 1} calmly. Then tell your recruiter how it went.`,
    })),
  );
  const { run, states } = await makeChecklistRun({ flag, playbookVersion: version, steps: steps.map((s) => ({ dueAt: s.dueAt })) });
  const ref = { interviewId: interview.id, flagId: flag.id };
  const actor = { userId: recruiter.id };
  return { recruiter, interview, flag, run, states, ref, actor, candidateId: interview.candidateId };
}

const reminderJob = (flagId: string) => prisma.job.findUnique({ where: { key: jobKeys.candidateReminder(flagId) } });
const reminders = (interviewId: string) =>
  prisma.emailMessage.findMany({ where: { interviewId, template: CANDIDATE_REMINDER_TEMPLATE }, orderBy: { createdAt: "asc" } });
const run = (now: Date) => runDueJobs({ now: () => now });

test("reminders are off by default: flagging schedules none and the page says off", async () => {
  const { flag } = await makeFlaggedInterviewWithChecklist();
  expect(await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id } })).toMatchObject({ remindCandidate: false, lastCandidateReminderAt: null });
  expect(await reminderJob(flag.id)).toBeNull();
  expect(await getCandidateReminderPanel(flag.id)).toMatchObject({ on: false, nextAt: null, blocked: null });
});

test("switching on schedules the first reminder in the same transaction and is audited; off cancels it", async () => {
  const { ref, actor, flag, candidateId } = await recoveryWith([
    { owner: "recruiter", dueAt: local(1, 9) },
    { owner: "candidate", dueAt: local(1, 11) },
  ]);
  const now = local(1, 8);
  const on = await setCandidateReminders(ref, true, actor, now);
  expect(on).toEqual({ changed: true, nextAt: local(1, 11) });
  expect(await reminderJob(flag.id)).toMatchObject({ kind: "reminder.candidate_step", runAt: local(1, 11), payload: JSON.stringify({ flagId: flag.id }) });
  const events = await prisma.auditEvent.findMany({ where: { action: "recovery.candidate_reminders_set", entityId: flag.id } });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ actorId: actor.userId, candidateId });
  expect(JSON.parse(events[0].after!)).toEqual({ interviewId: ref.interviewId, on: true });
  expect(await getCandidateReminderPanel(flag.id, now)).toMatchObject({ on: true, nextAt: local(1, 11), reason: null });

  // Again: nothing changes, nothing more is audited, still one job.
  expect(await setCandidateReminders(ref, true, actor, now)).toMatchObject({ changed: false });
  expect(await prisma.auditEvent.count({ where: { action: "recovery.candidate_reminders_set", entityId: flag.id } })).toBe(1);
  expect(await prisma.job.count({ where: { payload: JSON.stringify({ flagId: flag.id }), kind: "reminder.candidate_step" } })).toBe(1);

  // Off: the job is cancelled with the switch, and a job that ran anyway sends nothing.
  expect(await setCandidateReminders(ref, false, actor, now)).toEqual({ changed: true, nextAt: null });
  expect(await reminderJob(flag.id)).toBeNull();
  expect(await prisma.job.findFirst({ where: { endedKey: jobKeys.candidateReminder(flag.id) } })).toMatchObject({ cancelledAt: now });
  expect(await runCandidateReminder(flag.id, local(1, 12))).toBeUndefined();
  await run(local(1, 12));
  expect(await reminders(ref.interviewId)).toHaveLength(0);
  expect(await prisma.auditEvent.count({ where: { action: "recovery.candidate_reminders_set", entityId: flag.id } })).toBe(2);
  // Both show on the candidate's timeline, with who did it.
  const timeline = JSON.stringify(await candidateTimeline(candidateId, { timeZone: ZONE }));
  expect(timeline).toContain("Candidate reminders switched on");
  expect(timeline).toContain("Candidate reminders switched off");
});

test("switching on is refused, changing nothing, for a closed recovery or a candidate who unsubscribed", async () => {
  const closed = await recoveryWith([{ owner: "candidate", dueAt: local(1, 11) }]);
  await closeRecoveryByHand(closed.ref, { reason: "withdrew" }, closed.actor, local(1, 8));
  await expect(setCandidateReminders(closed.ref, true, closed.actor, local(1, 9))).rejects.toThrow(RuleViolation);

  const optedOut = await recoveryWith([{ owner: "candidate", dueAt: local(1, 11) }]);
  await prisma.candidate.update({ where: { id: optedOut.candidateId }, data: { emailOptOut: true, optedOutAt: local(1, 7) } });
  await expect(setCandidateReminders(optedOut.ref, true, optedOut.actor, local(1, 9))).rejects.toThrow(/unsubscribed/);
  expect(await getCandidateReminderPanel(optedOut.flag.id, local(1, 9))).toMatchObject({ on: false, blocked: "the candidate unsubscribed from emails" });

  for (const { flag } of [closed, optedOut]) {
    expect(await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id } })).toMatchObject({ remindCandidate: false });
    expect(await reminderJob(flag.id)).toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: "recovery.candidate_reminders_set", entityId: flag.id } })).toBe(0);
  }
});

test("quiet hours: a step due at 21:00 local is sent at 09:00 the next morning, local time", async () => {
  const { ref, actor, flag } = await recoveryWith([{ owner: "candidate", dueAt: local(1, 21) }]);
  expect((await setCandidateReminders(ref, true, actor, local(1, 12))).nextAt).toEqual(local(2, 9));
  // 21:30: nothing goes.
  await run(local(1, 21, 30));
  expect(await reminders(ref.interviewId)).toHaveLength(0);
  // 09:00 Wednesday: it goes (14:00 UTC).
  expect(await run(local(2, 9))).toMatchObject({ done: 1 });
  const sent = await reminders(ref.interviewId);
  expect(sent).toHaveLength(1);
  expect(sent[0].createdAt).toEqual(new Date("2026-12-02T14:00:00Z"));
  // Nothing else to remind of: no job left.
  expect(await reminderJob(flag.id)).toBeNull();
});

test("a reminder job that falls due outside the window sends nothing and moves itself to 09:00", async () => {
  const { ref, actor, flag } = await recoveryWith([{ owner: "candidate", dueAt: local(1, 10) }]);
  await setCandidateReminders(ref, true, actor, local(1, 9));
  // Held up (the server was down) until 20:00: it waits for the morning.
  await prisma.job.update({ where: { key: jobKeys.candidateReminder(flag.id) }, data: { runAt: local(1, 20) } });
  expect(await run(local(1, 20))).toMatchObject({ done: 1 });
  expect(await reminders(ref.interviewId)).toHaveLength(0);
  expect(await reminderJob(flag.id)).toMatchObject({ runAt: local(2, 9), doneAt: null });
  await run(local(2, 9));
  expect(await reminders(ref.interviewId)).toHaveLength(1);
});

test("daily cap: two steps due an hour apart make one email that day and the second the next day (rolling 24 h)", async () => {
  const { ref, actor, flag, states } = await recoveryWith([
    { owner: "candidate", dueAt: local(1, 10), title: "Calm down before doing anything else" },
    { owner: "candidate", dueAt: local(1, 11), title: "Send a thank-you note" },
  ]);
  await setCandidateReminders(ref, true, actor, local(1, 8));
  await run(local(1, 10));
  // The same job run twice (a crash before its done mark) sends once.
  expect(await runCandidateReminder(flag.id, local(1, 10, 1))).toEqual({ next: local(2, 10) });
  await run(local(1, 11));
  await run(local(1, 18));
  let sent = await reminders(ref.interviewId);
  expect(sent).toHaveLength(1);
  expect(sent[0].subject).toContain("Your next step");
  expect(sent[0].text).toContain("Calm down before doing anything else");
  expect(sent[0].text).not.toContain("Send a thank-you note");
  expect(await reminderJob(flag.id)).toMatchObject({ runAt: local(2, 10) });

  await run(local(2, 10));
  sent = await reminders(ref.interviewId);
  expect(sent).toHaveLength(2);
  expect(sent[1].text).toContain("Send a thank-you note");
  expect(sent[1].text).not.toContain("Calm down before doing anything else");
  const marked = await prisma.checklistStepState.findMany({ where: { id: { in: states.map((s) => s.id) } }, orderBy: { dueAt: "asc" } });
  expect(marked.map((s) => s.candidateRemindedAt)).toEqual([local(1, 10), local(2, 10)]);
  expect(await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id } })).toMatchObject({ lastCandidateReminderAt: local(2, 10) });
  // Every step has been in a reminder: nothing more is planned.
  expect(await reminderJob(flag.id)).toBeNull();
  expect(await getCandidateReminderPanel(flag.id, local(2, 11))).toMatchObject({ on: true, nextAt: null, reason: "the candidate has been reminded of every step still to do" });
});

test("steps already due when switched on go out together in one email, at once inside the window", async () => {
  const { ref, actor } = await recoveryWith([
    { owner: "candidate", dueAt: local(1, 9), title: "First thing" },
    { owner: "recruiter", dueAt: local(1, 9, 30), title: "Recruiter's own call" },
    { owner: "candidate", dueAt: local(1, 10), title: "Second thing" },
  ]);
  expect((await setCandidateReminders(ref, true, actor, local(1, 12))).nextAt).toEqual(local(1, 12));
  await run(local(1, 12));
  const [email] = await reminders(ref.interviewId);
  expect(email.subject).toContain("Your next 2 steps");
  expect(email.text).toContain("First thing");
  expect(email.text).toContain("Second thing");
  // Recruiter steps are not the candidate's to be reminded of.
  expect(email.text).not.toContain("Recruiter's own call");
});

test("closing the recovery cancels the reminder, and a run anyway sends nothing; reopening resumes it", async () => {
  const { ref, actor, flag } = await recoveryWith([{ owner: "candidate", dueAt: local(1, 11) }]);
  await setCandidateReminders(ref, true, actor, local(1, 8));
  await closeRecoveryByHand(ref, { reason: "resolved_by_hand", note: "Sorted on the phone." }, actor, local(1, 9));
  expect(await reminderJob(flag.id)).toBeNull();
  expect(await runCandidateReminder(flag.id, local(1, 11))).toBeUndefined();
  await run(local(1, 11));
  expect(await reminders(ref.interviewId)).toHaveLength(0);
  expect(await getCandidateReminderPanel(flag.id, local(1, 11))).toMatchObject({ on: true, nextAt: null, reason: "the recovery is closed" });

  await reopenRecovery(ref, actor, local(1, 12));
  expect(await reminderJob(flag.id)).toMatchObject({ runAt: local(1, 12) });
});

test("the candidate unsubscribing cancels the reminder, and a run anyway sends nothing", async () => {
  const { ref, actor, flag, candidateId } = await recoveryWith([{ owner: "candidate", dueAt: local(1, 11) }]);
  await setCandidateReminders(ref, true, actor, local(1, 8));
  const token = await makeUnsubscribeToken(candidateId);
  expect(await unsubscribe(token, local(1, 9))).toMatchObject({ already: false });
  expect(await reminderJob(flag.id)).toBeNull();
  expect(await runCandidateReminder(flag.id, local(1, 11))).toBeUndefined();
  expect(await reminders(ref.interviewId)).toHaveLength(0);
  expect(await getCandidateReminderPanel(flag.id, local(1, 11))).toMatchObject({ nextAt: null, reason: "the candidate unsubscribed from emails" });
});

test("when every candidate step is done, the job sends nothing and is not rescheduled", async () => {
  const { ref, actor, flag, states } = await recoveryWith([
    { owner: "candidate", dueAt: local(1, 11) },
    { owner: "candidate", dueAt: local(1, 13) },
  ]);
  await setCandidateReminders(ref, true, actor, local(1, 8));
  for (const state of states) await tickStep({ interviewId: ref.interviewId, stepStateId: state.id }, actor);
  expect(await run(local(1, 11))).toMatchObject({ done: 1 });
  expect(await reminders(ref.interviewId)).toHaveLength(0);
  expect(await reminderJob(flag.id)).toBeNull();
  expect(await getCandidateReminderPanel(flag.id, local(1, 11))).toMatchObject({ on: true, nextAt: null, reason: "the candidate has no steps left to do" });
});

test("a delivered reminder has both parts, the recruiter's signature, a working coaching link and unsubscribe link", async () => {
  const { ref, actor, candidateId, run: checklist } = await recoveryWith([{ owner: "candidate", dueAt: local(1, 11), title: "Send a thank-you note" }]);
  await prisma.agency.update({ where: { id: 1 }, data: { name: "Northbridge Staffing", senderName: "Northbridge Staffing" } });
  await setCandidateReminders(ref, true, actor, local(1, 8));
  await run(local(1, 11));
  const stored = (await reminders(ref.interviewId))[0];
  // The outbox keeps the placeholder: the fresh coaching link is minted at delivery.
  expect(stored).toMatchObject({ coachingRunId: checklist.id, status: "queued", sentById: null });
  expect(stored.text).toContain(`/coach/${COACHING_TOKEN_PLACEHOLDER}`);
  // On the candidate's timeline, through the outbox's own audit event.
  expect(await prisma.auditEvent.count({ where: { action: "email.queued", entityId: stored.id, candidateId } })).toBe(1);

  // (Earlier tests' emails are in the outbox too; this one is told apart by its address.)
  await deliverDueEmails({ transport, now: () => local(1, 11, 1) });
  expect(await prisma.emailMessage.findUniqueOrThrow({ where: { id: stored.id } })).toMatchObject({ status: "sent" });
  const mail = sink.received.find((m) => m.to && "text" in m.to && m.to.text === stored.toAddress)!;
  expect(mail).toBeTruthy();
  expect(mail.subject).toMatch(/^Your next step after the interview at /);
  expect(mail.from?.value[0].name).toBe("Northbridge Staffing");
  expect(mail.html).toContain("Send a thank-you note");
  expect(mail.text).toContain("Send a thank-you note");
  expect(mail.text).toContain("Do step 1 calmly.");
  expect(mail.text).not.toContain("Then tell your recruiter how it went.");
  expect(mail.text).toContain("Sam Okafor");
  expect(mail.text).toContain("Senior Recruiter, Finance");
  expect(mail.text).toContain("01632 960 123");

  const coachToken = /\/coach\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")?.[1];
  expect(coachToken).toBeTruthy();
  expect(coachToken).not.toBe(COACHING_TOKEN_PLACEHOLDER);
  expect(mail.html).toContain(`/coach/${coachToken}`);
  const page = await coachLoader({ request: new Request(`http://localhost/coach/${coachToken}`), params: { token: coachToken }, context: { clientIp: "203.0.113.77" } });
  expect(page.init?.status ?? 200).toBe(200);
  expect(page.data.page).toBeTruthy();

  const unsubscribeToken = /\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")?.[1];
  expect(unsubscribeToken).toBeTruthy();
  expect(await findUnsubscribeCandidateId(prisma, unsubscribeToken!)).toBe(candidateId);
});

test("flagging through the app leaves reminders off until the recruiter switches them on", async () => {
  const recruiter = await makeUser();
  const interview = await makeInterview({ recruiterId: recruiter.id, scheduledAt: new Date(Date.UTC(2026, 10, 30, 15)) });
  const flag = await flagInterview(interview.id, flagDetails(), { userId: recruiter.id }, new Date(Date.UTC(2026, 10, 30, 16)));
  expect(await prisma.job.count({ where: { key: jobKeys.candidateReminder(flag.id) } })).toBe(0);
  await setCandidateReminders({ interviewId: interview.id, flagId: flag.id }, true, { userId: recruiter.id }, new Date(Date.UTC(2026, 10, 30, 16)));
  expect(await prisma.job.count({ where: { key: jobKeys.candidateReminder(flag.id) } })).toBe(1);
});
