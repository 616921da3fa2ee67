// Per-day and per-month sums of the recoveries' facts (RecoveryRollup), so /stats reads a range's whole months and
// its loose days instead of every recovery in it: at a million candidates a year holds 260,000 recoveries and a few
// thousand rollup rows. Each row sums the facts of one scope (the agency "*", or one recruiter's candidates), one
// period (a day or a month on the agency's clock) and one value of one dimension (all, recruiter, severity,
// checklist completion, company, reason, or the whole hours to first contact, for the median).
//
// They are kept exact the way the facts are: every write that recomputes a candidate's facts first adds the
// difference between the fresh facts and the stored ones (applyRollupDelta), in the same transaction. The days are
// the agency's days, so a change of its time zone rebuilds them (rebuildRecoveryRollups); RecoveryRollupState says
// which zone they are in, and /stats reads them only when it is the agency's. `recoveryRollupDrift` re-sums the
// facts and compares: the tests and `npm run bench` check it, after the facts' own check.
import { Prisma } from "~/.generated/prisma/client";
import { prisma, type Tx } from "~/utils/db.server";
import { containsPattern } from "~/utils/sql-dialect.server";
import { flagReasons } from "../enums";
// A cycle with recovery-facts.server.ts, used inside functions only: that module holds the definitions.
import { completionCase, factColumns } from "./recovery-facts.server";
import { baselineDrift, rebuildBaseline } from "./baseline-rollups.server";
import { lockRollupsForRebuild, offsetChanges, periodsOnClock, recordRollupZone, rollupZone } from "./stats-clock.server";

export { offsetChanges, rollupZone };

type Client = Pick<Tx, "$executeRaw" | "$queryRaw">;

/** The sums each rollup row holds, in column order. */
export const rollupSums = [
  "recoveries",
  "checklistStarted",
  "requested",
  "granted",
  "hired",
  "closed",
  "closedHired",
  "requestsWithin",
  "requestsLater",
  "grantedWithin",
  "grantedLater",
] as const;
export type RollupSum = (typeof rollupSums)[number];

const keyColumns = ["scope", "grain", "period", "dimension", "key"] as const;
const quoted = (names: readonly string[]) => Prisma.raw(names.map((n) => `"${n}"`).join(", "));
const allColumns = quoted([...keyColumns, ...rollupSums]);

// One fact's contribution to each sum (the recovery counts once; contact rows count it in "recoveries" alone).
const factSums = Prisma.raw(
  [
    `1 AS "recoveries"`,
    `CASE WHEN "stepsDone" > 0 THEN 1 ELSE 0 END AS "checklistStarted"`,
    `"requested"`,
    `"granted"`,
    `"hired"`,
    `"closed"`,
    `"closed" * "hired" AS "closedHired"`,
    `"requestsWithin"`,
    `"requestsLater"`,
    `"grantedWithin"`,
    `"grantedLater"`,
  ].join(", "),
);
const contactSums = Prisma.raw([`1`, ...rollupSums.slice(1).map(() => "0")].join(", "));

/**
 * Every rollup row the facts of `sources` make, each source's rows multiplied by its sign, summed per row key.
 * A source is a SELECT of RecoveryFact's columns.
 */
function contributions(timeZone: string, sources: { facts: Prisma.Sql; sign: 1 | -1 }[]) {
  const reasonList = Prisma.join(
    flagReasons.values.map((reason) => Prisma.sql`(${reason}, ${containsPattern(`|${reason}|`)})`),
  );
  const facts = Prisma.join(
    sources.map(({ facts, sign }) => Prisma.sql`SELECT ${Prisma.raw(String(sign))} AS "sign", ${factColumns} FROM (${facts}) s`),
    " UNION ALL ",
  );
  const row = (dimension: string, key: Prisma.Sql) =>
    Prisma.sql`SELECT "scope", "grain", "period", ${dimension} AS "dimension", ${key} AS "key", "sign", ${factSums}`;
  return Prisma.sql`
    reasonList ("reason", "pattern") AS (VALUES ${reasonList}),
    facts AS (${facts}),
    ${periodsOnClock("facts", "flaggedAt", timeZone)},
    scoped AS (
      SELECT '*' AS "scope", p.* FROM periods p
      UNION ALL SELECT p."recruiterId", p.* FROM periods p
    ),
    contribution AS (
      ${row("all", Prisma.sql`''`)} FROM scoped
      UNION ALL ${row("recruiter", Prisma.sql`"recruiterId"`)} FROM scoped WHERE "scope" = '*'
      UNION ALL ${row("severity", Prisma.sql`"severity"`)} FROM scoped
      UNION ALL ${row("completion", completionCase)} FROM scoped
      UNION ALL ${row("company", Prisma.sql`"companyId"`)} FROM scoped
      UNION ALL ${row("reason", Prisma.sql`r."reason"`)}
        FROM scoped JOIN reasonList r ON scoped."reasons" LIKE r."pattern" ESCAPE '\\'
      UNION ALL SELECT "scope", "grain", "period", 'contact', CAST("contactHour" AS TEXT), "sign", ${contactSums}
        FROM scoped WHERE "contactHour" IS NOT NULL
    ),
    summed AS (
      SELECT ${quoted(keyColumns)}, ${Prisma.raw(rollupSums.map((n) => `SUM("sign" * "${n}") AS "${n}"`).join(", "))}
      FROM contribution GROUP BY ${quoted(keyColumns)}
    )`;
}

const anyNonZero = Prisma.raw(rollupSums.map((n) => `"${n}" <> 0`).join(" OR "));

/**
 * Adds to the rollups the difference the fresh facts make over the stored ones (both SELECTs of RecoveryFact's
 * columns). The caller holds the rollups' lock (rollupZoneForWrite, in syncRecoveryFacts).
 */
export async function applyRollupDelta(tx: Client, timeZone: string, facts: { before: Prisma.Sql; after: Prisma.Sql }) {
  await tx.$executeRaw`
    WITH ${contributions(timeZone, [
      { facts: facts.before, sign: -1 },
      { facts: facts.after, sign: 1 },
    ])}
    INSERT INTO "RecoveryRollup" (${allColumns})
    SELECT ${allColumns} FROM summed WHERE ${anyNonZero} ORDER BY ${quoted(keyColumns)}
    ON CONFLICT (${quoted(keyColumns)}) DO UPDATE SET
      ${Prisma.raw(rollupSums.map((n) => `"${n}" = "RecoveryRollup"."${n}" + excluded."${n}"`).join(", "))}`;
}

/** Rebuilds every rollup (and the baseline's) from the stored facts, on the given zone's clock, and records the zone. */
export async function rebuildRecoveryRollups(tx: Client, timeZone: string) {
  await recordRollupZone(tx, timeZone);
  await tx.$executeRaw`DELETE FROM "RecoveryRollup"`;
  await tx.$executeRaw`
    WITH ${contributions(timeZone, [{ facts: Prisma.sql`SELECT * FROM "RecoveryFact"`, sign: 1 }])}
    INSERT INTO "RecoveryRollup" (${allColumns}) SELECT ${allColumns} FROM summed`;
  await rebuildBaseline(tx, timeZone);
}

/**
 * Rollup rows that differ from the stored facts summed afresh, either way, and how many rows were compared. Rows
 * whose sums are all zero are rows whose recoveries moved away (to another day, recruiter or company): they count as
 * absent. Empty means the rollups are exact (or not built: then nothing is compared).
 */
export async function recoveryRollupDrift(client: Client, sampleSize = 20) {
  const zone = await rollupZone(client);
  if (!zone) return { compared: 0, differing: [] as { key: string; side: string }[] };
  const stored = Prisma.sql`SELECT ${allColumns} FROM "RecoveryRollup" WHERE ${anyNonZero}`;
  const fresh = Prisma.sql`SELECT ${allColumns} FROM summed`;
  const withFresh = contributions(zone, [{ facts: Prisma.sql`SELECT * FROM "RecoveryFact"`, sign: 1 }]);
  const [rows, [total]] = await Promise.all([
    client.$queryRaw<{ scope: string; grain: string; period: string; dimension: string; key: string; side: string }[]>`
      WITH ${withFresh}
      SELECT ${quoted(keyColumns)}, 'stored' AS "side" FROM (${stored} EXCEPT ${fresh}) a
      UNION ALL
      SELECT ${quoted(keyColumns)}, 'fresh' FROM (${fresh} EXCEPT ${stored}) b
      ORDER BY 1, 2, 3, 4, 5 LIMIT ${sampleSize}`,
    client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM "RecoveryRollup"`,
  ]);
  const baseline = await baselineDrift(client, zone, sampleSize);
  return {
    compared: Number(total?.n ?? 0) + baseline.compared,
    differing: [
      ...rows.map((r) => ({ key: `${r.scope} ${r.grain} ${r.period} ${r.dimension} ${r.key}`, side: r.side })),
      ...baseline.differing,
    ],
  };
}

/** Rebuilds the rollups on this zone's clock unless they are already kept on it (the agency's zone was set or changed). */
export async function keepRollupsOnClock(tx: Client, timeZone: string) {
  if ((await lockRollupsForRebuild(tx)) !== timeZone) await rebuildRecoveryRollups(tx, timeZone);
}

/**
 * Puts the rollups on the agency's clock if they are missing or on another zone, in one long transaction: writes
 * that change recoveries wait for it (about 100 s at a million candidates, once). `npm start` and the job a zone
 * change schedules run it; /stats reads the facts meanwhile. Returns the zone when it rebuilt.
 */
export async function rebuildRollupsOnAgencyClock(): Promise<string | null> {
  const [agency] = await prisma.$queryRaw<{ timeZone: string }[]>`SELECT "timeZone" FROM "Agency" WHERE "id" = 1`;
  if (!agency || (await rollupZone(prisma)) === agency.timeZone) return null;
  await prisma.$transaction((tx) => keepRollupsOnClock(tx, agency.timeZone), { timeout: 3_600_000, maxWait: 60_000 });
  return agency.timeZone;
}
