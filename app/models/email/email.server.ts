// The email outbox: every email is written here, in the transaction of the change that sends it, and delivered later
// by the sender worker (email-worker.server.ts). Also the list and detail of /emails, retries and unsubscribing.
import { isRecordId, RECORD_ID_PATTERN } from "~/utils/record-id";
import { firstName } from "~/utils/names";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "~/models/audit/audit.server";
import type { AuditActor } from "~/models/audit/events";
import { prisma, type Tx } from "~/utils/db.server";
import { lockCandidate } from "~/models/candidates/candidate-lock.server";
import { formatDuration } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { RuleViolation } from "~/utils/errors.server";
import { PAGE_SIZES } from "~/utils/table-params";
import { findUnsubscribeCandidateId } from "./email-links.server";
import { viaCandidateWhere, type CandidateScope } from "../candidates/candidate-access.server";
import { emailStatuses } from "../enums";
import { candidateUnsubscribedInTx } from "../notifications/alerts.server";
import { candidateUnsubscribedRemindersInTx } from "../recovery/candidate-reminders.server";
import { isEmailSuppressed } from "../privacy/suppression.server";
import { contactBlockedReason } from "../privacy/contact-preferences.server";

export type QueueEmailInput = {
  candidateId: string;
  interviewId?: string | null;
  template: string;
  toAddress: string;
  subject: string;
  html: string;
  text: string;
  personalNote?: string | null;
  /** The checklist run whose coaching link the worker mints at delivery (the body holds the placeholder). */
  coachingRunId?: string | null;
  /** Normally left out: a new stable Message-ID is made. */
  messageId?: string;
  /** When it was queued and may first go (a scheduled job passes its clock); now when left out. */
  now?: Date;
};

const addressSchema = z.string().max(254).email();

/** True when the address is one we can put in a To: header (no display name, no line breaks). */
export function isDeliverableAddress(address: string) {
  return !/[\r\n<>,;\s]/.test(address) && addressSchema.safeParse(address).success;
}

/** "<random@app-host>": the RFC 5322 Message-ID a message keeps on every delivery attempt. */
export function newMessageId() {
  const host = new URL(env.APP_URL).hostname || "rebound.localhost";
  return `<${randomBytes(16).toString("hex")}@${host}>`;
}

/**
 * Writes one message to the outbox (status "queued") and its audit event, inside the caller's transaction.
 * Refuses a candidate who unsubscribed and an address we can't deliver to. Call wakeEmailWorker() after commit.
 */
export async function queueEmailInTx(tx: Tx, input: QueueEmailInput, actor: AuditActor) {
  // An unsubscribe, "do not contact" or erasure at the same moment either commits first (and is seen here) or waits
  // and then stops this message with the rest of the queue.
  await lockCandidate(tx, input.candidateId);
  const candidate = await tx.candidate.findUnique({
    where: { id: input.candidateId },
    select: { id: true, name: true, emailOptOut: true, doNotContact: true, erasedAt: true },
  });
  if (!candidate) throw new RuleViolation("Candidate not found.");
  const blocked = contactBlockedReason(candidate);
  if (blocked) throw new RuleViolation(blocked);
  const toAddress = input.toAddress.trim();
  if (!isDeliverableAddress(toAddress)) {
    throw new RuleViolation(`${candidate.name}'s email address "${toAddress.slice(0, 100).replace(/\s+/g, " ")}" is not valid, so we can't email them.`);
  }
  if (await isEmailSuppressed(toAddress, tx)) {
    throw new RuleViolation(`${toAddress.slice(0, 100)} belongs to a candidate who was erased, so Rebound doesn't email it.`);
  }
  if (!input.subject.trim() || /[\r\n]/.test(input.subject)) throw new RuleViolation("The subject must be one line of text.");
  const messageId = input.messageId ?? newMessageId();
  if (!/^<[^<>\s@]+@[^<>\s@]+>$/.test(messageId)) throw new RuleViolation("Message-ID must look like <id@host>.");
  const message = await tx.emailMessage.create({
    data: {
      candidateId: candidate.id,
      interviewId: input.interviewId ?? null,
      sentById: "userId" in actor ? actor.userId : null,
      template: input.template,
      toAddress,
      subject: input.subject,
      html: input.html,
      text: input.text,
      personalNote: input.personalNote || null,
      coachingRunId: input.coachingRunId ?? null,
      status: "queued",
      messageId,
      ...(input.now ? { createdAt: input.now, nextAttemptAt: input.now } : {}),
    },
    select: { id: true, status: true, messageId: true, toAddress: true, subject: true, template: true },
  });
  await recordAudit(tx, {
    actor,
    action: "email.queued",
    entityId: message.id,
    candidateId: candidate.id,
    after: { template: message.template, subject: message.subject, toAddress, messageId },
  });
  return message;
}

// ---- Sending limit -------------------------------------------------------------------------------------------

export const SEND_LIMIT_PER_HOUR = 200;
const HOUR_MS = 60 * 60_000;

/**
 * Refuses (RuleViolation) when sending `count` more emails would take the recruiter over the hourly limit.
 * Counted from the outbox itself, so the limit holds across restarts; pass `tx` to count inside a transaction.
 */
export async function assertCanSend(userId: string, count: number, options: { tx?: Tx; now?: Date } = {}) {
  const db = options.tx ?? prisma;
  const now = options.now ?? new Date();
  if (count > SEND_LIMIT_PER_HOUR) {
    throw new RuleViolation(`You can send up to ${SEND_LIMIT_PER_HOUR} emails an hour; choose fewer recipients.`);
  }
  const since = new Date(now.getTime() - HOUR_MS);
  const recent = await db.emailMessage.findMany({
    where: { sentById: userId, createdAt: { gt: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const over = recent.length + count - SEND_LIMIT_PER_HOUR;
  if (over <= 0) return;
  // Room for this send opens when the `over`-th oldest message of the last hour leaves the window.
  const freeAt = recent[over - 1].createdAt.getTime() + HOUR_MS;
  const wait = formatDuration(Math.max(60_000, freeAt - now.getTime()));
  const left = Math.max(0, SEND_LIMIT_PER_HOUR - recent.length);
  throw new RuleViolation(
    `You have reached the limit of ${SEND_LIMIT_PER_HOUR} emails an hour` +
      (left > 0 ? ` (${left} left now)` : "") +
      `. You can send ${count === 1 ? "again" : `to ${count} people`} in ${wait}.`,
  );
}

// ---- Waking the worker ---------------------------------------------------------------------------------------

const wakeHolder = globalThis as unknown as { __reboundWakeEmailWorker?: () => void };

/** The worker registers how to wake it (kept on globalThis so a development rebuild reaches the running worker). */
export function setEmailWorkerWaker(wake: (() => void) | undefined) {
  wakeHolder.__reboundWakeEmailWorker = wake;
}

/** Asks the worker to look at the outbox now rather than at its next poll; call after the queueing transaction. */
export function wakeEmailWorker() {
  wakeHolder.__reboundWakeEmailWorker?.();
}

// ---- /emails -------------------------------------------------------------------------------------------------

export const EMAILS_PAGE_SIZE = 25;

const idParam = z.string().trim().regex(RECORD_ID_PATTERN).optional().catch(undefined);
const filtersSchema = z.object({
  status: z.enum(emailStatuses.values).optional().catch(undefined),
  template: z.string().trim().regex(/^[a-z0-9_]{1,64}$/).optional().catch(undefined),
  recruiter: idParam,
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  pageSize: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(EMAILS_PAGE_SIZE),
});

export type EmailFilters = { status?: string; template?: string; recruiter?: string };

/** Filters and page of /emails from its URL; anything odd means "no filter" (never a 500). */
export function parseEmailQuery(params: URLSearchParams) {
  const { page, pageSize, ...filters } = filtersSchema.parse({
    status: params.get("status") || undefined,
    template: params.get("template") || undefined,
    recruiter: params.get("recruiter") || undefined,
    page: params.get("page") ?? undefined,
    pageSize: params.get("pageSize") ?? undefined,
  });
  return { filters: filters as EmailFilters, page, pageSize };
}

/** One page of messages (newest first) and how many match; a page past the end gives the last page. */
export async function listEmails(
  filters: EmailFilters,
  page = 1,
  pageSize: number = EMAILS_PAGE_SIZE,
  scope: CandidateScope = null,
  viewer?: { id: string; role: string },
) {
  // Emails to staff (notifications) are shown to managers and to the person they went to.
  const visible =
    viewer && viewer.role !== "manager"
      ? { OR: [{ candidateId: { not: null }, ...viaCandidateWhere(scope) }, { candidateId: null, recipientUserId: viewer.id }] }
      : viaCandidateWhere(scope);
  const where = {
    ...visible,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.template ? { template: filters.template } : {}),
    ...(filters.recruiter ? { sentById: filters.recruiter } : {}),
  };
  const total = await prisma.emailMessage.count({ where });
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, lastPage);
  const rows = await prisma.emailMessage.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * pageSize,
    take: pageSize,
    select: {
      id: true,
      createdAt: true,
      sentAt: true,
      template: true,
      toAddress: true,
      subject: true,
      status: true,
      attempts: true,
      lastError: true,
      candidate: { select: { id: true, name: true } },
      recipientUser: { select: { id: true, name: true } },
      sentBy: { select: { id: true, name: true } },
    },
  });
  return { rows, total, page: current, pageSize };
}

/** Recruiters who appear in the "Sent by" filter. */
export async function emailSenderOptions() {
  return prisma.user.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/** One message as it was (or will be) sent; null when there is no such message. */
export async function getEmail(id: string) {
  if (!isRecordId(id)) return null;
  return prisma.emailMessage.findUnique({
    where: { id },
    include: {
      candidate: { select: { id: true, name: true, email: true, emailOptOut: true } },
      recipientUser: { select: { id: true, name: true } },
      sentBy: { select: { id: true, name: true } },
      interview: { select: { id: true, roleTitle: true } },
    },
  });
}

/** Puts a failed message back in the queue for an immediate attempt. */
export async function retryEmail(id: string, actor: AuditActor, now: Date = new Date()) {
  const message = await prisma.$transaction(async (tx) => {
    const current = await tx.emailMessage.findUnique({
      where: { id },
      select: {
        id: true,
        status: true,
        candidateId: true,
        attempts: true,
        lastError: true,
        candidate: { select: { name: true, emailOptOut: true, doNotContact: true, erasedAt: true } },
      },
    });
    if (!current) throw new RuleViolation("That message no longer exists.");
    if (current.status !== "failed") throw new RuleViolation("Only a failed message can be retried.");
    const blocked = current.candidate ? contactBlockedReason(current.candidate) : null;
    if (blocked) throw new RuleViolation(blocked);
    // Guarded on the status, so two clicks on "Retry" queue it once.
    const { count } = await tx.emailMessage.updateMany({
      where: { id, status: "failed" },
      data: { status: "queued", nextAttemptAt: now, attempts: 0, leaseUntil: null },
    });
    if (count === 0) throw new RuleViolation("Only a failed message can be retried.");
    await recordAudit(tx, {
      actor,
      action: "email.retried",
      entityId: id,
      candidateId: current.candidateId,
      before: { status: current.status, attempts: current.attempts, lastError: current.lastError },
      after: { status: "queued" },
    });
    return { id };
  });
  wakeEmailWorker();
  return message;
}

// ---- Unsubscribing -------------------------------------------------------------------------------------------

/** "j***@example.net": enough for the candidate to recognise, not enough to harvest from a forwarded link. */
export function maskEmail(email: string) {
  const [local, domain] = email.split("@");
  if (!domain) return "your address";
  return `${local.slice(0, 1)}***@${domain}`;
}

/** What the unsubscribe page shows for a token; null for an unknown token. */
export async function unsubscribeInfo(token: string, now: Date = new Date()) {
  const candidateId = await findUnsubscribeCandidateId(prisma, token, now);
  if (!candidateId) return null;
  const candidate = await prisma.candidate.findUnique({
    where: { id: candidateId },
    select: { name: true, email: true, emailOptOut: true },
  });
  if (!candidate) return null;
  return {
    firstName: firstName(candidate.name),
    maskedEmail: maskEmail(candidate.email),
    optedOut: candidate.emailOptOut,
  };
}

/**
 * Records the candidate's opt-out (once; repeating it changes nothing) and stops messages still waiting in the
 * queue. Null for an unknown token.
 */
export async function unsubscribe(token: string, now: Date = new Date()) {
  const done = await prisma.$transaction(async (tx) => {
    const candidateId = await findUnsubscribeCandidateId(tx, token, now);
    if (!candidateId) return null;
    const candidate = await tx.candidate.findUnique({
      where: { id: candidateId },
      select: { id: true, name: true, emailOptOut: true },
    });
    if (!candidate) return null;
    await lockCandidate(tx, candidate.id);
    // Conditional, so two clicks at once record the opt-out (and stop the queue) once.
    const { count: first } = await tx.candidate.updateMany({ where: { id: candidate.id, emailOptOut: false }, data: { emailOptOut: true, optedOutAt: now } });
    if (!first) return { candidateId: candidate.id, already: true };
    const { count } = await tx.emailMessage.updateMany({
      where: { candidateId: candidate.id, status: "queued" },
      data: { status: "failed", lastError: `Not sent: ${candidate.name} unsubscribed before it went out.` },
    });
    await recordAudit(tx, {
      actor: { label: "candidate" },
      action: "candidate.unsubscribed",
      entityId: candidate.id,
      candidateId: candidate.id,
      before: { emailOptOut: false },
      after: { emailOptOut: true, queuedMessagesStopped: count },
    });
    await candidateUnsubscribedInTx(tx, candidate.id, now);
    await candidateUnsubscribedRemindersInTx(tx, candidate.id, now);
    return { candidateId: candidate.id, already: false };
  });
  return done;
}
