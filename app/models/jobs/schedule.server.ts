// Scheduling and cancelling jobs, always inside the transaction of the write that causes them: a rolled-back write
// leaves no job behind, and a committed one never lacks its job. The worker (worker.server.ts) runs them.
import type { Tx } from "~/utils/db.server";
import { jobKinds, type JobKind, type JobPayload } from "./kinds";

export type ScheduleJobInput<K extends JobKind> = {
  kind: K;
  runAt: Date;
  payload: JobPayload<K>;
  /** One live job per key: scheduling the same key again moves that job instead of adding a second. */
  key?: string;
  maxAttempts?: number;
};

/**
 * Schedules a job inside the caller's transaction. With a key, a live job of that key is replaced (new time and
 * payload, attempts reset) unless a worker holds it right now, in which case that run stands and nothing is added.
 */
export async function scheduleJob<K extends JobKind>(tx: Tx, input: ScheduleJobInput<K>, now = new Date()) {
  const payload = JSON.stringify(jobKinds[input.kind].parse(input.payload));
  const data = { kind: input.kind, runAt: input.runAt, payload, maxAttempts: input.maxAttempts ?? 8 };
  if (input.key) {
    const live = await tx.job.findUnique({ where: { key: input.key }, select: { id: true, leaseUntil: true } });
    if (live) {
      if (live.leaseUntil && live.leaseUntil > now) return { id: live.id, replaced: false };
      // Conditional on "not held": a worker on another connection may have claimed it since the read above.
      const { count } = await tx.job.updateMany({
        where: { id: live.id, OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] },
        data: { ...data, attempts: 0, lastError: null, leaseUntil: null, lockedBy: null },
      });
      return { id: live.id, replaced: count > 0 };
    }
  }
  const job = await tx.job.create({ data: { ...data, key: input.key ?? null }, select: { id: true } });
  return { id: job.id, replaced: false };
}

/** Cancels live jobs by key (optionally only of one kind), inside the caller's transaction. Returns how many. */
export async function cancelJobs(tx: Tx, where: { key: string; kind?: JobKind } | { keys: string[] }, now = new Date()) {
  const keys = "keys" in where ? where.keys : [where.key];
  const live = await tx.job.findMany({
    where: { key: { in: keys }, ...("kind" in where && where.kind ? { kind: where.kind } : {}) },
    select: { id: true, key: true },
  });
  for (const job of live) {
    await tx.job.update({ where: { id: job.id }, data: { cancelledAt: now, key: null, endedKey: job.key, leaseUntil: null } });
  }
  return live.length;
}
