// Honest statistics (issue 12): recoveries still in progress are counted apart, hire rates are over closed recoveries,
// small samples and months mostly in progress are marked, and every figure's link lists exactly what it counts.
import { beforeAll, describe, expect, test } from "vitest";
import { interviewsLinkFor } from "~/models/stats/recovery-filters";
import { buildStatsTables, formatHireRate, isSmallSample, type StatsTable } from "~/models/stats/stats-tables";
import { recoveryStatistics, recruiterRecoveryFigures, type StageRow } from "~/models/stats/stats.server";
import { countInterviews, parseInterviewQuery } from "~/models/tables/interview-table.server";
import { makeRecovery, makeStatsFixture } from "../builders/stats";
import { makeCompany } from "../builders/companies";
import { makeUser } from "../builders/users";

let fixture: Awaited<ReturnType<typeof makeStatsFixture>>;
let carol: { id: string };

/**
 * Besides the November fixture (4 recoveries, 1 in progress): Carol's August (12 closed, 6 hired), September (2 closed,
 * 1 hired, 1 in progress: a small sample) and October (1 closed and hired, 3 in progress: mostly in progress).
 */
beforeAll(async () => {
  fixture = await makeStatsFixture();
  carol = await makeUser({ name: "Carol Recruiter" });
  const z = await makeCompany({ name: "Zinc GmbH" });
  const base = { recruiterId: carol.id, companyId: z.id };
  for (let n = 0; n < 12; n++) {
    const day = String(n + 3).padStart(2, "0");
    await makeRecovery({
      ...base, scheduledAt: `2026-08-${day}T09:00:00Z`, flaggedAt: `2026-08-${day}T11:00:00Z`, stepsDone: n % 5,
      requests: n % 2 ? [{ requestedAt: `2026-08-${day}T15:00:00Z`, response: "granted" }] : [],
      ...(n < 6 ? { hired: true } : { closed: { reason: "rejected", at: "2026-09-01T10:00:00Z" } }),
    });
  }
  await makeRecovery({ ...base, scheduledAt: "2026-09-02T09:00:00Z", flaggedAt: "2026-09-02T10:00:00Z", hired: true, stepsDone: 4 });
  await makeRecovery({
    ...base, scheduledAt: "2026-09-09T09:00:00Z", flaggedAt: "2026-09-09T10:00:00Z",
    closed: { reason: "went_quiet", at: "2026-10-09T10:00:00Z" },
  });
  await makeRecovery({ ...base, scheduledAt: "2026-09-16T09:00:00Z", flaggedAt: "2026-09-16T10:00:00Z", stepsDone: 2 });
  await makeRecovery({ ...base, scheduledAt: "2026-10-01T09:00:00Z", flaggedAt: "2026-10-01T10:00:00Z", hired: true });
  for (const day of ["20", "25", "28"]) {
    await makeRecovery({
      ...base, scheduledAt: `2026-10-${day}T09:00:00Z`, flaggedAt: `2026-10-${day}T10:00:00Z`,
      requests: [{ requestedAt: `2026-10-${day}T12:00:00Z`, response: "pending" }],
    });
  }
  // About thirty recoveries through the builders: more than the default hook allowance on a busy machine.
}, 120_000);

const table = (tables: StatsTable[], name: string) => tables.find((t) => t.name === name)!;
const row = (rows: StageRow[], label: string) => rows.find((r) => r.label === label)!;

describe("in progress counted apart, rates over closed recoveries", () => {
  test("the November fixture: one of four still in progress, two of three closed hired", async () => {
    const stats = await recoveryStatistics({ from: "2026-11-01", to: "2026-11-30" }, "UTC");
    expect(stats.funnel.recoveries).toBe(4);
    expect(stats.progress).toEqual({ inProgress: 1, closed: 3, closedHired: 2 });
    expect(table(buildStatsTables(stats), "progress").rows).toEqual([
      ["Still in progress", "1", ""],
      ["Closed", "3", "66.7% (n=3, small sample)"],
      ["Closed and hired", "2", ""],
    ]);
  });

  test("Carol's three months: in progress and closed per month, the rate over the closed ones", async () => {
    const stats = await recoveryStatistics({ from: "2026-08-01", to: "2026-10-31", recruiterId: carol.id }, "UTC");
    expect(stats.progress).toEqual({ inProgress: 4, closed: 15, closedHired: 8 });
    expect(stats.byMonth.map((m) => [m.label, m.recoveries, m.inProgress, m.closed, m.closedHired])).toEqual([
      ["Aug 2026", 12, 0, 12, 6],
      ["Sept 2026", 3, 1, 2, 1],
      ["Oct 2026", 4, 3, 1, 1],
    ]);
  });
});

describe("small samples and months mostly in progress", () => {
  test("a rate over fewer than 10 closed recoveries is muted and shows its n; 10 or more is not", async () => {
    expect(isSmallSample(9)).toBe(true);
    expect(isSmallSample(10)).toBe(false);
    expect(isSmallSample(0)).toBe(false);
    expect(formatHireRate(1, 2)).toBe("50.0% (n=2, small sample)");
    expect(formatHireRate(6, 12)).toBe("50.0%");
    const stats = await recoveryStatistics({ from: "2026-08-01", to: "2026-10-31", recruiterId: carol.id }, "UTC");
    const months = table(buildStatsTables(stats), "month");
    const rateColumn = months.headers.indexOf("Hire rate (of closed)");
    expect(rateColumn).toBe(7);
    expect(months.rows[0][rateColumn]).toBe("50.0%");
    expect(months.muted?.[0]).toBeUndefined();
    expect(months.rows[1][rateColumn]).toBe("50.0% (n=2, small sample)");
    expect(months.muted?.[1]).toBe(rateColumn);
  });

  test("a month whose recoveries are mostly open is marked, not shown as a rate", async () => {
    const stats = await recoveryStatistics({ from: "2026-08-01", to: "2026-10-31", recruiterId: carol.id }, "UTC");
    const months = table(buildStatsTables(stats), "month");
    expect(months.rows[2]).toEqual([
      "Oct 2026", "4", "3", "1", "3", "0", "1", "Mostly in progress (3 of 4 open; so far 100.0% of 1 closed)",
    ]);
    expect(months.muted?.[2]).toBe(7);
    // September has one of three open: not mostly in progress.
    expect(months.rows[1][7]).not.toMatch(/in progress/);
  });
});

describe("every figure links to the interviews it counts", () => {
  async function checkLinks(filters: { from: string; to: string; recruiterId?: string; companyId?: string }) {
    const stats = await recoveryStatistics(filters, "UTC");
    let checked = 0;
    for (const t of buildStatsTables(stats, filters)) {
      for (const [r, links] of (t.links ?? []).entries()) {
        for (const [c, href] of links.entries()) {
          if (!href) continue;
          const url = new URL(href, "http://x");
          expect(url.pathname).toBe("/interviews");
          const count = await countInterviews(parseInterviewQuery(url.searchParams), "UTC");
          expect({ table: t.name, row: t.rows[r][0], header: t.headers[c], count }).toEqual({
            table: t.name, row: t.rows[r][0], header: t.headers[c],
            // A rate links to its denominator: the closed recoveries of that row.
            count: t.headers[c] === "Hire rate (of closed)" || t.headers[c] === "Hire rate" ? closedOf(t, r) : Number(t.rows[r][c].replace(/,/g, "")),
          });
          checked++;
        }
      }
    }
    return checked;
  }
  const closedOf = (t: StatsTable, r: number) => {
    if (t.name === "progress" || t.name === "baseline") return Number(t.rows[t.name === "progress" ? 1 : 0][1]);
    return Number(t.rows[r][t.headers.indexOf("Closed")]);
  };

  test("over all months and dimensions, unfiltered", async () => {
    // Funnel (5), progress (3), baseline (2), and per row of month, recruiter, reason, severity, company, checklist.
    expect(await checkLinks({ from: "2026-08-01", to: "2026-11-30" })).toBeGreaterThan(100);
  });

  test("with a recruiter and with a company filter, and a range cutting a month", async () => {
    expect(await checkLinks({ from: "2026-09-05", to: "2026-11-10", recruiterId: carol.id })).toBeGreaterThan(20);
    expect(await checkLinks({ from: "2026-10-01", to: "2026-11-30", companyId: fixture.x.id })).toBeGreaterThan(20);
  });

  test("a month's link is that month within the page's range; the in-progress link lists the open recoveries", async () => {
    const filters = { from: "2026-09-05", to: "2026-11-30" };
    expect(interviewsLinkFor(filters, { month: "2026-09", progress: "in_progress" })).toBe(
      "/interviews?flaggedFrom=2026-09-05&flaggedTo=2026-09-30&recovery=in_progress",
    );
    const stats = await recoveryStatistics(filters, "UTC");
    const url = new URL(interviewsLinkFor(filters, { progress: "in_progress" }), "http://x");
    expect(await countInterviews(parseInterviewQuery(url.searchParams), "UTC")).toBe(stats.progress.inProgress);
    expect(stats.progress.inProgress).toBe(5);
    expect(row(stats.byMonth, "Oct 2026").inProgress).toBe(3);
  });
});

describe("the /interviews recovery filters from a hand-edited URL", () => {
  test("unknown values are ignored (no filter), never an error", async () => {
    const all = await countInterviews(parseInterviewQuery(new URLSearchParams()), "UTC");
    const query = parseInterviewQuery(
      new URLSearchParams({ recovery: "maybe", stage: "'; DROP TABLE x", completion: "9", owner: "../x", flaggedFrom: "0000-99-99" }),
    );
    expect(query.filters).toMatchObject({ recovery: undefined, stage: undefined, completion: undefined, owner: undefined });
    expect(await countInterviews(query, "UTC")).toBe(all);
  });
});

test("the dashboard's own figures count open recoveries apart and rate hires over the closed ones", async () => {
  const range = { from: new Date("2026-09-01T00:00:00Z"), to: new Date("2026-10-31T23:59:59Z") };
  const figures = await recruiterRecoveryFigures(carol.id, range);
  // September: 2 closed (1 hired), 1 in progress; October: 1 closed and hired, 3 in progress.
  expect(figures).toMatchObject({ recoveries: 7, inProgress: 4, closed: 3, closedHired: 2 });
  expect(formatHireRate(figures.closedHired, figures.closed)).toBe("66.7% (n=3, small sample)");
});

