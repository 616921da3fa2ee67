// A server process as far as email goes, for tests/email/worker-shutdown.test.ts: starts the outbox worker as
// app/entry.server.tsx does and, on SIGTERM, stops it as server/index.ts does before exiting.
import { ensureEmailWorkerStarted, stopEmailWorker } from "~/models/email/email-worker.server";

ensureEmailWorkerStarted();
// The worker's timers don't keep a process alive; in the server the HTTP listener does.
setInterval(() => undefined, 60_000);
process.once("SIGTERM", () => {
  console.log("stopping");
  void stopEmailWorker().then(() => process.exit(0));
});
console.log("ready");
