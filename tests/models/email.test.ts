// The outbox's rules: what may be queued, the per-recruiter sending limit, retries, unsubscribing and the /emails list.
import { expect, test } from "vitest";
import {
  SEND_LIMIT_PER_HOUR,
  assertCanSend,
  listEmails,
  maskEmail,
  parseEmailQuery,
  queueEmailInTx,
  retryEmail,
  unsubscribe,
  unsubscribeInfo,
} from "~/models/email/email.server";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { makeEmailRecipient, makeUnsubscribeToken, queueTestEmail } from "../builders/emails";

test("queueing writes a queued message with a stable Message-ID on the app's host and an audit event", async () => {
  const { recruiter, candidate } = await makeEmailRecipient();
  const queued = await queueTestEmail(candidate, recruiter.id, { personalNote: "Chin up!" });
  const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
  expect(row).toMatchObject({ status: "queued", attempts: 0, sentById: recruiter.id, personalNote: "Chin up!" });
  expect(row.messageId).toMatch(/^<[0-9a-f]{32}@localhost>$/);
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: queued.id } });
  expect(audit).toMatchObject({ action: "email.queued", candidateId: candidate.id, actorId: recruiter.id });
});

test("refuses to email a candidate who unsubscribed, and writes nothing", async () => {
  const { recruiter, candidate } = await makeEmailRecipient({ name: "Ada Okafor" });
  await prisma.candidate.update({ where: { id: candidate.id }, data: { emailOptOut: true, optedOutAt: new Date() } });
  await expect(queueTestEmail(candidate, recruiter.id)).rejects.toThrow(
    new RuleViolation("Ada Okafor has unsubscribed from emails."),
  );
  expect(await prisma.emailMessage.count({ where: { candidateId: candidate.id } })).toBe(0);
  expect(await prisma.auditEvent.count({ where: { candidateId: candidate.id } })).toBe(0);
});

test.each([["not-an-address"], ["two@@example.net"], ["a@example.net\r\nBcc: victim@example.net"], ["x".repeat(250) + "@example.net"]])(
  "refuses the invalid address %j with a clear message",
  async (toAddress) => {
    const { recruiter, candidate } = await makeEmailRecipient({ name: "Ada Okafor" });
    await expect(queueTestEmail(candidate, recruiter.id, { toAddress })).rejects.toThrow(/Ada Okafor's email address .* is not valid/);
    expect(await prisma.emailMessage.count({ where: { candidateId: candidate.id } })).toBe(0);
  },
);

test("a transaction that fails after queueing leaves no message behind", async () => {
  const { recruiter, candidate } = await makeEmailRecipient();
  await expect(
    prisma.$transaction(async (tx) => {
      await queueEmailInTx(
        tx,
        { candidateId: candidate.id, template: "rough_day", toAddress: candidate.email, subject: "S", html: "<p>x</p>", text: "x" },
        { userId: recruiter.id },
      );
      throw new Error("later step failed");
    }),
  ).rejects.toThrow("later step failed");
  expect(await prisma.emailMessage.count({ where: { candidateId: candidate.id } })).toBe(0);
});

test("the hourly sending limit is per recruiter and says when they can send again", async () => {
  const { recruiter, candidate } = await makeEmailRecipient();
  const { recruiter: other } = await makeEmailRecipient();
  const now = new Date("2026-11-24T12:00:00Z");
  const sent = Array.from({ length: SEND_LIMIT_PER_HOUR - 2 }, (_, i) => ({
    candidateId: candidate.id,
    sentById: recruiter.id,
    template: "rough_day",
    toAddress: candidate.email,
    subject: "S",
    html: "h",
    text: "t",
    messageId: `<limit-${i}@localhost>`,
    // The oldest was sent 50 minutes ago, so room opens 10 minutes from now.
    createdAt: new Date(now.getTime() - 50 * 60_000 + i * 1000),
  }));
  await prisma.emailMessage.createMany({ data: sent });

  await expect(assertCanSend(recruiter.id, 2, { now })).resolves.toBeUndefined();
  await expect(assertCanSend(recruiter.id, 3, { now })).rejects.toThrow(
    `You have reached the limit of ${SEND_LIMIT_PER_HOUR} emails an hour (2 left now). You can send to 3 people in 10 min.`,
  );
  await expect(assertCanSend(other.id, 3, { now })).resolves.toBeUndefined();
  // An hour after those, the recruiter can send again.
  await expect(assertCanSend(recruiter.id, 3, { now: new Date(now.getTime() + 60 * 60_000) })).resolves.toBeUndefined();
});

test("retrying a failed message queues it again at once, audited; other statuses can't be retried", async () => {
  const { recruiter, candidate } = await makeEmailRecipient();
  const queued = await queueTestEmail(candidate, recruiter.id);
  await expect(retryEmail(queued.id, { userId: recruiter.id })).rejects.toThrow("Only a failed message can be retried.");
  await prisma.emailMessage.update({ where: { id: queued.id }, data: { status: "failed", attempts: 1, lastError: "550 No such user" } });
  const now = new Date("2026-11-24T12:00:00Z");
  await retryEmail(queued.id, { userId: recruiter.id }, now);
  const row = await prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } });
  expect(row).toMatchObject({ status: "queued", attempts: 0, nextAttemptAt: now, messageId: queued.messageId });
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: queued.id, action: "email.retried" } });
  expect(audit.candidateId).toBe(candidate.id);
});

test("unsubscribing records the opt-out once, stops queued messages and shows only a masked address", async () => {
  const { recruiter, candidate } = await makeEmailRecipient({ name: "Ada Okafor", email: "ada.okafor@example.net" });
  const queued = await queueTestEmail(candidate, recruiter.id);
  const unsubscribeToken = await makeUnsubscribeToken(candidate.id);

  expect(await unsubscribeInfo(unsubscribeToken)).toEqual({ firstName: "Ada", maskedEmail: "a***@example.net", optedOut: false });
  expect(await unsubscribe(unsubscribeToken)).toEqual({ candidateId: candidate.id, already: false });
  expect(await unsubscribe(unsubscribeToken)).toEqual({ candidateId: candidate.id, already: true });

  const after = await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } });
  expect(after.emailOptOut).toBe(true);
  expect(after.optedOutAt).toBeInstanceOf(Date);
  expect(await prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({
    status: "failed",
    lastError: "Not sent: Ada Okafor unsubscribed before it went out.",
  });
  const events = await prisma.auditEvent.findMany({ where: { candidateId: candidate.id, action: "candidate.unsubscribed" } });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ actorLabel: "candidate", actorId: null });
  await expect(queueTestEmail(candidate, recruiter.id)).rejects.toThrow("Ada Okafor has unsubscribed from emails.");
});

test("an unknown or malformed unsubscribe token finds nobody", async () => {
  expect(await unsubscribeInfo("no-such-token")).toBeNull();
  expect(await unsubscribe("no-such-token")).toBeNull();
  expect(await unsubscribe("'; DROP TABLE Candidate; --")).toBeNull();
  expect(maskEmail("x@y.example")).toBe("x***@y.example");
});

test("the list filters by status, template and sender, newest first, 25 a page", async () => {
  await prisma.emailMessage.deleteMany();
  const { recruiter, candidate } = await makeEmailRecipient();
  const { recruiter: other, candidate: otherCandidate } = await makeEmailRecipient();
  for (let i = 0; i < 27; i++) await queueTestEmail(candidate, recruiter.id, { subject: `Rough ${i}` });
  await queueTestEmail(otherCandidate, other.id, { template: "keep_going", subject: "Keep going" });
  const failed = await queueTestEmail(otherCandidate, other.id, { subject: "Bounced" });
  await prisma.emailMessage.update({ where: { id: failed.id }, data: { status: "failed" } });

  const first = await listEmails({}, 1);
  expect(first.total).toBe(29);
  expect(first.rows).toHaveLength(25);
  expect(first.rows[0].subject).toBe("Bounced");
  expect((await listEmails({}, 2)).rows).toHaveLength(4);
  expect((await listEmails({}, 99)).page).toBe(2);

  expect((await listEmails({ status: "failed" })).rows.map((r) => r.subject)).toEqual(["Bounced"]);
  expect((await listEmails({ template: "keep_going" })).rows.map((r) => r.subject)).toEqual(["Keep going"]);
  expect((await listEmails({ recruiter: other.id })).total).toBe(2);
  expect((await listEmails({ recruiter: recruiter.id, status: "failed" })).total).toBe(0);
});

test("odd filter values in the URL mean no filter, never an error", () => {
  const parsed = parseEmailQuery(new URLSearchParams("status=exploded&template=<b>&recruiter=a%20b&page=-3&pageSize=7"));
  expect(parsed).toEqual({ filters: { status: undefined, template: undefined, recruiter: undefined }, page: 1, pageSize: 25 });
});
