import { beforeAll, describe, expect, test } from "vitest";
import { parseStatsFilters } from "~/models/stats/stats-forms";
import { buildStatsTables, formatRate } from "~/models/stats/stats-tables";
import { monthBuckets, recoveryStatistics, recruiterRecoveryFigures, statsRange, type StageRow } from "~/models/stats/stats.server";
import { makeStatsFixture } from "../builders/stats";

let fixture: Awaited<ReturnType<typeof makeStatsFixture>>;
beforeAll(async () => {
  fixture = await makeStatsFixture();
});

const november = { from: "2026-11-01", to: "2026-11-30" };
const row = (rows: StageRow[], label: string) => rows.find((r) => r.label === label);
const table = (stats: Awaited<ReturnType<typeof recoveryStatistics>>, name: string) =>
  buildStatsTables(stats).find((t) => t.name === name)!;

describe("recovery statistics on the fixed fixture (November 2026, UTC)", () => {
  test("the funnel counts the four recoveries flagged in range, not the October one or the removed flag", async () => {
    const stats = await recoveryStatistics(november, "UTC");
    // R1 (4/4 steps, granted, hired), R2 (1/4, declined), R3 (nothing), R4 (2/4, granted + pending, hired)
    expect(stats.funnel).toEqual({ recoveries: 4, checklistStarted: 3, requested: 3, granted: 2, hired: 2 });
    expect(table(stats, "funnel").rows).toEqual([
      ["Interviews flagged", "4", "", "100.0%"],
      ["Checklist started", "3", "75.0%", "75.0%"],
      ["Second interview requested", "3", "100.0%", "75.0%"],
      ["Second interview granted", "2", "66.7%", "50.0%"],
      ["Hired", "2", "100.0%", "50.0%"],
    ]);
  });

  test("recovery-to-hire rate by recruiter, reason, severity, company and month", async () => {
    const stats = await recoveryStatistics(november, "UTC");
    expect(row(stats.byRecruiter, "Alice Recruiter")).toMatchObject({ recoveries: 3, requested: 2, granted: 1, hired: 1 });
    expect(row(stats.byRecruiter, "Bob Recruiter")).toMatchObject({ recoveries: 1, requested: 1, granted: 1, hired: 1 });
    expect(row(stats.byRecruiter, "Idle Recruiter")).toBeUndefined();
    // Several reasons: the interview counts under each.
    expect(row(stats.byReason, "Arrived late or transport trouble")).toMatchObject({ recoveries: 2, hired: 1 });
    expect(row(stats.byReason, "Nerves, rambling or over-long answers")).toMatchObject({ recoveries: 2, hired: 1 });
    expect(row(stats.byReason, "Blanked on a question")).toMatchObject({ recoveries: 1, hired: 1 });
    expect(stats.bySeverity.map((r) => [r.label, r.recoveries, r.hired])).toEqual([
      ["Minor", 1, 0],
      ["Serious", 2, 2],
      ["Critical", 1, 0],
    ]);
    expect(row(stats.byCompany, "Xenon Ltd")).toMatchObject({ recoveries: 3, hired: 2 });
    expect(row(stats.byCompany, "Yarrow plc")).toMatchObject({ recoveries: 1, hired: 0 });
    expect(stats.byMonth.map((r) => [r.label, r.recoveries, r.hired])).toEqual([["Nov 2026", 4, 2]]);
    // Hire rate over closed recoveries only: Xenon's three are closed (two hired); Yarrow's one is still in progress.
    expect(table(stats, "company").rows).toEqual([
      ["Xenon Ltd", "3", "0", "3", "3", "2", "2", "66.7% (n=3, small sample)"],
      ["Yarrow plc", "1", "1", "0", "0", "0", "0", "—"],
    ]);
  });

  test("speed: requests within 24 hours of the interview's end against later ones, and the median to first contact", async () => {
    const stats = await recoveryStatistics(november, "UTC");
    // R1 23 h after the end (within, granted); R2 49 h (later, declined); R4 6 h (within, granted) and exactly 24 h
    // (still within, pending).
    expect(stats.speed.within).toEqual({ requests: 3, granted: 2 });
    expect(stats.speed.later).toEqual({ requests: 1, granted: 0 });
    // First contact after the flag: 6 h, 23 h, 48 h -> median 23 h.
    expect(stats.speed.contacted).toBe(3);
    expect(stats.speed.medianToFirstContactMs).toBe(23 * 3600_000);
    expect(table(stats, "first-contact").rows[1]).toEqual(["Median time from flag to first request", "23 h"]);
  });

  test("an even number of first contacts takes the mean of the middle two", async () => {
    // Alice only: R1 23 h and R2 48 h -> 35 h 30 min.
    const stats = await recoveryStatistics({ ...november, recruiterId: fixture.alice.id }, "UTC");
    expect(stats.speed.medianToFirstContactMs).toBe(35.5 * 3600_000);
  });

  test("coaching: hire rate by checklist completion and emails per template", async () => {
    const stats = await recoveryStatistics(november, "UTC");
    expect(stats.byCompletion.map((r) => [r.label, r.recoveries, r.hired])).toEqual([
      ["No checklist", 1, 0],
      ["Under 50% done", 1, 0],
      ["50–99% done", 1, 1],
      ["All done", 1, 1],
    ]);
    // Queued emails don't count; R1's candidate was granted after the email, R3's never.
    expect(stats.emails).toEqual([
      { template: "rough_day", label: expect.any(String), emails: 2, candidates: 2, grantedAfter: 1 },
    ]);
    expect(table(stats, "emails").rows[0].slice(1)).toEqual(["2", "2", "1", "50.0%"]);
  });

  test("the baseline: interviews not flagged (a removed flag included, second rounds left out) and their hires", async () => {
    const stats = await recoveryStatistics(november, "UTC");
    expect(stats.baseline).toEqual({ interviews: 4, hired: 2 });
    // Flagged: the three closed recoveries (R3 is still in progress), two hired.
    expect(table(stats, "baseline").rows).toEqual([
      ["Flagged (closed recoveries)", "3", "2", "66.7% (n=3, small sample)"],
      ["Not flagged", "4", "2", "50.0%"],
    ]);
  });

  test("a recruiter's baseline counts their candidates' interviews only, second rounds left out", async () => {
    // Alice: two first rounds (one hired) and the interview whose flag was removed (hired); Bob: one first round and
    // a second round.
    const alice = await recoveryStatistics({ ...november, recruiterId: fixture.alice.id }, "UTC");
    expect(alice.baseline).toEqual({ interviews: 3, hired: 2 });
    const bob = await recoveryStatistics({ ...november, recruiterId: fixture.bob.id }, "UTC");
    expect(bob.baseline).toEqual({ interviews: 1, hired: 0 });
    const bobAtY = await recoveryStatistics({ ...november, recruiterId: fixture.bob.id, companyId: fixture.y.id }, "UTC");
    expect(bobAtY.baseline).toEqual({ interviews: 0, hired: 0 });
  });

  test("company filter narrows every figure to that client", async () => {
    const stats = await recoveryStatistics({ ...november, companyId: fixture.y.id }, "UTC");
    expect(stats.funnel).toEqual({ recoveries: 1, checklistStarted: 0, requested: 0, granted: 0, hired: 0 });
    expect(stats.baseline).toEqual({ interviews: 1, hired: 0 });
  });

  test("an empty range gives zeros and dashes, never NaN", async () => {
    const stats = await recoveryStatistics({ from: "2025-01-01", to: "2025-01-31" }, "UTC");
    expect(stats.funnel).toEqual({ recoveries: 0, checklistStarted: 0, requested: 0, granted: 0, hired: 0 });
    expect(stats.speed.medianToFirstContactMs).toBeNull();
    const cells = buildStatsTables(stats).flatMap((t) => t.rows.flat());
    expect(cells.join(" ")).not.toMatch(/NaN|Infinity/);
    expect(table(stats, "funnel").rows[4]).toEqual(["Hired", "0", "—", "—"]);
    expect(table(stats, "first-contact").rows[1][1]).toBe("—");
    expect(table(stats, "speed").rows).toEqual([
      ["Within 24 hours of the interview", "0", "0", "—"],
      ["Later", "0", "0", "—"],
    ]);
  });

  test("a recruiter with no recoveries gets zeros and a dash for the rate", async () => {
    const range = statsRange(november, "UTC");
    const idle = await recruiterRecoveryFigures(fixture.idle.id, range);
    expect(idle).toEqual({ recoveries: 0, checklistStarted: 0, requested: 0, granted: 0, hired: 0, inProgress: 0, closed: 0, closedHired: 0 });
    expect(formatRate(idle.hired, idle.recoveries)).toBe("—");
    const alice = await recruiterRecoveryFigures(fixture.alice.id, range);
    expect(alice).toMatchObject({ recoveries: 3, checklistStarted: 2, requested: 2, granted: 1, hired: 1 });
    // Her open recoveries are counted apart; the closed ones are the rate's denominator.
    expect(alice).toMatchObject({ inProgress: 1, closed: 2, closedHired: 1 });
  });
});

describe("months and ranges in the agency's zone", () => {
  test("a flag late on 31 October UTC belongs to November in Berlin", async () => {
    const range = statsRange({ from: "2026-10-01", to: "2026-11-30" }, "Europe/Berlin");
    expect(monthBuckets(range, "Europe/Berlin").map((m) => [m.key, m.start.toISOString()])).toEqual([
      ["2026-10", "2026-09-30T22:00:00.000Z"],
      ["2026-11", "2026-10-31T23:00:00.000Z"],
    ]);
    const stats = await recoveryStatistics({ from: "2026-10-01", to: "2026-11-30" }, "Europe/Berlin");
    expect(stats.byMonth.map((r) => [r.label, r.recoveries])).toEqual([
      ["Oct 2026", 1],
      ["Nov 2026", 4],
    ]);
  });

  test("bad filter values fall back to defaults instead of failing", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    const parse = (q: string) => parseStatsFilters(new URLSearchParams(q), "UTC", now);
    expect(parse("")).toEqual({ from: "2026-08-27", to: "2026-11-24" });
    expect(parse("from=2026-02-30&to=banana&recruiter=%27%3B--&company=x".repeat(1))).toMatchObject({
      from: "2026-08-27", to: "2026-11-24", companyId: "x",
    });
    expect(parse("from=2026-11-20&to=2026-11-01")).toEqual({ from: "2026-08-27", to: "2026-11-24" });
    expect(parse("from=2020-01-01&to=2026-11-24")).toEqual({ from: "2021-11-25", to: "2026-11-24" });
  });

  test("days outside 2000–2099 or that don't exist fall back to the default with a field error", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    const parse = (q: string) => parseStatsFilters(new URLSearchParams(q), "UTC", now);
    const message = "Enter a real day between 2000-01-01 and 2099-12-31; the default is shown instead.";
    expect(parse("to=0000-01-01")).toEqual({ from: "2026-08-27", to: "2026-11-24", errors: { to: message } });
    expect(parse("from=0001-01-01&to=2026-11-24")).toEqual({ from: "2026-08-27", to: "2026-11-24", errors: { from: message } });
    expect(parse("from=2026-02-30&to=9999-12-31").errors).toEqual({ from: message, to: message });
    expect(parse("from=2026-11-01&to=").errors).toBeUndefined();
  });
});
