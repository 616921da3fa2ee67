// The sender worker: runs inside the server process, claims due outbox messages under a lease, delivers them through
// the pooled SMTP transport and records the outcome. See docs/decisions/005-email-outbox.md for the guarantees.
import { recordAudit } from "~/models/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createMailTransport, mailFromAddress, type MailTransport, type OutgoingMail } from "~/utils/mailer.server";
import { getAgency } from "./agency.server";
import { setEmailWorkerWaker } from "./email.server";
import { sqlDate } from "~/utils/sql-dialect.server";

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
};

export const MAX_ATTEMPTS = 8;
export const LEASE_MS = 5 * 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 60 * 60_000;

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries don't arrive in step. */
export function defaultBackoffMs(attempt: number, random: () => number = Math.random) {
  const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay / 2 + random() * (delay / 2));
}

export type PassResult = { sent: number; captured: number; retrying: number; failed: number };

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
  return prisma.$queryRaw<{ id: string; attempts: number | bigint }[]>`
    UPDATE "EmailMessage"
    SET "status" = 'sending', "leaseUntil" = ${sqlDate(new Date(now.getTime() + leaseMs))}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "EmailMessage"
      WHERE ("status" = 'queued' AND "nextAttemptAt" <= ${at}) OR ("status" = 'sending' AND "leaseUntil" < ${at})
      ORDER BY "nextAttemptAt"
      LIMIT ${limit})
    RETURNING "id", "attempts"`;
}

type Claimed = Awaited<ReturnType<typeof loadClaimed>>[number];

function loadClaimed(ids: string[]) {
  return prisma.emailMessage.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      candidateId: true,
      toAddress: true,
      subject: true,
      html: true,
      text: true,
      messageId: true,
      attempts: true,
      candidate: { select: { unsubscribeToken: true } },
    },
  });
}

/** The message as it goes on the wire: the same Message-ID on every attempt, and the one-click unsubscribe headers. */
export function composeMail(
  message: Pick<Claimed, "toAddress" | "subject" | "html" | "text" | "messageId" | "candidate">,
  sender: { senderName: string; replyTo: string | null },
): OutgoingMail {
  const unsubscribeUrl = `${env.APP_URL}/unsubscribe/${encodeURIComponent(message.candidate.unsubscribeToken)}`;
  return {
    from: { name: sender.senderName, address: mailFromAddress() },
    ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
    to: message.toAddress,
    subject: message.subject,
    html: message.html,
    text: message.text,
    messageId: message.messageId,
    headers: {
      "List-Unsubscribe": `<${unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

type Outcome =
  | { kind: "sent"; message: Claimed; response: string | undefined }
  | { kind: "error"; message: Claimed; error: unknown };

async function recordOutcomes(outcomes: Outcome[], now: Date, options: Required<Pick<EmailWorkerOptions, "backoffMs" | "maxAttempts">>) {
  const result: PassResult = { sent: 0, captured: 0, retrying: 0, failed: 0 };
  await prisma.$transaction(async (tx) => {
    for (const outcome of outcomes) {
      const { message } = outcome;
      // Guarded on the claim (status and attempt number): if this lease expired and the message was claimed again,
      // the newer attempt owns the row.
      const claim = { id: message.id, status: "sending", attempts: message.attempts };
      if (outcome.kind === "sent") {
        const { count } = await tx.emailMessage.updateMany({
          where: claim,
          data: { status: "sent", sentAt: now, leaseUntil: null, lastError: null },
        });
        if (!count) continue;
        result.sent += 1;
        await recordAudit(tx, {
          actor: { label: "system" },
          action: "email.sent",
          entityId: message.id,
          candidateId: message.candidateId,
          after: { messageId: message.messageId, attempts: message.attempts, response: outcome.response?.slice(0, 200) },
        });
        continue;
      }
      const { permanent, message: error } = classifySmtpError(outcome.error);
      const giveUp = permanent || message.attempts >= options.maxAttempts;
      const lastError = permanent || message.attempts < options.maxAttempts ? error : `Gave up after ${message.attempts} attempts. Last error: ${error}`;
      const { count } = await tx.emailMessage.updateMany({
        where: claim,
        data: giveUp
          ? { status: "failed", leaseUntil: null, lastError }
          : {
              status: "queued",
              leaseUntil: null,
              lastError,
              nextAttemptAt: new Date(now.getTime() + options.backoffMs(message.attempts)),
            },
      });
      if (!count) continue;
      if (giveUp) {
        result.failed += 1;
        await recordAudit(tx, {
          actor: { label: "system" },
          action: "email.failed",
          entityId: message.id,
          candidateId: message.candidateId,
          after: { attempts: message.attempts, lastError },
        });
      } else {
        result.retrying += 1;
      }
    }
  });
  return result;
}

async function captureAll(messages: Claimed[]) {
  await prisma.$transaction(async (tx) => {
    for (const message of messages) {
      const { count } = await tx.emailMessage.updateMany({
        where: { id: message.id, status: "sending", attempts: message.attempts },
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

/** One pass of the worker: delivers (or captures) every message due now, in batches. */
export async function deliverDueEmails(options: EmailWorkerOptions = {}): Promise<PassResult> {
  const now = options.now ?? (() => new Date());
  const transport = options.transport === undefined ? transportFromEnv() : options.transport;
  const batchSize = options.batchSize ?? 50;
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const maxPerPass = options.maxPerPass ?? 20_000;
  const settings = { backoffMs: options.backoffMs ?? ((n: number) => defaultBackoffMs(n)), maxAttempts: options.maxAttempts ?? MAX_ATTEMPTS };
  const total: PassResult = { sent: 0, captured: 0, retrying: 0, failed: 0 };
  const sender = await getAgency();
  let handled = 0;
  while (handled < maxPerPass) {
    const claimed = await claimDueMessages(now(), leaseMs, Math.min(batchSize, maxPerPass - handled));
    if (!claimed.length) break;
    handled += claimed.length;
    const messages = await loadClaimed(claimed.map((c) => c.id));
    if (!transport) {
      await captureAll(messages);
      total.captured += messages.length;
    } else {
      // The whole batch goes to the pool at once; the pool spreads it over its connections.
      const outcomes = await Promise.all(
        messages.map((message) =>
          transport.sendMail(composeMail(message, sender)).then(
            (info): Outcome => ({ kind: "sent", message, response: info.response }),
            (error: unknown): Outcome => ({ kind: "error", message, error }),
          ),
        ),
      );
      const result = await recordOutcomes(outcomes, now(), settings);
      total.sent += result.sent;
      total.retrying += result.retrying;
      total.failed += result.failed;
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
    running = deliverDueEmails(options)
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
  return {
    wake,
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
