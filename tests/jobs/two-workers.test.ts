// Two worker processes on one SQLite file: every due job runs exactly once, whoever claims it.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterEach, expect, test } from "vitest";
import { flagInterview } from "~/models/flags/flag.server";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { flagDetails, makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";

const HOUR = 3600_000;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

function startWorker(workerId: string, now: Date) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/jobs/job-worker-process.ts"], {
    env: { ...process.env, NODE_ENV: "test", SEED_DEMO: "false", JOB_WORKER_ID: workerId, JOB_TEST_NOW: now.toISOString() },
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const said = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) resolve(match);
      };
      child.stdout!.on("data", check);
      check();
    });
  return { child, said };
}

// Retried: which process wins each claim is up to the OS scheduler and SQLite's lock, and now and then one worker
// drains all 30 before the other's first claim lands. The exactly-once assertions hold on every attempt.
test("two workers on one database file run each due job once", { timeout: 180_000, retry: 2 }, async () => {
  const now = new Date("2026-11-30T09:00:00Z");
  // This attempt's rows only (a retry finds the previous attempt's jobs and notifications, all done).
  const attemptStarted = new Date();
  const recruiter = await makeUser();
  const flags: string[] = [];
  for (let i = 0; i < 30; i++) {
    const candidate = await makeCandidate({ recruiterId: recruiter.id, status: "open" });
    const interview = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(now.getTime() - 2 * HOUR) });
    flags.push((await flagInterview(interview.id, flagDetails(), { userId: recruiter.id }, now)).id);
  }
  const later = new Date(now.getTime() + 22 * HOUR);
  const workers = [startWorker("worker-one", later), startWorker("worker-two", later)];
  await Promise.all(workers.map((w) => w.said(/ready/)));
  for (const w of workers) w.child.stdin!.write("go\n");
  const done = await Promise.all(workers.map(async (w) => Number((await w.said(/done (\d+)/))[1])));
  await Promise.all(workers.map((w) => (w.child.exitCode === null ? once(w.child, "exit") : null)));

  // 30 window alerts were due (the missed-window checks come an hour later); each ran once.
  expect(done[0] + done[1]).toBe(30);
  expect(done[0]).toBeGreaterThan(0);
  expect(done[1]).toBeGreaterThan(0);
  const jobs = await prisma.job.findMany({ where: { kind: "alert.window_closing", createdAt: { gte: attemptStarted } } });
  expect(jobs).toHaveLength(30);
  for (const job of jobs) expect(job.doneAt).not.toBeNull();
  const notifications = await prisma.notification.groupBy({ by: ["flagId"], where: { kind: "window_closing", flagId: { in: flags } }, _count: true });
  expect(notifications).toHaveLength(30);
  for (const n of notifications) expect(n._count).toBe(1);
  expect(new Set(notifications.map((n) => n.flagId))).toEqual(new Set(flags));
});
