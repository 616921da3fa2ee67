// Restarts and crashes of a real worker process against a real SMTP server: a SIGTERM finishes the message in flight
// and releases the rest (no duplicates); a kill -9 can duplicate at most the one message that was in flight.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { deliverDueEmails } from "~/models/email/email-worker.server";
import { prisma } from "~/utils/db.server";
import { createMailTransport, type MailTransport } from "~/utils/mailer.server";
import { makeEmailRecipient, queueTestEmail } from "../builders/emails";
import { type SmtpSink, startSmtpSink } from "../builders/smtp-sink";

let sink: SmtpSink;
let transport: MailTransport;

beforeAll(async () => {
  sink = await startSmtpSink();
  transport = createMailTransport(sink.url);
});

afterAll(async () => {
  transport.close();
  await sink.stop();
});

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

// Starting a TypeScript child process takes a few seconds on a busy machine; this is a guard, not a measurement.
const PROCESS_TEST_TIMEOUT = 60_000;

function startWorkerProcess() {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/email/worker-process.ts"], {
    env: { ...process.env, SMTP_URL: sink.url, NODE_ENV: "test", SEED_DEMO: "false" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  let output = "";
  const said = (line: string) =>
    new Promise<void>((resolve) => {
      const check = () => output.includes(line) && resolve();
      child.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        check();
      });
      check();
    });
  return { child, said };
}

async function exitOf(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
  const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  return { code, signal };
}

async function queueMessages(count: number) {
  await prisma.emailMessage.deleteMany();
  sink.received.length = 0;
  const { recruiter, candidate } = await makeEmailRecipient();
  const queued = [];
  for (let i = 0; i < count; i++) queued.push(await queueTestEmail(candidate, recruiter.id, { subject: `Message ${i + 1}` }));
  return queued;
}

/** How many times each queued message reached the SMTP server. */
function deliveries(queued: { messageId: string }[]) {
  const counts = new Map(queued.map((q) => [q.messageId, 0]));
  for (const mail of sink.received) counts.set(mail.messageId!, (counts.get(mail.messageId!) ?? 0) + 1);
  return [...counts.values()];
}

test("SIGTERM mid-delivery: the message in flight is finished and marked, the rest released, nothing sent twice", async () => {
  const queued = await queueMessages(12);
  const held = sink.holdReply(3);
  const worker = startWorkerProcess();
  await held.arrived;
  worker.child.kill("SIGTERM");
  await worker.said("stopping");
  held.release();
  expect(await exitOf(worker.child)).toEqual({ code: 0, signal: null });

  const rows = await prisma.emailMessage.findMany({ where: { id: { in: queued.map((q) => q.id) } } });
  const byStatus = (status: string) => rows.filter((r) => r.status === status);
  expect(byStatus("sent")).toHaveLength(3);
  expect(byStatus("sending")).toHaveLength(0);
  // Released at once (not held for a lease) and without an attempt counted against them.
  expect(byStatus("queued")).toHaveLength(9);
  expect(byStatus("queued").every((r) => r.attempts === 0 && r.leaseUntil === null)).toBe(true);

  // The next server process delivers the rest.
  expect(await deliverDueEmails({ transport })).toMatchObject({ sent: 9 });
  expect(deliveries(queued)).toEqual(Array(12).fill(1));
}, PROCESS_TEST_TIMEOUT);

test("kill -9 mid-delivery: at most the one message in flight goes out twice, after its lease", async () => {
  const queued = await queueMessages(12);
  const held = sink.holdReply(3);
  const worker = startWorkerProcess();
  await held.arrived;
  worker.child.kill("SIGKILL");
  expect(await exitOf(worker.child)).toMatchObject({ signal: "SIGKILL" });
  held.release();

  // The dead worker's claim holds its batch until the lease runs out; then the messages go out.
  const later = new Date(Date.now() + 3 * 60_000);
  expect(await deliverDueEmails({ transport, now: () => later })).toMatchObject({ sent: 10, failed: 0 });
  const counts = deliveries(queued);
  expect(counts.every((n) => n >= 1)).toBe(true);
  expect(counts.filter((n) => n > 1).length).toBeLessThanOrEqual(1);
  expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(13);
  expect(await prisma.emailMessage.count({ where: { id: { in: queued.map((q) => q.id) }, status: "sent" } })).toBe(12);
}, PROCESS_TEST_TIMEOUT);
