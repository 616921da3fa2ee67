// Test builders for candidate emails: outbox rows queued the way the app queues them, sent messages written
// directly with fixed dates, and unsubscribe links.
import { randomBytes, randomUUID } from "node:crypto";
import { hashUnsubscribeToken } from "~/models/email/email-links.server";
import { queueEmailInTx, type QueueEmailInput } from "~/models/email/email.server";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "./candidates";
import { makeUser } from "./users";

/** A message already in the candidate's history (sent, unless `status` says otherwise). */
export async function makeEmail(
  candidateId: string,
  overrides: { subject?: string; template?: string; status?: string; createdAt?: Date; sentAt?: Date | null; sentById?: string } = {},
) {
  const candidate = await prisma.candidate.findUniqueOrThrow({ where: { id: candidateId } });
  return prisma.emailMessage.create({
    data: {
      candidateId,
      template: overrides.template ?? "recovery-guidance",
      toAddress: candidate.email,
      subject: overrides.subject ?? "After your interview",
      html: "<p>Hello</p>",
      text: "Hello",
      status: overrides.status ?? "sent",
      createdAt: overrides.createdAt ?? new Date(),
      sentAt: overrides.sentAt === undefined ? new Date() : overrides.sentAt,
      sentById: overrides.sentById ?? null,
      messageId: `<${randomUUID()}@test>`,
    },
  });
}

export async function makeEmailRecipient(overrides: { name?: string; email?: string } = {}) {
  const recruiter = await makeUser();
  const candidate = await makeCandidate({ recruiterId: recruiter.id, ...overrides });
  return { recruiter, candidate };
}

/** Queues a message through queueEmailInTx, as the send actions do. */
export async function queueTestEmail(
  candidate: { id: string; email: string },
  sentById: string,
  overrides: Partial<QueueEmailInput> = {},
) {
  return prisma.$transaction((tx) =>
    queueEmailInTx(
      tx,
      {
        candidateId: candidate.id,
        template: "rough_day",
        toAddress: candidate.email,
        subject: "Rough day — here's what to do next",
        html: "<p>Hello <strong>there</strong></p>",
        text: "Hello there",
        ...overrides,
      },
      { userId: sentById },
    ),
  );
}

/** An unsubscribe link for the candidate, as the worker mints one at delivery; returns the token. */
export async function makeUnsubscribeToken(candidateId: string, expiresAt = new Date(Date.now() + 30 * 24 * 3600_000)) {
  const token = randomBytes(32).toString("base64url");
  await prisma.unsubscribeLink.create({ data: { candidateId, tokenHash: hashUnsubscribeToken(token), expiresAt } });
  return token;
}
