// Starting and stopping the scheduler in the server process, and the recurring jobs every instance must have.
import { prisma, isUniqueViolation } from "~/utils/db.server";
import { RATE_LIMIT_SWEEP_EVERY_MS } from "~/utils/rate-limit.server";
import { getAgency } from "../agency/agency.server";
import { scheduleDigestsInTx } from "../digests/digests.server";
import { RETENTION_EVERY_MS } from "../privacy/retention.server";
import { jobKeys } from "./kinds";
import { scheduleJob } from "./schedule.server";
import { startJobWorker, type JobWorker } from "./worker.server";

/**
 * Makes sure the recurring jobs exist: the went-quiet sweep (due at once) and the two digests (at their next 08:00).
 * Their unique keys mean two instances starting together still make one each; a live one is left as it is.
 */
export async function ensureRecurringJobs(now = new Date()) {
  const { timeZone } = await getAgency();
  try {
    await prisma.$transaction(async (tx) => {
      const live = await tx.job.findUnique({ where: { key: jobKeys.quietSweep() }, select: { id: true } });
      if (!live) await scheduleJob(tx, { kind: "recovery.quiet_sweep", runAt: now, payload: {}, key: jobKeys.quietSweep() }, now);
      await scheduleDigestsInTx(tx, timeZone, now);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/**
 * The daily retention run (issue 16): one live job under its key. A server that has none (a new install, or the
 * upgrade that brings retention) plans the first run a day later, so managers see its list on Settings → Privacy and
 * can exempt someone before anything is anonymised.
 */
export async function ensureRetentionJob(now = new Date()) {
  try {
    await prisma.$transaction(async (tx) => {
      const live = await tx.job.findUnique({ where: { key: jobKeys.retention() }, select: { id: true } });
      const firstRun = new Date(now.getTime() + RETENTION_EVERY_MS);
      if (!live) await scheduleJob(tx, { kind: "privacy.retention", runAt: firstRun, payload: {}, key: jobKeys.retention() }, now);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** The hourly sweep of expired rate-limit counts: one live job under its key, first run an hour after start. */
export async function ensureRateLimitSweepJob(now = new Date()) {
  try {
    await prisma.$transaction(async (tx) => {
      const live = await tx.job.findUnique({ where: { key: jobKeys.rateLimitSweep() }, select: { id: true } });
      const firstRun = new Date(now.getTime() + RATE_LIMIT_SWEEP_EVERY_MS);
      if (!live) await scheduleJob(tx, { kind: "ratelimit.sweep", runAt: firstRun, payload: {}, key: jobKeys.rateLimitSweep() }, now);
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

const holder = globalThis as unknown as { __reboundJobWorker?: JobWorker };

/** Starts the worker once per process (a development rebuild re-imports the app but keeps the running worker). */
export function ensureJobWorkerStarted() {
  if (holder.__reboundJobWorker) return holder.__reboundJobWorker;
  const worker = startJobWorker();
  holder.__reboundJobWorker = worker;
  ensureRecurringJobs()
    .then(() => ensureRetentionJob())
    .then(() => ensureRateLimitSweepJob())
    .then(() => worker.wake())
    .catch((error: unknown) => console.error("Could not schedule the recurring jobs.", error));
  return worker;
}

/** For the server's shutdown (SIGTERM/SIGINT): stop claiming, finish the job in flight, release the rest. */
export async function stopJobWorker() {
  const worker = holder.__reboundJobWorker;
  holder.__reboundJobWorker = undefined;
  await worker?.stop();
}
