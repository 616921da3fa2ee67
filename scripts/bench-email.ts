// `npm run bench:email [-- --messages 5000]`: how much the outbox costs. Queues N messages in a temporary SQLite
// database (built from the migrations), lets the worker deliver them to a local SMTP sink, then sends the same N
// messages straight through nodemailer with the same pooled transport (the bare limit), and prints the ratio.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";

const { values } = parseArgs({ options: { messages: { type: "string", default: "5000" } } });
const COUNT = Math.max(1, Math.min(100_000, Number(values.messages) || 5000));
const TARGET_COST = 0.25;

const dir = mkdtempSync(path.join(os.tmpdir(), "rebound-bench-email-"));
const file = path.join(dir, "bench.db");
const db = new Database(file);
db.pragma("journal_mode = WAL");
const migrations = path.resolve("prisma/migrations");
for (const name of readdirSync(migrations).sort()) {
  if (/^\d+_/.test(name)) db.exec(readFileSync(path.join(migrations, name, "migration.sql"), "utf8"));
}
db.close();
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "production";
delete process.env.SMTP_URL;

// The sink accepts everything and only counts; it reads each message whole, as a real server would.
let received = 0;
const sink = new SMTPServer({
  disabledCommands: ["STARTTLS"],
  authOptional: true,
  logger: false,
  closeTimeout: 100,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      received += 1;
      callback(null, "OK");
    });
  },
});
await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
const smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;

const { prisma } = await import("../app/utils/db.server.ts");
const { queueEmailInTx } = await import("../app/models/email/email.server.ts");
const { deliverDueEmails, composeMail } = await import("../app/models/email/email-worker.server.ts");
const { createMailTransport } = await import("../app/utils/mailer.server.ts");
const { getAgency } = await import("../app/models/agency/agency.server.ts");

const recruiter = await prisma.user.create({ data: { name: "Bench Recruiter", email: "bench@example.com" } });
const candidates = await Promise.all(
  Array.from({ length: 100 }, (_, i) =>
    prisma.candidate.create({ data: { name: `Candidate ${i}`, email: `candidate-${i}@example.net`, recruiterId: recruiter.id } }),
  ),
);
// A realistic body: about the size of a rendered recovery email.
const html = `<!DOCTYPE html><html><body>${"<p>Here is what to do in the next 24 hours after a difficult interview.</p>".repeat(60)}</body></html>`;
const text = "Here is what to do in the next 24 hours after a difficult interview.\n".repeat(60);

let started = performance.now();
for (let offset = 0; offset < COUNT; offset += 500) {
  await prisma.$transaction(async (tx) => {
    for (let i = offset; i < Math.min(COUNT, offset + 500); i++) {
      const candidate = candidates[i % candidates.length];
      await queueEmailInTx(
        tx,
        { candidateId: candidate.id, template: "rough_day", toAddress: candidate.email, subject: `Rough day #${i}`, html, text },
        { userId: recruiter.id },
      );
    }
  });
}
const queueSeconds = (performance.now() - started) / 1000;

const workerTransport = createMailTransport(smtpUrl);
started = performance.now();
let sent = 0;
while (sent < COUNT) {
  const pass = await deliverDueEmails({ transport: workerTransport, batchSize: 100 });
  if (pass.failed || pass.retrying) throw new Error(`Unexpected failures in the bench: ${JSON.stringify(pass)}`);
  sent += pass.sent;
}
const workerSeconds = (performance.now() - started) / 1000;
workerTransport.close();
if (received !== COUNT) throw new Error(`The sink received ${received} messages, expected ${COUNT}`);

// The bare limit: the same messages, composed the same way, handed to the same pooled transport all at once.
const agency = await getAgency();
const rows = await prisma.emailMessage.findMany({
  select: { toAddress: true, subject: true, html: true, text: true, messageId: true },
});
// The worker mints a link per message; the bare limit gets a fixed one.
const mails = rows.map((row) => composeMail(row, agency, { unsubscribe: { id: "bench", token: "bench-token" }, coaching: null, checkIn: null }));
const directTransport = createMailTransport(smtpUrl);
received = 0;
started = performance.now();
await Promise.all(mails.map((mail) => directTransport.sendMail(mail)));
const directSeconds = (performance.now() - started) / 1000;
directTransport.close();
if (received !== COUNT) throw new Error(`The sink received ${received} messages directly, expected ${COUNT}`);

const workerRate = COUNT / workerSeconds;
const directRate = COUNT / directSeconds;
const cost = 1 - workerRate / directRate;
const fmt = (n: number) => n.toLocaleString("en-GB", { maximumFractionDigits: 0 });
console.log(`Email outbox benchmark: ${fmt(COUNT)} messages (${fmt(Buffer.byteLength(html) + Buffer.byteLength(text))} bytes of body each) to a local SMTP sink`);
console.log(`  queueing (queueEmailInTx, 500 per transaction): ${queueSeconds.toFixed(2)} s, ${fmt(COUNT / queueSeconds)} msgs/s`);
console.log(`  outbox worker (claim, send, mark sent + audit):  ${workerSeconds.toFixed(2)} s, ${fmt(workerRate)} msgs/s`);
console.log(`  nodemailer direct (same pooled transport):       ${directSeconds.toFixed(2)} s, ${fmt(directRate)} msgs/s`);
console.log(`  ratio worker/direct: ${(workerRate / directRate).toFixed(2)} — the outbox costs ${(cost * 100).toFixed(1)}% of throughput (target < ${TARGET_COST * 100}%)`);
console.log(cost < TARGET_COST ? "  OK: within target" : "  OVER TARGET");

await prisma.$disconnect();
await new Promise<void>((resolve) => sink.close(() => resolve()));
rmSync(dir, { recursive: true, force: true });
process.exit(cost < TARGET_COST ? 0 : 1);
