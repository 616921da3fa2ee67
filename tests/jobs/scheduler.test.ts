// The scheduler against a real SQLite file with a clock the test moves: scheduling inside the write's transaction,
// cancelling, dedupe by key, retries with backoff and lastError, lease expiry, releasing on stop, the recurring sweep.
import { beforeEach, describe, expect, test } from "vitest";
import { flagInterview } from "~/models/flags/flag.server";
import { ensureRecurringJobs } from "~/models/jobs/jobs.server";
import { jobKeys } from "~/models/jobs/kinds";
import { cancelJobs, scheduleJob } from "~/models/jobs/schedule.server";
import { claimDueJobs, defaultJobBackoffMs, runDueJobs } from "~/models/jobs/worker.server";
import { closeRecoveryByHand } from "~/models/recovery/lifecycle.server";
import { interviewEnd } from "~/models/recovery/rules";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { flagDetails, makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeEach(async () => {
  await prisma.job.deleteMany();
});

/** A clock the test moves by hand. */
function clock(start = new Date("2026-11-30T09:00:00Z")) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** A job whose stored payload no longer fits its kind: every run fails with zod's message. */
async function brokenJob(runAt: Date, maxAttempts = 8) {
  return prisma.job.create({ data: { kind: "alert.window_closing", runAt, payload: "{}", maxAttempts } });
}

async function flaggedRecovery(now: Date) {
  const recruiter = await makeUser();
  const candidate = await makeCandidate({ recruiterId: recruiter.id, status: "open" });
  const interview = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(now.getTime() - 2 * HOUR) });
  const flag = await flagInterview(interview.id, flagDetails(), { userId: recruiter.id }, now);
  return { recruiter, candidate, interview, flag };
}

describe("scheduling", () => {
  test("a job scheduled in a write that rolls back leaves no job", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await scheduleJob(tx, { kind: "alert.window_closing", runAt: new Date(), payload: { flagId: "f1" }, key: "k1" });
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    expect(await prisma.job.count()).toBe(0);
  });

  test("flagging schedules the window alert at the window's end − 2 h and the missed-window check at its end", async () => {
    const now = new Date("2026-11-30T09:00:00Z");
    const { flag, interview } = await flaggedRecovery(now);
    const closes = new Date(interviewEnd(interview).getTime() + 24 * HOUR);
    const alert = await prisma.job.findUniqueOrThrow({ where: { key: jobKeys.windowClosing(flag.id) } });
    expect(alert).toMatchObject({ kind: "alert.window_closing", runAt: new Date(closes.getTime() - 2 * HOUR) });
    expect(JSON.parse(alert.payload)).toEqual({ flagId: flag.id });
    const missed = await prisma.job.findUniqueOrThrow({ where: { key: jobKeys.windowMissed(flag.id) } });
    expect(missed.runAt).toEqual(closes);
  });

  test("a failed flag (already flagged) schedules nothing more", async () => {
    const now = new Date("2026-11-30T09:00:00Z");
    const { interview, recruiter } = await flaggedRecovery(now);
    const before = await prisma.job.count();
    await expect(flagInterview(interview.id, flagDetails(), { userId: recruiter.id }, now)).rejects.toThrow(/already flagged/);
    expect(await prisma.job.count()).toBe(before);
  });

  test("one live job per key: scheduling the key again moves it instead of adding one", async () => {
    const at = new Date("2026-12-01T10:00:00Z");
    await prisma.$transaction((tx) => scheduleJob(tx, { kind: "alert.window_closing", runAt: at, payload: { flagId: "a" }, key: "same" }));
    const later = new Date("2026-12-02T10:00:00Z");
    await prisma.$transaction((tx) => scheduleJob(tx, { kind: "alert.window_closing", runAt: later, payload: { flagId: "b" }, key: "same" }));
    const jobs = await prisma.job.findMany();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ runAt: later, payload: JSON.stringify({ flagId: "b" }) });
  });

  test("closing the recovery cancels its alerts, and a cancelled job never runs", async () => {
    const t = clock();
    const { flag, interview, recruiter } = await flaggedRecovery(t.now());
    await closeRecoveryByHand({ interviewId: interview.id, flagId: flag.id }, { reason: "withdrew" }, { userId: recruiter.id }, t.now());
    const jobs = await prisma.job.findMany({ where: { endedKey: { in: [jobKeys.windowClosing(flag.id), jobKeys.windowMissed(flag.id)] } } });
    expect(jobs).toHaveLength(2);
    for (const job of jobs) expect(job).toMatchObject({ cancelledAt: t.now(), key: null, doneAt: null });
    t.advance(48 * HOUR);
    expect(await runDueJobs({ now: t.now })).toMatchObject({ done: 0 });
    expect(await prisma.notification.count({ where: { flagId: flag.id } })).toBe(0);
  });

  test("cancelJobs by key and kind leaves other kinds alone", async () => {
    await prisma.$transaction(async (tx) => {
      await scheduleJob(tx, { kind: "alert.window_closing", runAt: new Date(), payload: { flagId: "x" }, key: "k-a" });
      await scheduleJob(tx, { kind: "alert.window_missed", runAt: new Date(), payload: { flagId: "x" }, key: "k-b" });
    });
    expect(await prisma.$transaction((tx) => cancelJobs(tx, { key: "k-b", kind: "alert.window_closing" }))).toBe(0);
    expect(await prisma.$transaction((tx) => cancelJobs(tx, { key: "k-b", kind: "alert.window_missed" }))).toBe(1);
    expect(await prisma.job.count({ where: { cancelledAt: null } })).toBe(1);
  });
});

describe("running", () => {
  test("a job not yet due is not claimed; once due it runs once", async () => {
    const t = clock();
    const { flag } = await flaggedRecovery(t.now());
    expect(await runDueJobs({ now: t.now })).toMatchObject({ done: 0 });
    t.advance(30 * HOUR);
    const result = await runDueJobs({ now: t.now });
    expect(result.done).toBe(2);
    expect(await runDueJobs({ now: t.now })).toMatchObject({ done: 0 });
    expect(await prisma.job.count({ where: { doneAt: null, key: { contains: flag.id } } })).toBe(0);
  });

  test("a failing job is retried with exponential backoff and its last error, then given up", async () => {
    const t = clock();
    const job = await brokenJob(t.now(), 3);
    const backoffMs = (attempt: number) => attempt * 10 * MINUTE;
    expect(await runDueJobs({ now: t.now, backoffMs })).toMatchObject({ retrying: 1 });
    let row = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ attempts: 1, leaseUntil: null, runAt: new Date(t.now().getTime() + 10 * MINUTE), failedAt: null });
    expect(row.lastError).toMatch(/flagId/);

    t.advance(9 * MINUTE);
    expect(await runDueJobs({ now: t.now, backoffMs })).toMatchObject({ retrying: 0, done: 0 });
    t.advance(MINUTE);
    expect(await runDueJobs({ now: t.now, backoffMs })).toMatchObject({ retrying: 1 });
    row = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row).toMatchObject({ attempts: 2, runAt: new Date(t.now().getTime() + 20 * MINUTE) });

    t.advance(20 * MINUTE);
    expect(await runDueJobs({ now: t.now, backoffMs })).toMatchObject({ failed: 1 });
    row = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.failedAt).toEqual(t.now());
    expect(row.lastError).toMatch(/^Gave up after 3 attempts\. Last error: .*flagId/s);
  });

  test("the default backoff doubles from 30 s and stops at an hour, half of it jitter", () => {
    expect(defaultJobBackoffMs(1, () => 0)).toBe(15_000);
    expect(defaultJobBackoffMs(1, () => 1)).toBe(30_000);
    expect(defaultJobBackoffMs(3, () => 1)).toBe(120_000);
    expect(defaultJobBackoffMs(20, () => 1)).toBe(HOUR);
  });

  test("a claimed job is held by its lease: nobody else claims it until the lease expires", async () => {
    const t = clock();
    await brokenJob(t.now());
    const first = await claimDueJobs(t.now(), "worker-a", 10, 5 * MINUTE);
    expect(first).toHaveLength(1);
    expect(await claimDueJobs(t.now(), "worker-b", 10, 5 * MINUTE)).toHaveLength(0);
    t.advance(5 * MINUTE);
    expect(await claimDueJobs(t.now(), "worker-b", 10, 5 * MINUTE)).toHaveLength(0);
    t.advance(1);
    const again = await claimDueJobs(t.now(), "worker-b", 10, 5 * MINUTE);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: first[0].id, attempts: 2 });
  });

  test("a worker whose lease expired can't mark the job: the run that took it over owns it", async () => {
    const t = clock();
    const { flag } = await flaggedRecovery(t.now());
    t.advance(23 * HOUR);
    // Worker A claims the window alert and dies; after its lease, worker B runs it.
    const claimed = await claimDueJobs(t.now(), "worker-a", 1, 5 * MINUTE);
    expect(claimed).toHaveLength(1);
    t.advance(6 * MINUTE);
    expect(await runDueJobs({ now: t.now, workerId: "worker-b" })).toMatchObject({ done: 2 });
    const job = await prisma.job.findFirstOrThrow({ where: { endedKey: jobKeys.windowClosing(flag.id) } });
    expect(job).toMatchObject({ lockedBy: "worker-b", attempts: 2 });
    expect(await prisma.notification.count({ where: { flagId: flag.id, kind: "window_closing" } })).toBe(1);
  });

  test("stopping mid-batch finishes the job in flight and releases the rest, their attempt not counted", async () => {
    const t = clock();
    for (let i = 0; i < 4; i++) await flaggedRecovery(t.now());
    t.advance(23 * HOUR);
    let checks = 0;
    // The pass asks once before claiming and once before each job: stop after the first job.
    const result = await runDueJobs({ now: t.now, batchSize: 4, shouldStop: () => checks++ >= 2 });
    expect(result).toMatchObject({ done: 1, released: 3 });
    const live = await prisma.job.findMany({ where: { doneAt: null, kind: "alert.window_closing" } });
    expect(live).toHaveLength(3);
    for (const job of live) expect(job).toMatchObject({ leaseUntil: null, lockedBy: null, attempts: 0 });
    // Released jobs are due at once for the next worker (with the four missed-window checks).
    expect(await runDueJobs({ now: t.now })).toMatchObject({ done: 7 });
  });
});

describe("the went-quiet sweep", () => {
  test("is one recurring job: ensuring it twice makes one, and each run schedules the next in its own transaction", async () => {
    const t = clock();
    await ensureRecurringJobs(t.now());
    await ensureRecurringJobs(t.now());
    expect(await prisma.job.count({ where: { kind: "recovery.quiet_sweep", doneAt: null } })).toBe(1);
    expect(await runDueJobs({ now: t.now })).toMatchObject({ done: 1 });
    const live = await prisma.job.findMany({ where: { kind: "recovery.quiet_sweep", doneAt: null } });
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ key: jobKeys.quietSweep(), runAt: new Date(t.now().getTime() + HOUR), attempts: 0 });
    expect(await prisma.job.count({ where: { kind: "recovery.quiet_sweep", endedKey: jobKeys.quietSweep() } })).toBe(1);
  });

  test("closes a recovery nobody touched for 30 days", async () => {
    const t = clock();
    const { flag } = await flaggedRecovery(t.now());
    await prisma.interviewFlag.update({ where: { id: flag.id }, data: { lastActivityAt: new Date(t.now().getTime() - 31 * 24 * HOUR) } });
    await ensureRecurringJobs(t.now());
    await runDueJobs({ now: t.now });
    const closed = await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id } });
    expect(closed).toMatchObject({ closedReason: "went_quiet", closedAt: t.now() });
    // Closing cancelled its alerts.
    expect(await prisma.job.count({ where: { key: jobKeys.windowClosing(flag.id) } })).toBe(0);
  });
});
