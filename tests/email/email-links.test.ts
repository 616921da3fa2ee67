// Links in emails exist only on the wire: the outbox stores placeholders, the worker mints the coaching and unsubscribe
// tokens as it delivers (against a real SMTP server), and only their hashes are kept.
import { afterAll, beforeAll, expect, test } from "vitest";
import { findCoachingRun } from "~/models/recovery/coaching.server";
import { hashUnsubscribeToken, pruneExpiredUnsubscribeLinks } from "~/models/email/email-links.server";
import { deliverDueEmails } from "~/models/email/email-worker.server";
import { getEmail, unsubscribe, unsubscribeInfo } from "~/models/email/email.server";
import { sendRecoveryEmail } from "~/models/email/recovery-email.server";
import { prisma } from "~/utils/db.server";
import { createMailTransport, type MailTransport } from "~/utils/mailer.server";
import { makeUnsubscribeToken } from "../builders/emails";
import { type SmtpSink, startSmtpSink } from "../builders/smtp-sink";
import { makeEmailableInterview } from "../emails/helpers";

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

// A rough-day email applies only in the week after the interview (app/models/email/eligibility.server.ts).
const threeHoursAgo = () => new Date(Date.now() - 3 * 3600_000);

let keys = 0;
const key = () => `links-key-${String(++keys).padStart(8, "0")}`;

/** Everything the database holds that staff or a backup could read. */
async function everythingStored() {
  const [emails, coaching, unsubscribes, audit] = await Promise.all([
    prisma.emailMessage.findMany(),
    prisma.coachingLink.findMany(),
    prisma.unsubscribeLink.findMany(),
    prisma.auditEvent.findMany(),
  ]);
  return JSON.stringify({ emails, coaching, unsubscribes, audit });
}

test("the delivered email carries working links whose tokens are stored nowhere; staff see them redacted", async () => {
  const { recruiter, candidate, interview } = await makeEmailableInterview({ candidateName: "Ada Okafor", scheduledAt: threeHoursAgo() });
  const sent = await sendRecoveryEmail({ interviewId: interview.id, template: "rough_day", idempotencyKey: key() }, { userId: recruiter.id });
  sink.received.length = 0;
  expect(await deliverDueEmails({ transport })).toMatchObject({ sent: 1 });

  const [mail] = sink.received;
  const coachingToken = /\/coach\/([A-Za-z0-9_-]{43})\b/.exec(mail.text ?? "")?.[1];
  const unsubscribeToken = /\/unsubscribe\/([A-Za-z0-9_-]{43})\b/.exec(mail.text ?? "")?.[1];
  expect(coachingToken).toBeDefined();
  expect(unsubscribeToken).toBeDefined();
  expect(mail.html).toContain(`/coach/${coachingToken}`);
  expect(mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line.replace(/\r?\n\s+/g, " ")).toContain(`/unsubscribe/${unsubscribeToken}>`);

  // The links work for the candidate...
  expect((await findCoachingRun(coachingToken!))?.firstName).toBe("Ada");
  expect(await unsubscribeInfo(unsubscribeToken!)).toMatchObject({ firstName: "Ada", optedOut: false });
  // ...and no stored row (outbox, link tables, audit log) holds either token.
  const stored = await everythingStored();
  expect(stored).not.toContain(coachingToken);
  expect(stored).not.toContain(unsubscribeToken);
  const email = await getEmail(sent.emailId);
  expect(email?.html).toContain("/coach/REDACTED-COACHING-TOKEN");
  expect(email?.text).toContain("/unsubscribe/REDACTED-UNSUBSCRIBE-TOKEN");
  expect(await prisma.unsubscribeLink.findUnique({ where: { tokenHash: hashUnsubscribeToken(unsubscribeToken!) } })).toMatchObject({
    candidateId: candidate.id,
    emailMessageId: sent.emailId,
  });
  // The link's creation is on the record as the recruiter's, tied to the email.
  const created = await prisma.auditEvent.findFirstOrThrow({ where: { action: "coaching.link_created", candidateId: candidate.id } });
  expect(created.actorId).toBe(recruiter.id);
  expect(JSON.parse(created.after!)).toMatchObject({ interviewId: interview.id, emailId: sent.emailId });
});

test("an attempt the server refuses leaves no link behind, and the retry gets fresh ones", async () => {
  const { recruiter, interview } = await makeEmailableInterview({ scheduledAt: threeHoursAgo() });
  const run = await prisma.checklistRun.findFirstOrThrow({ where: { interviewId: interview.id } });
  const sent = await sendRecoveryEmail({ interviewId: interview.id, template: "rough_day", idempotencyKey: key() }, { userId: recruiter.id });
  sink.received.length = 0;
  sink.reply({ code: 451, message: "451 Try again later" });
  let now = new Date();
  const options = { transport, now: () => now, backoffMs: () => 60_000 };
  expect(await deliverDueEmails(options)).toMatchObject({ retrying: 1, sent: 0 });
  expect(await prisma.coachingLink.count({ where: { runId: run.id } })).toBe(0);
  expect(await prisma.unsubscribeLink.count({ where: { emailMessageId: sent.emailId } })).toBe(0);

  now = new Date(now.getTime() + 61_000);
  expect(await deliverDueEmails(options)).toMatchObject({ sent: 1 });
  expect(await prisma.coachingLink.count({ where: { runId: run.id } })).toBe(1);
  expect(await prisma.unsubscribeLink.count({ where: { emailMessageId: sent.emailId } })).toBe(1);
  const token = /\/coach\/([A-Za-z0-9_-]{43})\b/.exec(sink.received[0].text ?? "")?.[1];
  expect(await findCoachingRun(token!)).not.toBeNull();
});

test("unsubscribe tokens expire; a token from before hashing works until its 60-day expiry, then is pruned", async () => {
  const { candidate } = await makeEmailableInterview({ flagged: false });
  const now = new Date("2026-12-01T12:00:00Z");
  const expired = await makeUnsubscribeToken(candidate.id, new Date(now.getTime() - 1_000));
  expect(await unsubscribeInfo(expired, now)).toBeNull();
  expect(await unsubscribe(expired, now)).toBeNull();

  // What the migration makes of an old plain token.
  const legacy = "cm3legacytoken0000000000a";
  await prisma.unsubscribeLink.create({
    data: { candidateId: candidate.id, tokenHash: `legacy:${legacy}`, expiresAt: new Date(now.getTime() + 60 * 24 * 3600_000) },
  });
  expect(await unsubscribeInfo(`legacy:${legacy}`, now)).toBeNull();
  expect(await unsubscribeInfo(legacy, new Date(now.getTime() + 61 * 24 * 3600_000))).toBeNull();
  expect(await unsubscribe(legacy, now)).toEqual({ candidateId: candidate.id, already: false });

  expect(await pruneExpiredUnsubscribeLinks(new Date(now.getTime() + 61 * 24 * 3600_000))).toBeGreaterThanOrEqual(2);
  expect(await prisma.unsubscribeLink.count({ where: { candidateId: candidate.id } })).toBe(0);
});
