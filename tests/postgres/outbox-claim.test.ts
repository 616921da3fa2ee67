// Several instances on one PostgreSQL: four outbox workers at once over 3,000 due messages. Each runs its own passes
// on its own pool connections, so their claims really race in the database (with the SQLite-style
// `UPDATE … WHERE id IN (SELECT … LIMIT n)` they double-claimed thousands of messages).
import { randomUUID } from "node:crypto";
import { expect, test } from "vitest";
import { claimDueJobs } from "~/models/jobs/worker.server";
import { deliverDueEmails } from "~/models/email/email-worker.server";
import { prisma } from "~/utils/db.server";
import { makeEmailRecipient } from "../builders/emails";

test("4 outbox workers, 3,000 messages: each captured exactly once, none lost", { timeout: 120_000 }, async () => {
  const { candidate } = await makeEmailRecipient();
  const due = new Date(Date.now() - 60_000);
  await prisma.emailMessage.createMany({
    data: Array.from({ length: 3000 }, (_, i) => ({
      candidateId: candidate.id,
      template: "rough_day",
      toAddress: candidate.email,
      subject: `Message ${i}`,
      html: "<p>Hello</p>",
      text: "Hello",
      nextAttemptAt: new Date(due.getTime() + i),
      messageId: `<${randomUUID()}@test>`,
    })),
  });

  // transport null: the worker captures instead of sending, through the same claim as a real delivery.
  const results = await Promise.all(Array.from({ length: 4 }, () => deliverDueEmails({ transport: null, batchSize: 10 })));

  const handled = results.map((r) => r.captured);
  expect(handled.reduce((a, b) => a + b, 0)).toBe(3000);
  for (const count of handled) expect(count).toBeGreaterThan(0);
  expect(await prisma.emailMessage.count({ where: { status: "captured" } })).toBe(3000);
  // One audit event per message: a double claim would have captured (in real life: sent) a message twice.
  const events = await prisma.auditEvent.groupBy({ by: ["entityId"], where: { action: "email.captured" }, _count: true });
  expect(events).toHaveLength(3000);
  expect(events.filter((e) => e._count !== 1)).toEqual([]);
  expect(await prisma.emailMessage.aggregate({ _max: { attempts: true } })).toEqual({ _max: { attempts: 1 } });
});

test("jobs: claims racing over 500 due jobs take each job once", { timeout: 60_000 }, async () => {
  const now = new Date();
  await prisma.job.createMany({
    data: Array.from({ length: 500 }, (_, i) => ({ kind: "recovery.quiet_sweep", payload: "{}", runAt: new Date(now.getTime() - 1000 - i) })),
  });
  const claimed: string[] = [];
  await Promise.all(
    Array.from({ length: 4 }, async (_, w) => {
      for (;;) {
        const batch = await claimDueJobs(now, `worker-${w}`, 10, 60_000);
        if (batch.length === 0) return;
        claimed.push(...batch.map((j) => j.id));
      }
    }),
  );
  expect(claimed).toHaveLength(500);
  expect(new Set(claimed).size).toBe(500);
});
