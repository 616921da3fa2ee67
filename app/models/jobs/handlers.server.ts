// What each job kind does when it falls due. A mapped type over every kind: adding a kind to kinds.ts fails the type
// check until it has a handler here. "inTx" handlers run inside the transaction that marks the job done (their writes
// happen exactly once); "standalone" ones run their own transactions and must be safe to run twice.
import type { z } from "zod";
import type { Tx } from "~/utils/db.server";
import { runRequestWaitingAlert, runWindowClosingAlert, runWindowMissedAlert } from "../notifications/alerts.server";
import { sendCheckIn } from "../check-in/check-in.server";
import { closeQuietRecoveries } from "../recovery/lifecycle.server";
import { nextDigestRun, sendMorningDigests, sendWeeklySummaries } from "../digests/digests.server";
import { runCandidateReminder } from "../recovery/candidate-reminders.server";
import { runRetention, RETENTION_EVERY_MS } from "../privacy/retention.server";
import { RATE_LIMIT_SWEEP_EVERY_MS, sweepRateLimits } from "~/utils/rate-limit.server";
import { rebuildRollupsOnAgencyClock } from "../stats/recovery-rollups.server";
import type { JobKind, jobKinds } from "./kinds";

export type JobContext = { now: Date; jobId: string };
/** A recurring job returns when it runs next; the worker schedules that in the transaction that marks it done. */
type Result = Promise<{ next?: Date } | void>;
type Payload<K extends JobKind> = z.output<(typeof jobKinds)[K]>;

export type JobHandler<K extends JobKind> =
  | { mode: "inTx"; run: (tx: Tx, payload: Payload<K>, context: JobContext) => Result }
  | { mode: "standalone"; run: (payload: Payload<K>, context: JobContext) => Result };

/** The went-quiet sweep runs hourly; the queues hide quiet recoveries meanwhile, so nothing stale shows. */
export const QUIET_SWEEP_EVERY_MS = 3600_000;

export const jobHandlers: { [K in JobKind]: JobHandler<K> } = {
  "recovery.quiet_sweep": {
    // Batches in their own transactions (a long backlog never holds the database); closing twice is a no-op.
    mode: "standalone",
    run: async (_payload, { now }) => {
      await closeQuietRecoveries(now);
      return { next: new Date(now.getTime() + QUIET_SWEEP_EVERY_MS) };
    },
  },
  "alert.window_closing": { mode: "inTx", run: async (tx, payload, { now }) => void (await runWindowClosingAlert(tx, payload, now)) },
  "alert.window_missed": { mode: "inTx", run: async (tx, payload, { now }) => void (await runWindowMissedAlert(tx, payload, now)) },
  "alert.request_waiting": { mode: "inTx", run: async (tx, payload, { now }) => void (await runRequestWaitingAlert(tx, payload, now)) },
  // Renders the email before its own transaction, which only sends a check-in still planned: running twice is a no-op.
  "checkin.send": { mode: "standalone", run: async ({ checkInId }, { now }) => void (await sendCheckIn(checkInId, now)) },
  // Each digest's Message-ID is fixed by its user and day, so running twice queues each email once.
  "digest.morning": {
    mode: "standalone",
    run: async (_payload, { now }) => {
      await sendMorningDigests(now);
      return { next: await nextDigestRun("digest.morning", now) };
    },
  },
  "digest.weekly": {
    mode: "standalone",
    run: async (_payload, { now }) => {
      await sendWeeklySummaries(now);
      return { next: await nextDigestRun("digest.weekly", now) };
    },
  },
  // Renders before its own transaction, which is guarded on the last reminder's time: running twice sends once.
  // Returns when it runs next (the next step's due time, the daily cap, or 09:00), or nothing when it is over.
  "reminder.candidate_step": { mode: "standalone", run: async ({ flagId }, { now }) => runCandidateReminder(flagId, now) },
  // Each erasure is its own transaction and a second run finds nothing left to do: safe to run twice.
  "privacy.retention": {
    mode: "standalone",
    run: async (_payload, { now }) => {
      await runRetention(now);
      return { next: new Date(now.getTime() + RETENTION_EVERY_MS) };
    },
  },
  // Its own long transaction, under the rollups' lock; a second run finds them on the agency's clock already.
  "stats.rollups": {
    mode: "standalone",
    run: async () => {
      await rebuildRollupsOnAgencyClock();
    },
  },
  // One DELETE of what has expired: running twice finds nothing more.
  "ratelimit.sweep": {
    mode: "standalone",
    run: async (_payload, { now }) => {
      await sweepRateLimits(now.getTime());
      return { next: new Date(now.getTime() + RATE_LIMIT_SWEEP_EVERY_MS) };
    },
  },
};
