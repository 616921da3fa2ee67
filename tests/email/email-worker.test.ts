// The sender worker against a real SMTP server on 127.0.0.1: content and headers, retries, permanent failures,
// crash recovery and capture mode.
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { deliverDueEmails, defaultBackoffMs, type EmailWorkerOptions } from "~/models/email/email-worker.server";
import { hashUnsubscribeToken } from "~/models/email/email-links.server";
import { prisma } from "~/utils/db.server";
import { createMailTransport, type MailTransport } from "~/utils/mailer.server";
import { makeEmailRecipient, queueTestEmail } from "../builders/emails";
import { type SmtpSink, startSmtpSink } from "../builders/smtp-sink";

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

afterEach(async () => {
  sink.received.length = 0;
  await prisma.emailMessage.deleteMany();
});

/** A clock the test moves by hand; retries wait a fixed minute instead of a random backoff. */
function worker(start = new Date()) {
  let now = start;
  const options: EmailWorkerOptions = { transport, now: () => now, backoffMs: () => 60_000 };
  return {
    pass: () => deliverDueEmails(options),
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

const statusOf = async (id: string) => prisma.emailMessage.findUniqueOrThrow({ where: { id } });

test("a queued message arrives with its HTML and text parts, Message-ID and one-click unsubscribe headers", async () => {
  await prisma.agency.upsert({
    where: { id: 1 },
    create: { id: 1, senderName: "Northbridge Staffing", replyTo: "team@northbridge.example" },
    update: { senderName: "Northbridge Staffing", replyTo: "team@northbridge.example" },
  });
  const { recruiter, candidate } = await makeEmailRecipient({ name: "Ada Okafor", email: "ada@example.net" });
  const queued = await queueTestEmail(candidate, recruiter.id, {
    subject: "Rough day, Ada — here's what to do next",
    html: "<p>Hi <strong>Ada</strong>, call Sam at Acme.</p>",
    text: "Hi Ada, call Sam at Acme.",
  });

  expect(await worker().pass()).toMatchObject({ sent: 1, failed: 0 });

  expect(sink.received).toHaveLength(1);
  const mail = sink.received[0];
  expect(mail.subject).toBe("Rough day, Ada — here's what to do next");
  expect(mail.html).toContain("<p>Hi <strong>Ada</strong>, call Sam at Acme.</p>");
  expect(mail.text?.trim()).toBe("Hi Ada, call Sam at Acme.");
  expect(mail.messageId).toBe(queued.messageId);
  expect(mail.from?.value[0]).toMatchObject({ name: "Northbridge Staffing", address: "no-reply@localhost" });
  expect(mail.replyTo?.value[0].address).toBe("team@northbridge.example");
  expect(mail.to && "value" in mail.to ? mail.to.value[0].address : null).toBe("ada@example.net");
  // Header lines as received, unfolded (long headers are folded onto a second line).
  const line = (key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/\r?\n\s+/g, " ");
  const token = /^List-Unsubscribe: <http:\/\/localhost:3000\/unsubscribe\/([A-Za-z0-9_-]{43})>$/.exec(line("list-unsubscribe") ?? "")?.[1];
  // A fresh 256-bit token for this email, stored only as its hash, that unsubscribes this candidate.
  expect(token).toBeDefined();
  expect(await prisma.unsubscribeLink.findUnique({ where: { tokenHash: hashUnsubscribeToken(token!) } })).toMatchObject({
    candidateId: candidate.id,
    emailMessageId: queued.id,
  });
  expect(JSON.stringify(await prisma.unsubscribeLink.findMany())).not.toContain(token);
  expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");

  const row = await statusOf(queued.id);
  expect(row).toMatchObject({ status: "sent", attempts: 1, leaseUntil: null });
  expect(row.sentAt).toBeInstanceOf(Date);
  const audit = await prisma.auditEvent.findMany({ where: { entityId: queued.id }, orderBy: { at: "asc" } });
  expect(audit.map((a) => a.action)).toEqual(["email.queued", "email.sent"]);
  expect(audit.every((a) => a.candidateId === candidate.id)).toBe(true);
});

test("while the SMTP server is down the message waits; when it is back it is delivered exactly once", async () => {
  const { recruiter, candidate } = await makeEmailRecipient();
  const queued = await queueTestEmail(candidate, recruiter.id);
  const clock = worker();
  await sink.stop();
  try {
    expect(await clock.pass()).toMatchObject({ sent: 0, retrying: 1 });
    const waiting = await statusOf(queued.id);
    expect(waiting).toMatchObject({ status: "queued", attempts: 1 });
    expect(waiting.lastError).toMatch(/ECONNREFUSED|ECONNECTION|connect/i);

    // Before its backoff has passed, nothing is tried again.
    clock.advance(30_000);
    expect(await clock.pass()).toMatchObject({ sent: 0, retrying: 0 });
  } finally {
    await sink.start();
  }
  clock.advance(31_000);
  expect(await clock.pass()).toMatchObject({ sent: 1 });
  clock.advance(60 * 60_000);
  expect(await clock.pass()).toMatchObject({ sent: 0, retrying: 0 });
  expect(sink.received).toHaveLength(1);
  expect(await statusOf(queued.id)).toMatchObject({ status: "sent", attempts: 2, lastError: null });
});

test("a temporary 4xx answer is retried after the backoff and the message is delivered once", async () => {
  const { recruiter, candidate } = await makeEmailRecipient();
  const queued = await queueTestEmail(candidate, recruiter.id);
  sink.reply({ code: 451, message: "Try again later" });
  const clock = worker();

  expect(await clock.pass()).toMatchObject({ retrying: 1 });
  const waiting = await statusOf(queued.id);
  expect(waiting.status).toBe("queued");
  expect(waiting.lastError).toContain("451");
  expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

  clock.advance(61_000);
  expect(await clock.pass()).toMatchObject({ sent: 1 });
  expect(sink.received).toHaveLength(1);
  expect(sink.received[0].messageId).toBe(queued.messageId);
});

test("a permanent 5xx rejection fails the message at once and keeps the server's answer", async () => {
  const { recruiter, candidate } = await makeEmailRecipient();
  const queued = await queueTestEmail(candidate, recruiter.id);
  sink.reply({ code: 550, message: "Mailbox unavailable" });
  const clock = worker();

  expect(await clock.pass()).toMatchObject({ failed: 1, retrying: 0 });
  const failed = await statusOf(queued.id);
  expect(failed).toMatchObject({ status: "failed", attempts: 1 });
  expect(failed.lastError).toMatch(/550.*Mailbox unavailable/);
  clock.advance(2 * 60 * 60_000);
  expect(await clock.pass()).toMatchObject({ sent: 0, failed: 0 });
  expect(sink.received).toHaveLength(0);
  const audit = await prisma.auditEvent.findFirst({ where: { entityId: queued.id, action: "email.failed" } });
  expect(audit?.candidateId).toBe(candidate.id);
});

test("temporary failures stop after the attempt limit and the message is failed with the last error", async () => {
  const { recruiter, candidate } = await makeEmailRecipient();
  const queued = await queueTestEmail(candidate, recruiter.id);
  sink.reply(...Array.from({ length: 3 }, () => ({ code: 421, message: "Busy" })));
  let now = new Date();
  const options: EmailWorkerOptions = { transport, now: () => now, backoffMs: () => 1_000, maxAttempts: 3 };
  for (let i = 0; i < 3; i++) {
    await deliverDueEmails(options);
    now = new Date(now.getTime() + 2_000);
  }
  const failed = await statusOf(queued.id);
  expect(failed).toMatchObject({ status: "failed", attempts: 3 });
  expect(failed.lastError).toMatch(/^Gave up after 3 attempts\. Last error: 421/);
});

test("after a crash mid-queue, an expired lease and the queued messages are all delivered exactly once", async () => {
  const { recruiter, candidate } = await makeEmailRecipient();
  const queued = await Promise.all(Array.from({ length: 4 }, () => queueTestEmail(candidate, recruiter.id)));
  const start = new Date();
  // The crashed server had claimed the first message: "sending", one attempt, a lease that has since run out.
  await prisma.emailMessage.update({
    where: { id: queued[0].id },
    data: { status: "sending", attempts: 1, leaseUntil: new Date(start.getTime() - 1_000) },
  });
  // A message another (live) pass holds under a current lease is left alone.
  await prisma.emailMessage.update({
    where: { id: queued[1].id },
    data: { status: "sending", attempts: 1, leaseUntil: new Date(start.getTime() + 60_000) },
  });

  const clock = worker(start);
  expect(await clock.pass()).toMatchObject({ sent: 3 });
  expect(await statusOf(queued[1].id)).toMatchObject({ status: "sending" });
  clock.advance(61_000);
  expect(await clock.pass()).toMatchObject({ sent: 1 });
  expect(await clock.pass()).toMatchObject({ sent: 0 });

  const ids = sink.received.map((m) => m.messageId).sort();
  expect(ids).toEqual(queued.map((q) => q.messageId).sort());
  const rows = await prisma.emailMessage.findMany({ where: { id: { in: queued.map((q) => q.id) } } });
  expect(rows.every((r) => r.status === "sent")).toBe(true);
  expect(rows.find((r) => r.id === queued[0].id)?.attempts).toBe(2);
});

test("without an SMTP server configured, messages are captured: stored in full, not sent", async () => {
  const { recruiter, candidate } = await makeEmailRecipient();
  const queued = await queueTestEmail(candidate, recruiter.id, { html: "<p>Kept</p>", text: "Kept" });
  expect(await deliverDueEmails({ transport: null })).toMatchObject({ captured: 1, sent: 0 });
  const row = await statusOf(queued.id);
  expect(row).toMatchObject({ status: "captured", html: "<p>Kept</p>", text: "Kept", sentAt: null });
  expect(sink.received).toHaveLength(0);
  expect(await deliverDueEmails({ transport: null })).toMatchObject({ captured: 0 });
});

test("backoff grows exponentially with jitter and is capped at an hour", () => {
  expect(defaultBackoffMs(1, () => 0)).toBe(15_000);
  expect(defaultBackoffMs(1, () => 1)).toBe(30_000);
  expect(defaultBackoffMs(3, () => 1)).toBe(120_000);
  expect(defaultBackoffMs(20, () => 1)).toBe(60 * 60_000);
  expect(defaultBackoffMs(20, () => 0)).toBe(30 * 60_000);
});
