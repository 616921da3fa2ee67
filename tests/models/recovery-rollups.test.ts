// /stats from the per-day and per-month rollups (recoveries and the baseline) gives exactly what it gives from the
// per-recovery facts and the interviews, on an agency clock with summer time, for ranges of whole months, loose days
// and both; and the rollups follow the agency's zone.
import { DateTime } from "luxon";
import { beforeAll, describe, expect, test } from "vitest";
import { updateAgency, getAgency } from "~/models/agency/agency.server";
import { flagInterview } from "~/models/flags/flag.server";
import { tickStep } from "~/models/recovery/checklist.server";
import { closeRecoveryByHand } from "~/models/recovery/lifecycle.server";
import { recoveryFactDrift } from "~/models/stats/recovery-facts.server";
import { keepRollupsOnClock, offsetChanges, rebuildRollupsOnAgencyClock, rollupZone } from "~/models/stats/recovery-rollups.server";
import { recoveryStatistics, rollupPeriods } from "~/models/stats/stats.server";
import { prisma } from "~/utils/db.server";
import { dayOnClock, isPostgres } from "~/utils/sql-dialect.server";
import { Prisma } from "~/.generated/prisma/client";
import { makeCompany } from "../builders/companies";
import { makeOutcome } from "../builders/outcomes";
import { flagDetails, makeInterview } from "../builders/interviews";
import { makeSecondInterviewRequest } from "../builders/second-interviews";
import { makeUser } from "../builders/users";

const ZONE = "Europe/London";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Instants around London's month ends and clock changes (29 March and 25 October 2026, 01:00 UTC).
const flaggedAts = [
  "2025-12-31T23:30:00Z", // in 2025
  "2026-01-15T10:00:00Z",
  "2026-02-28T23:59:00Z",
  "2026-03-29T00:59:00Z", // 29 March, 00:59 GMT
  "2026-03-29T01:00:00Z", // 29 March, 02:00 BST
  "2026-03-31T22:59:00Z", // 31 March, 23:59 BST
  "2026-03-31T23:00:00Z", // 1 April, 00:00 BST
  "2026-04-30T23:30:00Z", // 1 May in London
  "2026-06-10T12:00:00Z",
  "2026-10-24T23:30:00Z", // 25 October, 00:30 BST
  "2026-10-31T23:30:00Z", // 31 October, 23:30 GMT
  "2026-11-01T00:30:00Z",
  "2026-11-30T23:59:59Z",
];

let recruiters: { id: string }[] = [];
let companies: { id: string }[] = [];

beforeAll(async () => {
  await prisma.$transaction((tx) => keepRollupsOnClock(tx, ZONE));
  recruiters = [await makeUser(), await makeUser()];
  companies = [await makeCompany(), await makeCompany()];
  for (const [i, at] of flaggedAts.entries()) {
    const recruiter = recruiters[i % 2];
    const flaggedAt = new Date(at);
    const interview = await makeInterview({
      recruiterId: recruiter.id,
      companyId: companies[i % 3 === 0 ? 0 : 1].id,
      scheduledAt: new Date(flaggedAt.getTime() - 3 * HOUR),
    });
    const reasons = [["late"], ["late", "nerves"], ["no_resume"], ["blanked"]][i % 4];
    const severity = ["minor", "serious", "critical"][i % 3];
    const flag = await flagInterview(interview.id, flagDetails({ reasons, severity }), { userId: recruiter.id }, flaggedAt);
    const ref = { interviewId: interview.id, flagId: flag.id };
    // First contact: in the same hours for several recoveries (the median is read inside its hour), one before the
    // flag (immediate contact), some never.
    if (i % 4 !== 3) {
      const delay = i === 5 ? -2 * HOUR : [17, 23, 41, 59, 80, 95][i % 6] * MINUTE + (i % 2) * HOUR;
      await makeSecondInterviewRequest(interview.id, {
        requestedAt: new Date(flaggedAt.getTime() + delay),
        response: i % 3 === 0 ? "granted" : "pending",
      });
    }
    if (i % 3 === 1) {
      const step = await prisma.checklistStepState.findFirstOrThrow({
        where: { run: { flagId: flag.id }, step: { owner: "recruiter" } },
      });
      await tickStep({ interviewId: interview.id, stepStateId: step.id }, { userId: recruiter.id });
    }
    if (i % 5 === 2) await closeRecoveryByHand(ref, { reason: "resolved_by_hand", note: "Settled by phone." }, { userId: recruiter.id });
    // The baseline: an interview nobody flagged at the same instant (some hired), and a second round that never counts.
    const plain = await makeInterview({
      candidateId: interview.candidateId,
      companyId: companies[i % 2].id,
      scheduledAt: flaggedAt,
      round: i % 4 === 1 ? "second" : "first",
    });
    if (i % 3 !== 2) await makeOutcome(interview.candidateId, { interviewId: plain.id, outcome: i % 3 === 0 ? "hired" : "rejected" });
  }
});

const ranges = [
  { from: "2026-01-01", to: "2026-12-31" },
  { from: "2026-03-29", to: "2026-04-01" },
  { from: "2026-03-31", to: "2026-03-31" },
  { from: "2026-02-15", to: "2026-11-10" },
  { from: "2026-04-01", to: "2026-04-30" },
  { from: "2026-10-25", to: "2026-11-01" },
  { from: "2026-11-30", to: "2026-12-01" },
];

describe("recovery rollups", () => {
  test("are exact and kept on the agency's clock", async () => {
    expect(await rollupZone(prisma)).toBe(ZONE);
    const drift = await recoveryFactDrift(prisma);
    expect(drift.differing).toEqual([]);
    expect(drift.rollupsCompared).toBeGreaterThan(flaggedAts.length);
    // 31 March 23:00 UTC is 1 April in London, by its day and its month; 30 April 23:30 UTC is 1 May.
    const spring = await prisma.recoveryRollup.findMany({
      where: { scope: "*", dimension: "all", period: { in: ["2026-03-31", "2026-04-01", "2026-04", "2026-05"] } },
    });
    expect(spring.map((r) => [r.period, r.recoveries]).sort()).toEqual([
      ["2026-03-31", 1],
      ["2026-04", 1],
      ["2026-04-01", 1],
      ["2026-05", 1],
    ]);
  });

  test("give /stats the same figures as the facts, for the agency and for one recruiter", async () => {
    const views = ranges.flatMap((r) => [
      r,
      { ...r, recruiterId: recruiters[0].id },
      { ...r, recruiterId: recruiters[1].id },
      { ...r, companyId: companies[1].id },
      { ...r, recruiterId: recruiters[0].id, companyId: companies[1].id },
    ]);
    const fromRollups = [];
    for (const view of views) fromRollups.push(await recoveryStatistics(view, ZONE));
    // Without a state row the rollups are not trusted, and /stats reads the facts.
    await prisma.recoveryRollupState.deleteMany();
    try {
      for (const [i, view] of views.entries()) {
        expect(fromRollups[i], JSON.stringify(view)).toEqual(await recoveryStatistics(view, ZONE));
      }
    } finally {
      await prisma.$transaction((tx) => keepRollupsOnClock(tx, ZONE));
    }
    const year = fromRollups[0];
    expect(year.funnel.recoveries).toBe(flaggedAts.length - 1);
    expect(year.speed.contacted).toBeGreaterThan(4);
    expect(year.speed.medianToFirstContactMs).not.toBeNull();
    expect(year.byReason.length).toBeGreaterThan(2);
    expect(year.baseline.interviews).toBeGreaterThan(5);
    expect(year.baseline.hired).toBeGreaterThan(1);
  });

  test("a median whose hour ran short (a write between its two reads) is counted from the facts instead", async () => {
    const view = { ...ranges[0], recruiterId: recruiters[0].id };
    const exact = (await recoveryStatistics(view, ZONE)).speed.medianToFirstContactMs;
    expect(exact).not.toBeNull();
    const lowest = await prisma.recoveryRollup.findFirstOrThrow({
      where: { scope: recruiters[0].id, grain: "m", dimension: "contact", period: { startsWith: "2026" } },
      orderBy: { key: "asc" },
    });
    const where = { scope_grain_period_dimension_key: { scope: lowest.scope, grain: lowest.grain, period: lowest.period, dimension: lowest.dimension, key: lowest.key } };
    await prisma.recoveryRollup.update({ where, data: { recoveries: { increment: 1_000 } } });
    try {
      expect((await recoveryStatistics(view, ZONE)).speed.medianToFirstContactMs).toBe(exact);
    } finally {
      await prisma.recoveryRollup.update({ where, data: { recoveries: { decrement: 1_000 } } });
    }
  });

  test("a new agency time zone rebuilds them on its clock, in the worker; /stats reads the facts meanwhile", async () => {
    await getAgency(); // created on the server's zone (UTC here), with the rollups put on it
    await prisma.agency.update({ where: { id: 1 }, data: { timeZone: ZONE } });
    await prisma.$transaction((tx) => keepRollupsOnClock(tx, ZONE));
    await updateAgency({ ...(await getAgency()), timeZone: "America/New_York" }, { userId: recruiters[0].id });
    // The save only schedules the rebuild: a long transaction at a large agency.
    expect(await rollupZone(prisma)).toBe(ZONE);
    expect(await prisma.job.count({ where: { kind: "stats.rollups", doneAt: null } })).toBe(1);
    const meanwhile = await recoveryStatistics(ranges[0], "America/New_York");
    expect(meanwhile.funnel.recoveries).toBeGreaterThan(0);
    expect(await rebuildRollupsOnAgencyClock()).toBe("America/New_York");
    expect(await rebuildRollupsOnAgencyClock()).toBeNull(); // already on the clock
    expect(await recoveryStatistics(ranges[0], "America/New_York")).toEqual(meanwhile);
    expect(await rollupZone(prisma)).toBe("America/New_York");
    expect((await recoveryFactDrift(prisma)).differing).toEqual([]);
    // 31 March 23:00 UTC is still 31 March in New York.
    const march31 = await prisma.recoveryRollup.findFirst({ where: { scope: "*", dimension: "all", period: "2026-03-31" } });
    expect(march31?.recoveries).toBe(2);
    await updateAgency({ ...(await getAgency()), timeZone: ZONE }, { userId: recruiters[0].id });
    await rebuildRollupsOnAgencyClock();
    expect(await rollupZone(prisma)).toBe(ZONE);
  });
});

describe("a day on the agency's clock", () => {
  test("matches Luxon's calendar day on both sides of each clock change", async () => {
    for (const zone of ["Europe/London", "America/Santiago", "Pacific/Chatham", "Asia/Kathmandu", "Australia/Lord_Howe", "UTC"]) {
      const changes = offsetChanges(zone);
      const instants = changes
        .filter((c) => c.at.getUTCFullYear() >= 2025 && c.at.getUTCFullYear() <= 2027)
        .flatMap((c) => [c.at.getTime() - MINUTE, c.at.getTime(), c.at.getTime() + 30 * MINUTE]);
      // Far ahead (an interview scheduled years out) and before the table starts.
      instants.push(Date.UTC(2026, 5, 30, 23, 59), Date.UTC(2026, 0, 1, 0, 0), Date.UTC(2032, 6, 1, 23, 30), Date.UTC(2099, 6, 1, 23, 30));
      for (const t of instants) {
        const at = new Date(t).toISOString().replace("Z", "+00:00");
        const [row] = await prisma.$queryRaw<{ day: string }[]>`
          SELECT ${dayOnClock(Prisma.sql`x."at"`, changes)} AS "day"
          FROM (SELECT ${isPostgres ? Prisma.sql`CAST(${at} AS TIMESTAMP)` : Prisma.sql`${at}`} AS "at") x`;
        expect(row.day, `${zone} ${at}`).toBe(DateTime.fromMillis(t, { zone }).toFormat("yyyy-LL-dd"));
      }
    }
  });
});

describe("a range as rollup periods", () => {
  test.each([
    ["2026-01-01", "2026-12-31", [], ["2026-01", "2026-12"]],
    ["2026-09-02", "2026-11-30", [["2026-09-02", "2026-09-30"]], ["2026-10", "2026-11"]],
    ["2026-09-02", "2026-09-20", [["2026-09-02", "2026-09-20"]], null],
    ["2026-09-01", "2026-09-20", [["2026-09-01", "2026-09-20"]], null],
    ["2026-09-30", "2026-10-01", [["2026-09-30", "2026-09-30"], ["2026-10-01", "2026-10-01"]], null],
    ["2026-02-15", "2026-11-10", [["2026-02-15", "2026-02-28"], ["2026-11-01", "2026-11-10"]], ["2026-03", "2026-10"]],
    ["2024-02-01", "2024-02-29", [], ["2024-02", "2024-02"]],
  ])("%s to %s", (from, to, days, months) => {
    expect(rollupPeriods(from, to)).toEqual({ days, months });
  });
});
