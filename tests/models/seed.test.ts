import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { describe, expect, inject, test } from "vitest";
import { PrismaClient } from "~/.generated/prisma/client";
import { verifyLogin } from "~/models/users/user.server";
import { prisma } from "~/utils/db.server";
import { DEMO_PASSWORD, seedDemo } from "../../prisma/seed";

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
  });

  test("is the same on every run", { timeout: 60_000 }, async () => {
    const base = inject("baseDatabase");
    const file = path.join(path.dirname(base), `seed-twin-${process.pid}.db`);
    copyFileSync(base, file);
    const twin = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
    try {
      if ((await prisma.user.count()) === 0) await seedDemo(prisma);
      await seedDemo(twin);
      expect(await fingerprint(twin)).toEqual(await fingerprint(prisma as unknown as PrismaClient));
    } finally {
      await twin.$disconnect();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
  });
});
