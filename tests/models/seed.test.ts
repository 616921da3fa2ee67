import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { describe, expect, inject, test } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "~/.generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/.generated/prisma-pg/client";
import { getDashboard } from "~/models/dashboard/dashboard.server";
import { verifyLogin } from "~/models/users/user.server";
import { recoveryFactDrift } from "~/models/stats/recovery-facts.server";
import { prisma } from "~/utils/db.server";
import { isPostgres } from "~/utils/sql-dialect.server";
import { databaseUrl } from "../setup/pg-global-setup";
import { DEMO_PASSWORD, seedDemo } from "../../prisma/seed";

const DAY = 24 * 3600_000;

/** A second freshly migrated database of the same kind as this file's, with its own client. */
async function twinDatabase() {
  if (isPostgres) {
    const server = inject("postgresUrl");
    const name = `rebound_seed_twin_${process.pid}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(sql).finally(() => client.end());
    };
    await admin(`CREATE DATABASE "${name}" TEMPLATE "${inject("postgresTemplate")}"`);
    const adapter = new PrismaPg({ connectionString: databaseUrl(server, name) });
    const twin = new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
    return { twin, remove: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
  }
  const base = inject("baseDatabase");
  const file = path.join(path.dirname(base), `seed-twin-${process.pid}.db`);
  copyFileSync(base, file);
  const twin = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
  return {
    twin,
    remove: async () => {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    },
  };
}

async function fingerprint(client: PrismaClient) {
  const flags = await client.interviewFlag.findMany({
    select: {
      severity: true,
      reasons: { select: { reason: true } },
      interview: { select: { candidate: { select: { name: true } } } },
      checklistRun: { select: { status: true, steps: { select: { status: true, completedByCandidate: true } } } },
    },
  });
  const checklist = (run: (typeof flags)[number]["checklistRun"]) =>
    run ? `${run.status}:${run.steps.filter((s) => s.status === "done").length}:${run.steps.filter((s) => s.completedByCandidate).length}` : "none";
  return {
    candidates: (await client.candidate.findMany({ select: { name: true, email: true } })).map((c) => `${c.name} ${c.email}`).sort(),
    flags: flags
      .map((f) => `${f.interview.candidate.name}|${f.severity}|${f.reasons.map((r) => r.reason).sort()}|${checklist(f.checklistRun)}`)
      .sort(),
  };
}

describe("the demo seed", () => {
  test("builds a demo agency that every page can show", { timeout: 60_000 }, async () => {
    await seedDemo(prisma);
    expect(await prisma.user.count({ where: { role: "manager" } })).toBe(1);
    expect(await prisma.user.count({ where: { role: "recruiter" } })).toBe(4);
    expect(await verifyLogin("manager@example.com", DEMO_PASSWORD)).toMatchObject({ role: "manager" });
    expect(await verifyLogin("recruiter@example.com", DEMO_PASSWORD)).toMatchObject({ role: "recruiter" });
    expect(await prisma.company.count()).toBe(10);
    expect(await prisma.candidate.count()).toBeGreaterThanOrEqual(200);

    const interviews = await prisma.interview.count({ where: { secondInterviewRequestId: null } });
    expect(interviews).toBeGreaterThanOrEqual(400);
    const flagged = await prisma.interviewFlag.count();
    expect(flagged / interviews).toBeGreaterThan(0.2);
    expect(flagged / interviews).toBeLessThan(0.35);
    expect(await prisma.interviewFlag.count({ where: { reasons: { none: {} } } })).toBe(0);
    expect(new Set((await prisma.flagReason.findMany({ select: { reason: true } })).map((r) => r.reason)).size).toBe(11);
    expect(await prisma.interviewFlag.count({ where: { flaggedAt: { gte: new Date(Date.now() - 24 * 3600_000) } } })).toBeGreaterThan(0);

    expect(await prisma.secondInterviewRequest.count({ where: { response: "granted" } })).toBeGreaterThan(0);
    expect(await prisma.interview.count({ where: { round: "second", secondInterviewRequestId: { not: null } } })).toBe(
      await prisma.secondInterviewRequest.count({ where: { response: "granted" } }),
    );
    expect(await prisma.candidacyOutcome.count({ where: { outcome: "hired" } })).toBeGreaterThan(0);

    // Every flag has its recovery checklist: open flags a running one with some steps ticked, resolved ones complete.
    expect(await prisma.playbookVersion.count()).toBe(1);
    expect(await prisma.checklistRun.count()).toBe(flagged);
    const openFlags = { removedAt: null, closedAt: null };
    expect(await prisma.checklistRun.count({ where: { flag: openFlags, status: { not: "active" } } })).toBe(0);
    expect(await prisma.checklistRun.count({ where: { flag: { closedAt: { not: null } }, status: { not: "completed" } } })).toBe(0);
    expect(await prisma.checklistStepState.count({ where: { run: { flag: openFlags }, status: "done" } })).toBeGreaterThan(0);
    expect(await prisma.checklistStepState.count({ where: { status: "done", completedByCandidate: true } })).toBeGreaterThan(0);
    const overdueRecruiterSteps = await prisma.checklistStepState.count({
      where: { status: "pending", dueAt: { lt: new Date() }, step: { owner: "recruiter" }, run: { status: "active" } },
    });
    expect(overdueRecruiterSteps).toBeGreaterThan(0);
    expect(await prisma.candidate.count({ where: { status: "hired" } })).toBeGreaterThan(0);

    // The statistics' facts agree with a recomputation from scratch: the seed writes through the app's rules.
    const drift = await recoveryFactDrift(prisma);
    expect(drift.differing).toEqual([]);
    expect(drift.compared).toBe(await prisma.interviewFlag.count({ where: { removedAt: null } }));
  });

  test("follows the recovery lifecycle: old recoveries closed for real reasons, through the app's rules, dated when they happened", { timeout: 60_000 }, async () => {
    if ((await prisma.user.count()) === 0) await seedDemo(prisma);
    const now = new Date();
    const quietAfter = new Date(now.getTime() - 30 * DAY);

    // Every closing reason a real agency sees (only "flag removed" needs someone to remove a flag).
    const byReason = await prisma.interviewFlag.groupBy({ by: ["closedReason"], _count: { _all: true } });
    const count = (reason: string | null) => byReason.find((r) => r.closedReason === reason)?._count._all ?? 0;
    for (const reason of ["hired", "rejected", "offer_declined", "withdrew", "went_quiet", "resolved_by_hand"]) {
      expect(count(reason), reason).toBeGreaterThan(0);
    }
    expect(count(null), "some recoveries are still under way").toBeGreaterThan(5);
    expect(await prisma.interviewFlag.count({ where: { closedReason: "resolved_by_hand", OR: [{ closedNote: null }, { closedById: null }] } })).toBe(0);
    // Closed and state agree, and the state moved when the recovery did.
    expect(await prisma.interviewFlag.count({ where: { closedAt: { not: null }, recoveryState: { not: "closed" } } })).toBe(0);
    expect(await prisma.interviewFlag.count({ where: { closedAt: null, recoveryState: "closed" } })).toBe(0);
    const flags = await prisma.interviewFlag.findMany({
      select: { id: true, flaggedAt: true, closedAt: true, stateChangedAt: true, lastActivityAt: true, recoveryState: true },
    });
    for (const flag of flags) {
      expect(flag.stateChangedAt.getTime()).toBe((flag.closedAt ?? flag.stateChangedAt).getTime());
      expect(flag.stateChangedAt.getTime()).toBeGreaterThanOrEqual(flag.flaggedAt.getTime());
      expect(flag.lastActivityAt.getTime()).toBeGreaterThanOrEqual(flag.flaggedAt.getTime());
      expect(flag.lastActivityAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    expect(new Set(flags.map((f) => f.lastActivityAt.toISOString().slice(0, 10))).size).toBeGreaterThan(30);

    // No open recovery quieter than the agency allows.
    expect(await prisma.interviewFlag.count({ where: { closedAt: null, removedAt: null, lastActivityAt: { lt: quietAfter } } })).toBe(0);

    // No hired application keeps an open recovery (its own interview, or a second interview granted from it).
    const hires = await prisma.candidacyOutcome.findMany({ where: { outcome: "hired" }, select: { interviewId: true } });
    expect(hires.length).toBeGreaterThan(0);
    for (const { interviewId } of hires) {
      const open = await prisma.interviewFlag.count({
        where: { closedAt: null, removedAt: null, OR: [{ interviewId: interviewId! }, { interview: { grantedFrom: { interviewId: interviewId! } } }] },
      });
      expect(open).toBe(0);
    }
    // Candidates' statuses follow their recoveries.
    expect(await prisma.candidate.count({ where: { status: "recovering", interviews: { none: { flags: { some: { closedAt: null, removedAt: null } } } } } })).toBe(0);
    expect(
      await prisma.candidate.count({ where: { status: { in: ["open", "closed"] }, interviews: { some: { flags: { some: { closedAt: null, removedAt: null } } } } } }),
    ).toBe(0);
    expect(await prisma.candidate.count({ where: { status: "closed" } })).toBeGreaterThan(0);

    // Closing finished the checklists: what nobody did is "not needed", never pending on a closed recovery.
    const closed = { closedAt: { not: null } };
    expect(await prisma.checklistStepState.count({ where: { run: { flag: closed }, status: "pending" } })).toBe(0);
    expect(await prisma.checklistStepState.count({ where: { run: { flag: closed }, status: "not_needed" } })).toBeGreaterThan(0);
    expect(await prisma.checklistStepState.count({ where: { status: "skipped" } })).toBe(0);

    // Each closing is on the timeline, dated when it happened, not when the seed ran.
    const closings = await prisma.auditEvent.findMany({ where: { action: "recovery.closed" }, select: { entityId: true, at: true } });
    const closedFlags = flags.filter((f) => f.closedAt);
    expect(closings).toHaveLength(closedFlags.length);
    const closedAtById = new Map(closedFlags.map((f) => [f.id, f.closedAt!.getTime()]));
    for (const event of closings) expect(event.at.getTime()).toBe(closedAtById.get(event.entityId));
    const seededAt = (await prisma.auditEvent.findFirstOrThrow({ where: { action: "demo.seeded" } })).at;
    expect(await prisma.auditEvent.count({ where: { action: { not: "demo.seeded" }, at: { gt: new Date(seededAt.getTime() - 60 * 60_000) } } })).toBeLessThan(5);
  });

  test("gives the dashboard a believable day: a few calls inside the window, overdue steps, waiting requests, one snooze", { timeout: 60_000 }, async () => {
    if ((await prisma.user.count()) === 0) await seedDemo(prisma);
    const now = new Date();
    const manager = await prisma.user.findFirstOrThrow({ where: { role: "manager" } });
    const dashboard = await getDashboard({ user: manager, timeZone: "UTC", now });

    expect(dashboard.counts.insideWindow).toBeGreaterThanOrEqual(3);
    expect(dashboard.counts.insideWindow).toBeLessThanOrEqual(10);
    expect(dashboard.queue.filter((item) => !item.overdue)).toHaveLength(dashboard.counts.insideWindow);
    // Nothing months old: every recovery in the queue was flagged in the last few weeks.
    expect(dashboard.queue.length).toBeGreaterThan(dashboard.counts.insideWindow);
    for (const item of dashboard.queue) expect(now.getTime() - item.flaggedAt.getTime()).toBeLessThan(45 * DAY);
    expect(dashboard.overdueSteps.total).toBeGreaterThan(0);
    expect(dashboard.overdueSteps.total).toBeLessThanOrEqual(25);
    for (const step of dashboard.overdueSteps.steps) expect(now.getTime() - step.dueAt.getTime()).toBeLessThan(30 * DAY);
    expect(dashboard.waitingRequests.total).toBeGreaterThanOrEqual(2);
    expect(dashboard.waitingRequests.total).toBeLessThanOrEqual(10);
    for (const request of dashboard.waitingRequests.requests) expect(now.getTime() - request.requestedAt.getTime()).toBeLessThan(30 * DAY);

    // One recovery is snoozed (audited), and it is in no queue until it wakes.
    const snoozed = await prisma.interviewFlag.findMany({ where: { snoozedUntil: { gt: now } }, select: { id: true, snoozeNote: true, closedAt: true } });
    expect(snoozed).toHaveLength(1);
    expect(snoozed[0]).toMatchObject({ closedAt: null, snoozeNote: expect.any(String) });
    expect(dashboard.queue.map((item) => item.flagId)).not.toContain(snoozed[0].id);
    expect(await prisma.auditEvent.count({ where: { action: "recovery.snoozed", entityId: snoozed[0].id } })).toBe(1);
  });

  test("is the same on every run", { timeout: 60_000 }, async () => {
    const { twin, remove } = await twinDatabase();
    try {
      if ((await prisma.user.count()) === 0) await seedDemo(prisma);
      await seedDemo(twin);
      expect(await fingerprint(twin)).toEqual(await fingerprint(prisma as unknown as PrismaClient));
    } finally {
      await twin.$disconnect();
      await remove();
    }
  });
});
