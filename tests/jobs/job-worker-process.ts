// A second server process as far as the scheduler goes, for tests/jobs/two-workers.test.ts: waits for "go" on stdin,
// then runs passes on the shared SQLite file (DATABASE_URL) at the clock the test gives until nothing is due.
import { JOB_LEASE_MS, runDueJobs } from "~/models/jobs/worker.server";
import { isDatabaseBusy, prisma } from "~/utils/db.server";

let now = new Date(process.env.JOB_TEST_NOW!);
const workerId = process.env.JOB_WORKER_ID!;

async function drain() {
  let done = 0;
  for (;;) {
    try {
      // A retry (after the other process held the write lock too long) is due again at once on this fixed clock.
      const pass = await runDueJobs({ now: () => now, workerId, batchSize: 1, maxPerPass: 1, backoffMs: () => 0 });
      done += pass.done;
      if (pass.done + pass.retrying + pass.lost > 0) continue;
    } catch (error) {
      // The other process holds SQLite's write lock: try again, as the server's worker does on its next tick.
      if (!isDatabaseBusy(error)) throw error;
      continue;
    }
    // Nothing to claim. Jobs still leased (in flight elsewhere, or held by a claim whose failure couldn't be written)
    // come back when their lease ends: move this worker's clock past it, as time would.
    const held = await prisma.job.count({ where: { doneAt: null, cancelledAt: null, failedAt: null, runAt: { lte: now }, leaseUntil: { gt: now } } });
    if (!held) return done;
    now = new Date(now.getTime() + JOB_LEASE_MS + 1);
  }
}

process.stdin.once("data", () => {
  void drain().then((done) => {
    console.log(`done ${done}`);
    process.exit(0);
  });
});
console.log("ready");
