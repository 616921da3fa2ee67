// The scheduler worker: runs inside the server process, claims due jobs under a lease, runs their handlers, retries
// failures with exponential backoff and records the last error. docs/decisions/010-scheduler.md has the guarantees.
import { randomBytes } from "node:crypto";
import { prisma, type Tx } from "~/utils/db.server";
import { Prisma } from "~/.generated/prisma/client";
import { claimRows, sqlDate } from "~/utils/sql-dialect.server";
import { jobHandlers, type JobContext } from "./handlers.server";
import { isJobKind, parseJobPayload, type JobKind } from "./kinds";
import { scheduleJob } from "./schedule.server";

export type JobWorkerOptions = {
  /** The worker's clock (tests move it instead of sleeping). */
  now?: () => Date;
  /** Names this worker in the claim; a fresh random id per worker by default. */
  workerId?: string;
  /** Delay before the next try after the n-th failed attempt (n starts at 1). */
  backoffMs?: (attempt: number) => number;
  batchSize?: number;
  leaseMs?: number;
  /** Upper bound of jobs one pass handles, so a pass always ends. */
  maxPerPass?: number;
  /** Asked before each job: once true, the pass runs nothing more and releases what it still holds. */
  shouldStop?: () => boolean;
};

/** A job's run must finish within its lease; a handler that takes longer is treated like a crash. */
export const JOB_LEASE_MS = 5 * 60_000;
export const JOB_BATCH_SIZE = 10;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_CAP_MS = 60 * 60_000;

/** Exponential backoff with "equal jitter" (as the email worker): 30 s doubling, capped at an hour. */
export function defaultJobBackoffMs(attempt: number, random: () => number = Math.random) {
  const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay / 2 + random() * (delay / 2));
}

export type ClaimedJob = { id: string; kind: string; payload: string; key: string | null; attempts: number; maxAttempts: number };

/**
 * Claims up to `limit` due jobs for `workerId` in one statement: live jobs whose time has come and that nobody holds
 * (no lease, or an expired one: their worker died). Each claim takes a lease and counts an attempt. The one place
 * that knows which jobs are due; how they are claimed safely across instances is claimRows (SKIP LOCKED on PostgreSQL).
 */
export async function claimDueJobs(now: Date, workerId: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  const at = sqlDate(now);
  const rows = await prisma.$queryRaw<(Omit<ClaimedJob, "attempts" | "maxAttempts"> & { attempts: number | bigint; maxAttempts: number | bigint })[]>(
    claimRows(
      "Job",
      Prisma.sql`SELECT "id" FROM "Job"
        WHERE "doneAt" IS NULL AND "cancelledAt" IS NULL AND "failedAt" IS NULL AND "runAt" <= ${at}
          AND ("leaseUntil" IS NULL OR "leaseUntil" < ${at})
        ORDER BY "runAt"
        LIMIT ${limit}`,
      Prisma.sql`"leaseUntil" = ${sqlDate(now.getTime() + leaseMs)}, "lockedBy" = ${workerId}, "attempts" = "attempts" + 1`,
      Prisma.sql`"id", "kind", "payload", "key", "attempts", "maxAttempts"`,
    ),
  );
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts), maxAttempts: Number(r.maxAttempts) }));
}

/** The claim this worker holds on the job: only the attempt it claimed, still live. */
const claimOf = (job: ClaimedJob, workerId: string) => ({
  id: job.id,
  attempts: job.attempts,
  lockedBy: workerId,
  doneAt: null,
  cancelledAt: null,
  failedAt: null,
});

class LeaseLost extends Error {}

/**
 * Marks the job done (its key freed) in the caller's transaction, guarded on this worker's claim. It is the
 * transaction's first statement, so the transaction takes SQLite's write lock at once (waiting its turn) instead of
 * reading first and failing to upgrade when another process wrote meanwhile.
 */
async function markDone(tx: Tx, job: ClaimedJob, workerId: string, now: Date) {
  const { count } = await tx.job.updateMany({
    where: claimOf(job, workerId),
    data: { doneAt: now, leaseUntil: null, lastError: null, key: null, endedKey: job.key },
  });
  if (!count) throw new LeaseLost();
}

/** A recurring kind's next run, under the same key, in the transaction that marked this one done. */
async function scheduleNext(tx: Tx, job: ClaimedJob, now: Date, next: Date | undefined) {
  if (!next || !isJobKind(job.kind)) return;
  await scheduleJob(tx, { kind: job.kind, runAt: next, payload: JSON.parse(job.payload) as never, key: job.key ?? undefined }, now);
}

async function recordFailure(job: ClaimedJob, workerId: string, error: unknown, now: Date, backoffMs: (n: number) => number) {
  const detail = (error instanceof Error ? error.message : String(error)).slice(0, 1000) || "Unknown error";
  const giveUp = job.attempts >= job.maxAttempts;
  await prisma.job.updateMany({
    where: claimOf(job, workerId),
    data: giveUp
      ? { failedAt: now, leaseUntil: null, lastError: `Gave up after ${job.attempts} attempts. Last error: ${detail}`, key: null, endedKey: job.key }
      : { leaseUntil: null, lockedBy: null, lastError: detail, runAt: new Date(now.getTime() + backoffMs(job.attempts)) },
  });
  return giveUp ? "failed" : "retrying";
}

/** Gives back jobs claimed but not started (a stop): due again at once, the claim's attempt not counted. */
async function release(jobs: ClaimedJob[], workerId: string) {
  let released = 0;
  for (const job of jobs) {
    const { count } = await prisma.job.updateMany({
      where: claimOf(job, workerId),
      data: { leaseUntil: null, lockedBy: null, attempts: job.attempts - 1 },
    });
    released += count;
  }
  return released;
}

/**
 * Runs one claimed job. An in-transaction handler's writes commit together with the job's "done" mark, so they
 * happen exactly once; a standalone handler (its own transactions, e.g. the sweep's batches) must be idempotent.
 */
async function runJob(job: ClaimedJob, workerId: string, now: Date) {
  if (!isJobKind(job.kind)) throw new Error(`Unknown job kind "${job.kind}".`);
  const kind: JobKind = job.kind;
  const payload = parseJobPayload(kind, job.payload);
  const handler = jobHandlers[kind] as (typeof jobHandlers)[JobKind];
  const context: JobContext = { now, jobId: job.id };
  if (handler.mode === "standalone") {
    const result = await (handler.run as (p: unknown, c: JobContext) => Promise<{ next?: Date } | void>)(payload, context);
    await prisma.$transaction(async (tx) => {
      await markDone(tx, job, workerId, now);
      await scheduleNext(tx, job, now, result?.next);
    });
  } else {
    await prisma.$transaction(async (tx) => {
      await markDone(tx, job, workerId, now);
      const result = await (handler.run as (tx: Tx, p: unknown, c: JobContext) => Promise<{ next?: Date } | void>)(tx, payload, context);
      await scheduleNext(tx, job, now, result?.next);
    });
  }
}

export type JobPassResult = { done: number; retrying: number; failed: number; released: number; lost: number };

/** One pass of the worker: runs every job due now, in batches, one job at a time. */
export async function runDueJobs(options: JobWorkerOptions = {}): Promise<JobPassResult> {
  const now = options.now ?? (() => new Date());
  const workerId = options.workerId ?? newWorkerId();
  const batchSize = options.batchSize ?? JOB_BATCH_SIZE;
  const leaseMs = options.leaseMs ?? JOB_LEASE_MS;
  const maxPerPass = options.maxPerPass ?? 10_000;
  const backoffMs = options.backoffMs ?? ((n: number) => defaultJobBackoffMs(n));
  const shouldStop = options.shouldStop ?? (() => false);
  const total: JobPassResult = { done: 0, retrying: 0, failed: 0, released: 0, lost: 0 };
  let handled = 0;
  while (handled < maxPerPass && !shouldStop()) {
    const claimed = await claimDueJobs(now(), workerId, Math.min(batchSize, maxPerPass - handled), leaseMs);
    if (!claimed.length) break;
    handled += claimed.length;
    for (const [index, job] of claimed.entries()) {
      if (shouldStop()) {
        total.released += await release(claimed.slice(index), workerId);
        break;
      }
      try {
        await runJob(job, workerId, now());
        total.done += 1;
      } catch (error) {
        // Cancelled meanwhile, or its lease expired and another worker took it: that run owns the row now.
        if (error instanceof LeaseLost) total.lost += 1;
        else {
          const outcome = await recordFailure(job, workerId, error, now(), backoffMs).catch((recordError: unknown) => {
            // Not even the failure could be written (the database is busy): the job comes back when its lease ends.
            console.warn(`Job ${job.id} failed and could not be marked; it is retried after its lease.`, recordError);
            return "held" as const;
          });
          if (outcome === "failed") total.failed += 1;
          else if (outcome === "retrying") total.retrying += 1;
          else total.lost += 1;
        }
      }
    }
    if (claimed.length < batchSize) break;
  }
  return total;
}

export const newWorkerId = () => `worker-${process.pid}-${randomBytes(4).toString("hex")}`;

export type JobWorker = { wake(): void; stop(): Promise<void> };

/** Runs passes every `pollMs` until stopped. Its timers never keep the process alive. */
export function startJobWorker(options: JobWorkerOptions & { pollMs?: number } = {}): JobWorker {
  const pollMs = options.pollMs ?? 2_000;
  const workerId = options.workerId ?? newWorkerId();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, delay);
    timer.unref();
  };

  function tick() {
    if (stopped || running) return;
    running = runDueJobs({ ...options, workerId, shouldStop: () => stopped })
      .then(
        () => undefined,
        (error: unknown) => console.error("Job worker pass failed; trying again shortly.", error),
      )
      .finally(() => {
        running = undefined;
        schedule(pollMs);
      });
  }

  schedule(0);
  return {
    wake: () => schedule(20),
    /** Stops claiming, lets the job in flight finish, releases the rest of the batch. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
