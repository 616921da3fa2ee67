// The manager's recovery statistics (/stats) and a recruiter's own figures (dashboard). Every recovery figure is a
// grouped SQL query over the recoveries' maintained facts (RecoveryFact: recovery-facts.server.ts defines each stage);
// JavaScript only divides the counts it gets back and attaches names.
//
// - A recovery is a flagged interview whose flag is not removed, counted when flaggedAt falls in the date range.
// - In progress: not closed yet. Hire rates are computed over closed recoveries only (hired and closed / closed), so a
//   month whose recoveries are still running does not read as a drop to 0%.
// - First contact: the earliest second-interview request for the flagged interview.
//
// Dialect-specific pieces (the difference between two stored instants, forced join order) come from the SQL dialect
// module.
import { DateTime } from "luxon";
import { Prisma } from "~/.generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { parseLocalDate } from "~/utils/dates";
import { templateLabel } from "../../../emails/index";
import { flagReasons, flagSeverities } from "../enums";
import { defaultStatsRange, type StatsFilters } from "./stats-forms";
import { completionBuckets, type CompletionBucket } from "./stats-tables";
import { FORCED_JOIN, sqlDate } from "~/utils/sql-dialect.server";
import { completionCase, msToFirstContact } from "./recovery-facts.server";
import { baselineFromRollups } from "./baseline-rollups.server";
import { rollupSums, rollupZone } from "./recovery-rollups.server";

export type StageCounts = {
  recoveries: number;
  checklistStarted: number;
  requested: number;
  granted: number;
  hired: number;
};
/** How many recoveries are still in progress, how many closed, and how many of the closed ended in a hire. */
export type ClosureCounts = { inProgress: number; closed: number; closedHired: number };
export type StageRow = StageCounts & ClosureCounts & { key: string; label: string };

export type RecoveryStatistics = {
  funnel: StageCounts;
  progress: ClosureCounts;
  byRecruiter: StageRow[];
  byReason: StageRow[];
  bySeverity: StageRow[];
  byCompany: StageRow[];
  byMonth: StageRow[];
  byCompletion: StageRow[];
  speed: {
    within: { requests: number; granted: number };
    later: { requests: number; granted: number };
    /** Recoveries with at least one request, and the median time from the flag to the first (null when none). */
    contacted: number;
    medianToFirstContactMs: number | null;
  };
  emails: { template: string; label: string; emails: number; candidates: number; grantedAfter: number }[];
  baseline: { interviews: number; hired: number };
};

type Range = { from: Date; to: Date };

const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));


/** The first instant and the last millisecond of the filter's calendar days in the agency's zone. */
export function statsRange(filters: Pick<StatsFilters, "from" | "to">, timeZone: string): Range {
  const from = parseLocalDate(filters.from, timeZone);
  const to = parseLocalDate(filters.to, timeZone, { end: true });
  if (!from || !to) throw new Error(`Unparsed stats range ${filters.from}..${filters.to}`);
  return { from, to };
}

/** Calendar months of the range in the agency's zone: keys "2026-09" and the UTC instant each month starts. */
export function monthBuckets(range: Range, timeZone: string) {
  const months: { key: string; start: Date }[] = [];
  let month = DateTime.fromJSDate(range.from, { zone: timeZone }).startOf("month");
  const last = DateTime.fromJSDate(range.to, { zone: timeZone });
  while (month <= last) {
    months.push({ key: month.toFormat("yyyy-LL"), start: month.toJSDate() });
    month = month.plus({ months: 1 });
  }
  return months;
}

// Exact months in the agency's zone: the boundaries are computed by Luxon and compared as text in SQL.
function monthCase(column: Prisma.Sql, months: { key: string; start: Date }[]) {
  if (months.length <= 1) return Prisma.sql`${months[0]?.key ?? ""}`;
  const whens = months
    .slice(1)
    .map((m, i) => Prisma.sql`WHEN ${column} < ${sqlDate(m.start)} THEN ${months[i].key}`);
  return Prisma.sql`CASE ${Prisma.join(whens, " ")} ELSE ${months[months.length - 1].key} END`;
}

/** The range as instants and as the agency's calendar days ("2026-09-14", both included). */
type Scope = { range: Range; days: { from: string; to: string }; recruiterId?: string; companyId?: string };

/**
 * One row per recovery in scope, from its maintained facts (recovery-facts.server.ts holds the definitions): the
 * agency-wide range reads the covering index alone; a recruiter's or a company's reads its own index.
 */
function recoveriesCte(
  { range, recruiterId, companyId }: Pick<Scope, "range" | "recruiterId" | "companyId">,
  month: Prisma.Sql = Prisma.sql`''`,
) {
  const where = [Prisma.sql`rf."flaggedAt" >= ${sqlDate(range.from)}`, Prisma.sql`rf."flaggedAt" <= ${sqlDate(range.to)}`];
  if (recruiterId) where.push(Prisma.sql`rf."recruiterId" = ${recruiterId}`);
  if (companyId) where.push(Prisma.sql`rf."companyId" = ${companyId}`);
  return Prisma.sql`rec AS MATERIALIZED (
    SELECT rf."flagId", rf."flaggedAt", rf."recruiterId", rf."companyId", rf."severity", rf."closed", rf."steps",
      rf."stepsDone", rf."requested", rf."granted", rf."hired", rf."firstRequestAt", rf."requestsWithin",
      rf."requestsLater", rf."grantedWithin", rf."grantedLater", ${month} AS "month"
    FROM "RecoveryFact" rf
    WHERE ${Prisma.join(where, " AND ")}
  )`;
}

const stageSums = Prisma.sql`COUNT(*) AS "recoveries", SUM(CASE WHEN "stepsDone" > 0 THEN 1 ELSE 0 END) AS "checklistStarted",
  SUM("requested") AS "requested", SUM("granted") AS "granted", SUM("hired") AS "hired"`;

const closureSums = Prisma.sql`SUM(1 - "closed") AS "inProgress", SUM("closed") AS "closed",
  SUM("closed" * "hired") AS "closedHired"`;
const allSums = Prisma.sql`${stageSums}, ${closureSums}`;
// allSums again over rows that already hold them (the same names, in the same order).
const sumsOfSums = Prisma.raw(
  ["recoveries", "checklistStarted", "requested", "granted", "hired", "inProgress", "closed", "closedHired"]
    .map((name) => `SUM("${name}") AS "${name}"`)
    .join(", "),
);

type GroupedRow = { dimension: string; key: string | null } & Record<keyof StageCounts | keyof ClosureCounts, unknown>;
type Counts = StageCounts & ClosureCounts;

const toCounts = (row: Partial<Record<keyof StageCounts, unknown>> | undefined): StageCounts => ({
  recoveries: num(row?.recoveries),
  checklistStarted: num(row?.checklistStarted),
  requested: num(row?.requested),
  granted: num(row?.granted),
  hired: num(row?.hired),
});

const toClosure = (row: Partial<Record<keyof ClosureCounts, unknown>> | undefined): ClosureCounts => ({
  inProgress: num(row?.inProgress),
  closed: num(row?.closed),
  closedHired: num(row?.closedHired),
});
const toAll = (row: Partial<Record<keyof Counts, unknown>> | undefined): Counts => ({ ...toCounts(row), ...toClosure(row) });

/**
 * Every breakdown, the request speed and the median time to first contact in one statement over the recoveries'
 * facts. rec is materialised once and grouped once into "fine" (recruiter × severity × month × completion, at most a
 * few thousand rows); the breakdowns by those sum fine's rows, which costs one sort of the recoveries instead of one
 * per breakdown. Rows share one shape: for "speed" rows recoveries = requests and granted = granted requests; the
 * "median" row has recoveries = recoveries contacted and hired = the median in milliseconds. CROSS JOIN keeps SQLite
 * reading each recovery's few reasons by its key rather than every reason. (Keeping each recovery's reasons in its
 * facts and grouping by them was measured slower: 113 against 79 ms for 90 days at 100,000.)
 */
async function factBreakdowns(scope: Scope, months: { key: string; start: Date }[]): Promise<Breakdowns> {
  const rows = await prisma.$queryRaw<GroupedRow[]>`
    WITH ${recoveriesCte(scope, monthCase(Prisma.sql`rf."flaggedAt"`, months))},
    firsts AS (
      SELECT ${msToFirstContact} AS ms FROM rec WHERE "firstRequestAt" IS NOT NULL
    ),
    ordered AS (SELECT ms, ROW_NUMBER() OVER (ORDER BY ms) AS rn, COUNT(*) OVER () AS n FROM firsts),
    fine AS (
      SELECT "recruiterId", "severity", "month", ${completionCase} AS "completion", ${allSums},
        SUM("requestsWithin") AS "requestsWithin", SUM("grantedWithin") AS "grantedWithin",
        SUM("requestsLater") AS "requestsLater", SUM("grantedLater") AS "grantedLater"
      FROM rec GROUP BY "recruiterId", "severity", "month", ${completionCase}
    )
    SELECT 'all' AS "dimension", NULL AS "key", ${sumsOfSums} FROM fine
    UNION ALL SELECT 'recruiter', "recruiterId", ${sumsOfSums} FROM fine GROUP BY "recruiterId"
    UNION ALL SELECT 'severity', "severity", ${sumsOfSums} FROM fine GROUP BY "severity"
    UNION ALL SELECT 'month', "month", ${sumsOfSums} FROM fine GROUP BY "month"
    UNION ALL SELECT 'completion', "completion", ${sumsOfSums} FROM fine GROUP BY "completion"
    UNION ALL SELECT 'company', "companyId", ${allSums} FROM rec GROUP BY "companyId"
    UNION ALL SELECT 'reason', fr."reason", ${allSums}
      FROM rec ${FORCED_JOIN} "FlagReason" fr ON fr."flagId" = rec."flagId" GROUP BY fr."reason"
    UNION ALL SELECT 'speed', 'within', SUM("requestsWithin"), 0, 0, SUM("grantedWithin"), 0, 0, 0, 0 FROM fine
    UNION ALL SELECT 'speed', 'later', SUM("requestsLater"), 0, 0, SUM("grantedLater"), 0, 0, 0, 0 FROM fine
    UNION ALL SELECT 'median', NULL, MAX(n), 0, 0, 0, AVG(ms), 0, 0, 0
      FROM ordered WHERE rn IN ((n + 1) / 2, (n + 2) / 2)`;
  const by = (dimension: string) => new Map(rows.filter((r) => r.dimension === dimension).map((r) => [r.key ?? "", toAll(r)]));
  const speed = by("speed");
  const median = rows.find((r) => r.dimension === "median");
  const contacted = num(median?.recoveries);
  return {
    funnel: toCounts(rows.find((r) => r.dimension === "all")),
    progress: toClosure(rows.find((r) => r.dimension === "all")),
    recruiter: by("recruiter"),
    severity: by("severity"),
    company: by("company"),
    month: by("month"),
    completion: by("completion"),
    reason: by("reason"),
    speed: {
      within: { requests: speed.get("within")?.recoveries ?? 0, granted: speed.get("within")?.granted ?? 0 },
      later: { requests: speed.get("later")?.recoveries ?? 0, granted: speed.get("later")?.granted ?? 0 },
      contacted,
      medianToFirstContactMs: contacted ? num(median?.hired) : null,
    },
  };
}

type Breakdowns = {
  funnel: StageCounts;
  progress: ClosureCounts;
  recruiter: Map<string, Counts>;
  severity: Map<string, Counts>;
  company: Map<string, Counts>;
  month: Map<string, Counts>;
  completion: Map<string, Counts>;
  reason: Map<string, Counts>;
  speed: RecoveryStatistics["speed"];
};

/**
 * The range as rollup periods: the whole months inside it, and the loose days before the first and after the last
 * (or only days, when it is part of one month). Days and months are "YYYY-MM-DD" and "YYYY-MM" text.
 */
export function rollupPeriods(from: string, to: string) {
  const first = DateTime.fromISO(from, { zone: "UTC" });
  const last = DateTime.fromISO(to, { zone: "UTC" });
  const day = (d: DateTime) => d.toFormat("yyyy-LL-dd");
  const month = (d: DateTime) => d.toFormat("yyyy-LL");
  const days: [string, string][] = [];
  let fullFrom = first.startOf("month");
  let fullTo = last.startOf("month");
  if (first.day !== 1) {
    days.push([from, day(DateTime.min(first.endOf("month"), last))]);
    fullFrom = fullFrom.plus({ months: 1 });
  }
  if (!last.hasSame(last.endOf("month"), "day")) {
    const tailFrom = DateTime.max(last.startOf("month"), first);
    if (!days.length || tailFrom > DateTime.fromISO(days[0][1], { zone: "UTC" })) days.push([day(tailFrom), to]);
    fullTo = fullTo.minus({ months: 1 });
  }
  return { days, months: fullFrom <= fullTo ? ([month(fullFrom), month(fullTo)] as [string, string]) : null };
}

type RollupRow = { dimension: string; key: string; month: string } & Record<(typeof rollupSums)[number], unknown>;

/**
 * The same breakdowns as factBreakdowns, from the rollups: a range reads its loose days and whole months, whatever
 * the number of recoveries in it. The median time to first contact is found from the per-hour counts, then read
 * exactly from the facts of the hour it falls in (the facts' (contactHour, flaggedAt) index).
 */
async function rollupBreakdowns(scope: Scope): Promise<Breakdowns> {
  const { days, months } = rollupPeriods(scope.days.from, scope.days.to);
  const spans = [
    ...days.map(([a, b]) => Prisma.sql`("grain" = 'd' AND "period" >= ${a} AND "period" <= ${b})`),
    ...(months ? [Prisma.sql`("grain" = 'm' AND "period" >= ${months[0]} AND "period" <= ${months[1]})`] : []),
  ];
  const rows = await prisma.$queryRaw<RollupRow[]>`
    SELECT "dimension", "key", CASE WHEN "dimension" = 'all' THEN substr("period", 1, 7) ELSE '' END AS "month",
      ${Prisma.raw(rollupSums.map((n) => `SUM("${n}") AS "${n}"`).join(", "))}
    FROM "RecoveryRollup"
    WHERE "scope" = ${scope.recruiterId ?? "*"} AND (${Prisma.join(spans, " OR ")})
    GROUP BY "dimension", "key", CASE WHEN "dimension" = 'all' THEN substr("period", 1, 7) ELSE '' END
    HAVING SUM("recoveries") <> 0`;
  const counts = (r: RollupRow): Counts => ({
    ...toCounts(r),
    inProgress: num(r.recoveries) - num(r.closed),
    closed: num(r.closed),
    closedHired: num(r.closedHired),
  });
  const by = (dimension: string) => new Map(rows.filter((r) => r.dimension === dimension).map((r) => [r.key, counts(r)]));
  const all = rows.filter((r) => r.dimension === "all");
  const total = (name: (typeof rollupSums)[number]) => all.reduce((sum, r) => sum + num(r[name]), 0);
  const totals: Counts = {
    recoveries: total("recoveries"),
    checklistStarted: total("checklistStarted"),
    requested: total("requested"),
    granted: total("granted"),
    hired: total("hired"),
    inProgress: total("recoveries") - total("closed"),
    closed: total("closed"),
    closedHired: total("closedHired"),
  };
  const hours = rows
    .filter((r) => r.dimension === "contact")
    .map((r) => ({ hour: Number(r.key), count: num(r.recoveries) }))
    .sort((a, b) => a.hour - b.hour);
  const contacted = hours.reduce((sum, h) => sum + h.count, 0);
  return {
    funnel: toCounts(totals),
    progress: toClosure(totals),
    // One recruiter's rollups are all theirs: their row is the totals.
    recruiter: scope.recruiterId
      ? new Map(totals.recoveries ? [[scope.recruiterId, totals]] : [])
      : by("recruiter"),
    severity: by("severity"),
    company: by("company"),
    month: new Map(all.map((r) => [r.month, counts(r)])),
    completion: by("completion"),
    reason: by("reason"),
    speed: {
      within: { requests: total("requestsWithin"), granted: total("grantedWithin") },
      later: { requests: total("requestsLater"), granted: total("grantedLater") },
      contacted,
      medianToFirstContactMs: contacted ? await medianFromHours(scope, hours, contacted) : null,
    },
  };
}

/**
 * The median of the contacted recoveries' times to first contact (the mean of the middle two for an even count): the
 * hour counts say which hour holds each middle recovery; that hour's times in the range, counted per value, say which.
 */
async function medianFromHours(scope: Scope, hours: { hour: number; count: number }[], n: number) {
  const ranks = [Math.floor((n + 1) / 2), Math.floor((n + 2) / 2)];
  const located = ranks.map((rank) => {
    let before = 0;
    const bucket = hours.find((h) => (before += h.count) >= rank)!;
    return { hour: bucket.hour, rank: rank - (before - bucket.count) };
  });
  const values = await Promise.all(
    [...new Set(located.map((l) => l.hour))].map(async (hour) => {
      const times = await prisma.$queryRaw<{ ms: unknown; n: unknown }[]>`
        SELECT "contactMs" AS "ms", COUNT(*) AS "n" FROM "RecoveryFact"
        WHERE "contactHour" = ${hour} AND "flaggedAt" >= ${sqlDate(scope.range.from)} AND "flaggedAt" <= ${sqlDate(scope.range.to)}
          ${scope.recruiterId ? Prisma.sql`AND "recruiterId" = ${scope.recruiterId}` : Prisma.empty}
        GROUP BY "contactMs" ORDER BY "contactMs"`;
      return [hour, times.map((t) => ({ ms: num(t.ms), n: num(t.n) }))] as const;
    }),
  );
  const byHour = new Map(values);
  const [a, b] = located.map(({ hour, rank }) => {
    let seen = 0;
    return byHour.get(hour)!.find((t) => (seen += t.n) >= rank)?.ms;
  });
  // A write between the two reads moved a recovery out of its hour: count it from the facts alone.
  if (a === undefined || b === undefined) return medianFromFacts(scope);
  return (a + b) / 2;
}

/** The same median from the facts of the range alone (every contacted recovery in it, sorted). */
async function medianFromFacts(scope: Scope) {
  const [row] = await prisma.$queryRaw<{ ms: unknown }[]>`
    WITH ordered AS (
      SELECT "contactMs" AS ms, ROW_NUMBER() OVER (ORDER BY "contactMs") AS rn, COUNT(*) OVER () AS n FROM "RecoveryFact"
      WHERE "contactMs" IS NOT NULL AND "flaggedAt" >= ${sqlDate(scope.range.from)} AND "flaggedAt" <= ${sqlDate(scope.range.to)}
        ${scope.recruiterId ? Prisma.sql`AND "recruiterId" = ${scope.recruiterId}` : Prisma.empty}
    )
    SELECT AVG(ms) AS ms FROM ordered WHERE rn IN ((n + 1) / 2, (n + 2) / 2)`;
  return num(row?.ms);
}

/**
 * Every breakdown: from the rollups when they are kept on the agency's clock and the view is the agency's or one
 * recruiter's; from the facts for a company's view (its facts are few, and the rollups don't split companies by
 * recruiter) or before the rollups are built.
 */
async function stageBreakdowns(scope: Scope, months: { key: string; start: Date }[], timeZone: string) {
  if (!scope.companyId && (await rollupZone(prisma)) === timeZone) return rollupBreakdowns(scope);
  return factBreakdowns(scope, months);
}

/**
 * Emails sent (or captured) in the date range, per template: how many, to how many candidates, and how many of those
 * candidates were granted a second interview after their first such email (respondedAt, else the request's createdAt).
 */
async function emailFigures({ range, recruiterId, companyId }: Scope) {
  const where = [
    Prisma.sql`e."status" IN ('sent', 'captured')`,
    Prisma.sql`e."createdAt" >= ${sqlDate(range.from)}`,
    Prisma.sql`e."createdAt" <= ${sqlDate(range.to)}`,
  ];
  if (recruiterId) where.push(Prisma.sql`c."recruiterId" = ${recruiterId}`);
  if (companyId) where.push(Prisma.sql`i."companyId" = ${companyId}`);
  const rows = await prisma.$queryRaw<{ template: string; emails: unknown; candidates: unknown; grantedAfter: unknown }[]>`
    WITH sent AS (
      SELECT e."template", e."candidateId", MIN(e."createdAt") AS "firstAt", COUNT(*) AS n
      FROM "EmailMessage" e
      JOIN "Candidate" c ON c."id" = e."candidateId"
      LEFT JOIN "Interview" i ON i."id" = e."interviewId"
      WHERE ${Prisma.join(where, " AND ")}
      GROUP BY e."template", e."candidateId"
    )
    SELECT "template", SUM(n) AS "emails", COUNT(*) AS "candidates",
      SUM(CASE WHEN EXISTS (SELECT 1 FROM "SecondInterviewRequest" r WHERE r."candidateId" = sent."candidateId"
        AND r."response" = 'granted' AND COALESCE(r."respondedAt", r."createdAt") > sent."firstAt") THEN 1 ELSE 0 END)
        AS "grantedAfter"
    FROM sent GROUP BY "template" ORDER BY "template"`;
  return rows.map((r) => ({
    template: r.template,
    label: templateLabel(r.template),
    emails: num(r.emails),
    candidates: num(r.candidates),
    grantedAfter: num(r.grantedAfter),
  }));
}

/**
 * The baseline: interviews in the range (by interview date) with no current flag, other than second-round ones (a
 * second round's outcome belongs to the application it continues), and how many have a hired outcome
 * (baseline-rollups.server.ts keeps the same counts per day).
 */
async function baselineFigures(scope: Scope, timeZone: string) {
  // From the rollups for the agency, a recruiter or a company (not both: the rollups don't split them).
  if (!(scope.recruiterId && scope.companyId) && (await rollupZone(prisma)) === timeZone) {
    const { days, months } = rollupPeriods(scope.days.from, scope.days.to);
    return baselineFromRollups(scope.recruiterId ?? scope.companyId ?? "*", days, months);
  }
  return countedBaseline(scope);
}

/**
 * The baseline counted from the interviews themselves (before the rollups are built, or a recruiter at one company):
 * (not flagged) − (not flagged and second round), so the large first part is read from the (flagSeverity,
 * scheduledAt) index alone; hires are found from the hired outcomes, which are far fewer.
 */
async function countedBaseline({ range, recruiterId, companyId }: Scope) {
  const inRange = Prisma.sql`i."scheduledAt" >= ${sqlDate(range.from)} AND i."scheduledAt" <= ${sqlDate(range.to)}`;
  const byCompany = companyId ? Prisma.sql`AND i."companyId" = ${companyId}` : Prisma.empty;
  const unflagged = Prisma.sql`i."flagSeverity" IS NULL`;
  const unflaggedSecond = Prisma.sql`i."round" = 'second' AND COALESCE(i."flagSeverity", '') = ''`;
  if (recruiterId) {
    // One recruiter's: one walk of their candidates' interviews, from the covering (candidateId, scheduledAt,
    // flagSeverity, round, id) index. CROSS JOIN keeps SQLite from walking every unflagged interview instead.
    const [row] = await prisma.$queryRaw<{ interviews: unknown; secondRounds: unknown; hired: unknown }[]>`
      SELECT SUM(CASE WHEN ${unflagged} THEN 1 ELSE 0 END) AS "interviews",
        SUM(CASE WHEN ${unflaggedSecond} THEN 1 ELSE 0 END) AS "secondRounds",
        SUM(CASE WHEN ${unflagged} AND i."round" <> 'second' AND EXISTS (
          SELECT 1 FROM "CandidacyOutcome" o WHERE o."interviewId" = i."id" AND o."outcome" = 'hired') THEN 1 ELSE 0 END)
          AS "hired"
      FROM "Candidate" c ${FORCED_JOIN} "Interview" i ON i."candidateId" = c."id"
      WHERE c."recruiterId" = ${recruiterId} AND ${inRange} ${byCompany}`;
    return { interviews: num(row?.interviews) - num(row?.secondRounds), hired: num(row?.hired) };
  }
  const [row] = await prisma.$queryRaw<{ interviews: unknown; secondRounds: unknown; hired: unknown }[]>`
    SELECT
      (SELECT COUNT(*) FROM "Interview" i WHERE ${unflagged} AND ${inRange} ${byCompany}) AS "interviews",
      (SELECT COUNT(*) FROM "Interview" i WHERE ${unflaggedSecond} AND ${inRange} ${byCompany}) AS "secondRounds",
      (SELECT COUNT(DISTINCT o."interviewId") FROM "CandidacyOutcome" o JOIN "Interview" i ON i."id" = o."interviewId"
        WHERE o."outcome" = 'hired' AND ${unflagged} AND i."round" <> 'second' AND ${inRange} ${byCompany}) AS "hired"`;
  return { interviews: num(row?.interviews) - num(row?.secondRounds), hired: num(row?.hired) };
}

const byRecoveries = (a: StageRow, b: StageRow) => b.recoveries - a.recoveries || a.label.localeCompare(b.label);

/** Everything /stats shows for these filters. */
export async function recoveryStatistics(filters: StatsFilters, timeZone: string): Promise<RecoveryStatistics> {
  const range = statsRange(filters, timeZone);
  const scope: Scope = {
    range,
    days: { from: filters.from, to: filters.to },
    recruiterId: filters.recruiterId,
    companyId: filters.companyId,
  };
  const months = monthBuckets(range, timeZone);
  const [stages, emails, baseline] = await Promise.all([
    stageBreakdowns(scope, months, timeZone),
    emailFigures(scope),
    baselineFigures(scope, timeZone),
  ]);
  const ids = (m: Map<string, Counts>) => [...m.keys()];
  const [users, companies] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: ids(stages.recruiter) } }, select: { id: true, name: true } }),
    prisma.company.findMany({ where: { id: { in: ids(stages.company) } }, select: { id: true, name: true } }),
  ]);
  const names = new Map([...users, ...companies].map((x) => [x.id, x.name]));
  const rows = (m: Map<string, Counts>, label: (key: string) => string) =>
    [...m].map(([key, counts]) => ({ key, label: label(key), ...counts }));
  const zero = toAll(undefined);
  // Fixed lists (every severity, bucket and month) show their zero rows too, so the tables keep their shape.
  const fixed = (m: Map<string, Counts>, keys: readonly string[], label: (key: string) => string) =>
    keys.map((key) => ({ key, label: label(key), ...(m.get(key) ?? zero) }));
  return {
    funnel: stages.funnel,
    progress: stages.progress,
    byRecruiter: rows(stages.recruiter, (id) => names.get(id) ?? "Unknown recruiter").sort(byRecoveries),
    byReason: rows(stages.reason, flagReasons.label).sort(byRecoveries),
    bySeverity: fixed(stages.severity, flagSeverities.values, flagSeverities.label),
    byCompany: rows(stages.company, (id) => names.get(id) ?? "Unknown company").sort(byRecoveries),
    byMonth: fixed(
      stages.month,
      months.map((m) => m.key),
      (key) => DateTime.fromFormat(key, "yyyy-LL").setLocale("en-GB").toFormat("LLL yyyy"),
    ),
    byCompletion: fixed(
      stages.completion,
      completionBuckets.values,
      (key) => completionBuckets.label(key as CompletionBucket),
    ),
    speed: stages.speed,
    emails,
    baseline,
  };
}

/** The last 90 days up to the end of today in the agency's zone, as instants (the dashboard's range). */
export function defaultRecoveryRange(timeZone: string, now: Date = new Date()): Range {
  return statsRange(defaultStatsRange(timeZone, now), timeZone);
}

/** A recruiter's own recovery figures (their candidates' flagged interviews) over a range. */
export async function recruiterRecoveryFigures(recruiterId: string, range: Range): Promise<StageCounts & ClosureCounts> {
  const [row] = await prisma.$queryRaw<Partial<Record<keyof Counts, unknown>>[]>`
    WITH ${recoveriesCte({ range, recruiterId })}
    SELECT ${allSums} FROM rec`;
  return toAll(row);
}

