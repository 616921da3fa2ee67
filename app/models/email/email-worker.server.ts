// The sender worker: runs inside the server process, claims due outbox messages under a lease, delivers them through
// the pooled SMTP transport and records the outcome. See docs/decisions/005-email-outbox.md for the guarantees.
import { recordAudit } from "~/models/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createMailTransport, mailFromAddress, type MailTransport, type OutgoingMail } from "~/utils/mailer.server";
import { getAgency } from "../agency/agency.server";
import { discardEmailLinksInTx, fillEmailLinks, mintEmailLinksInTx, pruneExpiredUnsubscribeLinks, unsubscribeUrl, type MintedLinks } from "./email-links.server";
import { setEmailWorkerWaker } from "./email.server";
import { Prisma } from "~/.generated/prisma/client";
import { claimRows, sqlDate } from "~/utils/sql-dialect.server";

export type EmailWorkerOptions = {
  /** Where mail goes. Left out: the pooled transport for SMTP_URL; null (or no SMTP_URL): capture mode. */
  transport?: MailTransport | null;
  /** The worker's clock (tests move it instead of sleeping). */
  now?: () => Date;
  /** Delay before the next try after the n-th failed attempt (n starts at 1). */
  backoffMs?: (attempt: number) => number;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** Upper bound of messages one pass handles, so a pass always ends. */
  maxPerPass?: number;
  /** Asked before each message: once true, the pass sends nothing more and releases what it still holds. */
  shouldStop?: () => boolean;
};

export const MAX_ATTEMPTS = 8;
/**
 * A claim holds a batch this long, and each message's lease is renewed as its delivery starts: long enough for one
 * slow SMTP exchange (connection 15 s + greeting 15 s + socket 60 s), short enough that a crash holds mail briefly.
 */
export const LEASE_MS = 2 * 60_000;
export const BATCH_SIZE = 10;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 60 * 60_000;

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries don't arrive in step. */
export function defaultBackoffMs(attempt: number, random: () => number = Math.random) {
  const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay / 2 + random() * (delay / 2));
}

export type PassResult = { sent: number; captured: number; retrying: number; failed: number; released: number };

type SmtpError = { responseCode?: number; response?: string; code?: string; message?: string };

/** 5xx replies are permanent; other replies (4xx), connection errors and timeouts are worth another try. */
export function classifySmtpError(error: unknown) {
  const e = (error ?? {}) as SmtpError;
  const permanent = typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600;
  const detail = e.response || [e.code, e.message].filter(Boolean).join(": ") || String(error);
  return { permanent, message: (detail || "Unknown error").slice(0, 1000) };
}

let defaultTransport: { url: string; transport: MailTransport } | undefined;

function transportFromEnv() {
  if (!env.SMTP_URL) return null;
  if (defaultTransport?.url !== env.SMTP_URL) {
    defaultTransport?.transport.close();
    defaultTransport = { url: env.SMTP_URL, transport: createMailTransport(env.SMTP_URL) };
  }
  return defaultTransport.transport;
}

/**
 * Claims up to `limit` due messages in one statement: queued ones whose time has come, and "sending" ones whose lease
 * ran out (their worker died mid-send). Each claim takes a lease and counts an attempt.
 */
async function claimDueMessages(now: Date, leaseMs: number, limit: number) {
  const at = sqlDate(now);
  return prisma.$queryRaw<{ id: string; attempts: number | bigint }[]>(
    claimRows(
      "EmailMessage",
      Prisma.sql`SELECT "id" FROM "EmailMessage"
        WHERE ("status" = 'queued' AND "nextAttemptAt" <= ${at}) OR ("status" = 'sending' AND "leaseUntil" < ${at})
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}`,
      Prisma.sql`"status" = 'sending', "leaseUntil" = ${sqlDate(new Date(now.getTime() + leaseMs))}, "attempts" = "attempts" + 1`,
      Prisma.sql`"id", "attempts"`,
    ),
  );
}

type Claimed = Awaited<ReturnType<typeof loadClaimed>>[number];

async function loadClaimed(ids: string[]) {
  const rows = await prisma.emailMessage.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      candidateId: true,
      sentById: true,
      coachingRunId: true,
      template: true,
      interviewId: true,
      toAddress: true,
      subject: true,
      html: true,
      text: true,
      messageId: true,
      attempts: true,
      nextAttemptAt: true,
    },
  });
  // In claim order, so the oldest due message goes first.
  return rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
}

/**
 * The message as it goes on the wire: this delivery's links in place of the stored placeholders, the same Message-ID
 * on every attempt, and the one-click unsubscribe headers.
 */
export function composeMail(
  message: Pick<Claimed, "toAddress" | "subject" | "html" | "text" | "messageId">,
  sender: { senderName: string; replyTo: string | null },
  links: MintedLinks,
): OutgoingMail {
  return {
    from: { name: sender.senderName, address: mailFromAddress() },
    ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
    to: message.toAddress,
    subject: message.subject,
    html: fillEmailLinks(message.html, links),
    text: fillEmailLinks(message.text, links),
    messageId: message.messageId,
    // Staff emails (no unsubscribe link) are turned off under My profile → Notifications instead.
    headers: links.unsubscribe
      ? { "List-Unsubscribe": `<${unsubscribeUrl(links.unsubscribe.token)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
      : {},
  };
}

type Settings = Required<Pick<EmailWorkerOptions, "backoffMs" | "maxAttempts">> & { leaseMs: number };

const claimOf = (message: Claimed) => ({ id: message.id, status: "sending", attempts: message.attempts });

/**
 * Renews the message's lease (still ours only if nobody claimed it after an expired lease) and mints its links, in
 * one transaction. Null when the message is no longer ours.
 */
async function startDelivery(message: Claimed, now: Date, leaseMs: number) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.emailMessage.updateMany({
      where: claimOf(message),
      data: { leaseUntil: new Date(now.getTime() + leaseMs) },
    });
    if (!count) return null;
    return mintEmailLinksInTx(tx, message, now);
  });
}

/** Marks the message sent at once after the server's 250, so a crash or restart can duplicate at most this one. */
async function recordSent(message: Claimed, links: MintedLinks, response: string | undefined, now: Date) {
  return prisma.$transaction(async (tx) => {
    // Guarded on the claim (status and attempt number): if this lease expired and the message was claimed again,
    // the newer attempt owns the row.
    const { count } = await tx.emailMessage.updateMany({
      where: claimOf(message),
      data: { status: "sent", sentAt: now, leaseUntil: null, lastError: null },
    });
    if (!count) return false;
    await recordAudit(tx, {
      actor: { label: "system" },
      action: "email.sent",
      entityId: message.id,
      candidateId: message.candidateId,
      after: { messageId: message.messageId, attempts: message.attempts, response: response?.slice(0, 200) },
    });
    if (links.coaching) {
      await recordAudit(tx, {
        actor: message.sentById ? { userId: message.sentById } : { label: "system" },
        action: "coaching.link_created",
        entityId: links.coaching.id,
        candidateId: message.candidateId,
        after: {
          interviewId: links.coaching.interviewId,
          runId: links.coaching.runId,
          expiresAt: links.coaching.expiresAt.toISOString(),
          replacedLinkIds: [],
          emailId: message.id,
        },
      });
    }
    return true;
  });
}

/** The server did not accept the message: its links are discarded, and it waits for a retry or fails. */
async function recordFailure(message: Claimed, links: MintedLinks, error: unknown, now: Date, settings: Settings) {
  return prisma.$transaction(async (tx) => {
    await discardEmailLinksInTx(tx, links);
    const { permanent, message: detail } = classifySmtpError(error);
    const giveUp = permanent || message.attempts >= settings.maxAttempts;
    const lastError = permanent || message.attempts < settings.maxAttempts ? detail : `Gave up after ${message.attempts} attempts. Last error: ${detail}`;
    const { count } = await tx.emailMessage.updateMany({
      where: claimOf(message),
      data: giveUp
        ? { status: "failed", leaseUntil: null, lastError }
        : {
            status: "queued",
            leaseUntil: null,
            lastError,
            nextAttemptAt: new Date(now.getTime() + settings.backoffMs(message.attempts)),
          },
    });
    if (!count) return null;
    if (giveUp) {
      await recordAudit(tx, {
        actor: { label: "system" },
        action: "email.failed",
        entityId: message.id,
        candidateId: message.candidateId,
        after: { attempts: message.attempts, lastError },
      });
    }
    return giveUp ? "failed" : "retrying";
  });
}

/** Gives back messages claimed but not started (a stop): queued again at once, the claim's attempt not counted. */
async function release(messages: Claimed[]) {
  if (!messages.length) return 0;
  return prisma.$transaction(async (tx) => {
    let released = 0;
    for (const message of messages) {
      const { count } = await tx.emailMessage.updateMany({
        where: claimOf(message),
        data: { status: "queued", leaseUntil: null, attempts: message.attempts - 1 },
      });
      released += count;
    }
    return released;
  });
}

async function captureAll(messages: Claimed[]) {
  await prisma.$transaction(async (tx) => {
    for (const message of messages) {
      const { count } = await tx.emailMessage.updateMany({
        where: claimOf(message),
        data: { status: "captured", leaseUntil: null },
      });
      if (!count) continue;
      await recordAudit(tx, {
        actor: { label: "system" },
        action: "email.captured",
        entityId: message.id,
        candidateId: message.candidateId,
      });
    }
  });
}

/**
 * One pass of the worker: delivers (or captures) every message due now, in batches, one message at a time, each
 * marked sent right after the server accepted it.
 */
export async function deliverDueEmails(options: EmailWorkerOptions = {}): Promise<PassResult> {
  const now = options.now ?? (() => new Date());
  const transport = options.transport === undefined ? transportFromEnv() : options.transport;
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const maxPerPass = options.maxPerPass ?? 20_000;
  const shouldStop = options.shouldStop ?? (() => false);
  const settings: Settings = {
    backoffMs: options.backoffMs ?? ((n: number) => defaultBackoffMs(n)),
    maxAttempts: options.maxAttempts ?? MAX_ATTEMPTS,
    leaseMs: options.leaseMs ?? LEASE_MS,
  };
  const total: PassResult = { sent: 0, captured: 0, retrying: 0, failed: 0, released: 0 };
  const sender = await getAgency();
  let handled = 0;
  while (handled < maxPerPass && !shouldStop()) {
    const claimed = await claimDueMessages(now(), settings.leaseMs, Math.min(batchSize, maxPerPass - handled));
    if (!claimed.length) break;
    handled += claimed.length;
    const messages = await loadClaimed(claimed.map((c) => c.id));
    if (!transport) {
      await captureAll(messages);
      total.captured += messages.length;
    } else {
      for (const [index, message] of messages.entries()) {
        if (shouldStop()) {
          total.released += await release(messages.slice(index));
          break;
        }
        const links = await startDelivery(message, now(), settings.leaseMs);
        if (!links) continue;
        let info: { response?: string } | undefined;
        let failure: unknown;
        try {
          info = await transport.sendMail(composeMail(message, sender, links));
        } catch (error) {
          failure = error ?? new Error("Unknown error");
        }
        if (info) {
          if (await recordSent(message, links, info.response, now())) total.sent += 1;
        } else {
          const outcome = await recordFailure(message, links, failure, now(), settings);
          if (outcome === "failed") total.failed += 1;
          if (outcome === "retrying") total.retrying += 1;
        }
      }
    }
    if (claimed.length < batchSize) break;
  }
  return total;
}

export type EmailWorker = { wake(): void; stop(): Promise<void> };

/** Runs passes every `pollMs` (and at once when woken) until stopped. Its timers never keep the process alive. */
export function startEmailWorker(options: EmailWorkerOptions & { pollMs?: number } = {}): EmailWorker {
  const pollMs = options.pollMs ?? 1_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref();
  };

  function tick() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = deliverDueEmails({ ...options, shouldStop: () => stopped })
      .then(
        () => undefined,
        (error: unknown) => console.error("Email worker pass failed; trying again shortly.", error),
      )
      .finally(() => {
        running = undefined;
        const more = again;
        again = false;
        schedule(more ? 0 : pollMs);
      });
  }

  // A short delay lets the queueing transaction commit before the pass looks.
  const wake = () => schedule(20);
  setEmailWorkerWaker(wake);
  schedule(0);
  pruneExpiredUnsubscribeLinks().catch((error: unknown) => console.error("Could not prune expired unsubscribe links.", error));
  return {
    wake,
    /** Stops claiming, lets the message in flight finish (and be marked), releases the rest of the batch. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      setEmailWorkerWaker(undefined);
      await running;
    },
  };
}

const workerHolder = globalThis as unknown as { __reboundEmailWorker?: EmailWorker };

/** Starts the worker once per process (a development rebuild re-imports the app but keeps the running worker). */
export function ensureEmailWorkerStarted() {
  workerHolder.__reboundEmailWorker ??= startEmailWorker();
  return workerHolder.__reboundEmailWorker;
}

/** For the server's shutdown (SIGTERM): stops this process's worker, if it runs, once its message in flight is done. */
export async function stopEmailWorker() {
  const worker = workerHolder.__reboundEmailWorker;
  workerHolder.__reboundEmailWorker = undefined;
  await worker?.stop();
}
