// The /stats baseline from rollups: interviews that no flag marks (not second rounds: a second round's outcome belongs
// to the application it continues), and how many of them ended in a hire, per day and per month on the agency's
// clock, for the agency, each recruiter (their candidates) and each company. At a million candidates a recruiter's
// year otherwise walks the interviews of 67,000 candidates (374 ms).
//
// Kept like the recovery rollups: BaselineInterview holds each counted interview as the rollups last counted it, and
// every write that recomputes a candidate's recovery facts also adds the difference between the candidate's fresh
// and stored baseline rows (syncBaselineInterviews). Only while the rollups are built (RecoveryRollupState): before
// that, /stats counts the interviews themselves.
import { Prisma } from "~/.generated/prisma/client";
import { prisma, type Tx } from "~/utils/db.server";
import { periodsOnClock } from "./stats-clock.server";

type Client = Pick<Tx, "$executeRaw" | "$queryRaw">;

const columns = Prisma.raw(`"interviewId", "candidateId", "scheduledAt", "recruiterId", "companyId", "hired"`);

/** The baseline's interviews as they are now, for the interviews `where` selects (alias i, c). */
export function freshBaseline(where: Prisma.Sql) {
  return Prisma.sql`
    SELECT i."id" AS "interviewId", i."candidateId", i."scheduledAt", c."recruiterId", i."companyId",
      CASE WHEN EXISTS (SELECT 1 FROM "CandidacyOutcome" o WHERE o."interviewId" = i."id" AND o."outcome" = 'hired')
        THEN 1 ELSE 0 END AS "hired"
    FROM "Interview" i JOIN "Candidate" c ON c."id" = i."candidateId"
    WHERE i."flagSeverity" IS NULL AND i."round" <> 'second' AND ${where}`;
}

/** The rollup rows the interviews of `sources` make (each multiplied by its sign), summed per (scope, grain, period). */
function contributions(timeZone: string, sources: { rows: Prisma.Sql; sign: 1 | -1 }[]) {
  const counted = Prisma.join(
    sources.map(({ rows, sign }) => Prisma.sql`SELECT ${Prisma.raw(String(sign))} AS "sign", ${columns} FROM (${rows}) s`),
    " UNION ALL ",
  );
  return Prisma.sql`
    counted AS (${counted}),
    ${periodsOnClock("counted", "scheduledAt", timeZone)},
    scoped AS (
      SELECT '*' AS "scope", p."grain", p."period", p."sign", p."hired" FROM periods p
      UNION ALL SELECT p."recruiterId", p."grain", p."period", p."sign", p."hired" FROM periods p
      UNION ALL SELECT p."companyId", p."grain", p."period", p."sign", p."hired" FROM periods p
    ),
    summed AS (
      SELECT "scope", "grain", "period", SUM("sign") AS "interviews", SUM("sign" * "hired") AS "hired"
      FROM scoped GROUP BY "scope", "grain", "period"
    )`;
}

/**
 * Brings the candidate's baseline rows and the rollups up to date: adds the difference between the fresh rows and the
 * stored ones (in key order, as the recovery rollups do), then replaces the stored rows.
 */
export async function syncBaselineInterviews(tx: Client, candidateId: string, timeZone: string) {
  await tx.$executeRaw`
    WITH ${contributions(timeZone, [
      { rows: Prisma.sql`SELECT * FROM "BaselineInterview" WHERE "candidateId" = ${candidateId}`, sign: -1 },
      { rows: freshBaseline(Prisma.sql`i."candidateId" = ${candidateId}`), sign: 1 },
    ])}
    INSERT INTO "BaselineRollup" ("scope", "grain", "period", "interviews", "hired")
    SELECT "scope", "grain", "period", "interviews", "hired" FROM summed
    WHERE "interviews" <> 0 OR "hired" <> 0 ORDER BY "scope", "grain", "period"
    ON CONFLICT ("scope", "grain", "period") DO UPDATE SET
      "interviews" = "BaselineRollup"."interviews" + excluded."interviews",
      "hired" = "BaselineRollup"."hired" + excluded."hired"`;
  await tx.$executeRaw`DELETE FROM "BaselineInterview" WHERE "candidateId" = ${candidateId}`;
  await tx.$executeRaw`
    INSERT INTO "BaselineInterview" (${columns}) ${freshBaseline(Prisma.sql`i."candidateId" = ${candidateId}`)}`;
}

/** Recomputes every baseline row and rollup on the zone's clock. */
export async function rebuildBaseline(tx: Client, timeZone: string) {
  await tx.$executeRaw`DELETE FROM "BaselineInterview"`;
  await tx.$executeRaw`INSERT INTO "BaselineInterview" (${columns}) ${freshBaseline(Prisma.sql`1 = 1`)}`;
  await tx.$executeRaw`DELETE FROM "BaselineRollup"`;
  await tx.$executeRaw`
    WITH ${contributions(timeZone, [{ rows: Prisma.sql`SELECT * FROM "BaselineInterview"`, sign: 1 }])}
    INSERT INTO "BaselineRollup" ("scope", "grain", "period", "interviews", "hired")
    SELECT "scope", "grain", "period", "interviews", "hired" FROM summed`;
}

/**
 * Baseline rows that differ from the interviews themselves, and rollup rows that differ from the stored rows summed
 * afresh (all-zero rollup rows count as absent), either way.
 */
export async function baselineDrift(client: Client, timeZone: string, sampleSize = 20) {
  const stored = Prisma.sql`SELECT ${columns} FROM "BaselineInterview"`;
  const fresh = freshBaseline(Prisma.sql`1 = 1`);
  const storedRollup = Prisma.sql`SELECT "scope", "grain", "period", "interviews", "hired" FROM "BaselineRollup"
    WHERE "interviews" <> 0 OR "hired" <> 0`;
  const freshRollup = Prisma.sql`SELECT "scope", "grain", "period", "interviews", "hired" FROM summed`;
  const [rows, rollupRows, [total]] = await Promise.all([
    client.$queryRaw<{ key: string; side: string }[]>`
      SELECT "interviewId" AS "key", 'stored' AS "side" FROM (${stored} EXCEPT ${fresh}) a
      UNION ALL SELECT "interviewId", 'fresh' FROM (${fresh} EXCEPT ${stored}) b
      ORDER BY 1 LIMIT ${sampleSize}`,
    client.$queryRaw<{ scope: string; grain: string; period: string; side: string }[]>`
      WITH ${contributions(timeZone, [{ rows: Prisma.sql`SELECT * FROM "BaselineInterview"`, sign: 1 }])}
      SELECT "scope", "grain", "period", 'stored' AS "side" FROM (${storedRollup} EXCEPT ${freshRollup}) a
      UNION ALL SELECT "scope", "grain", "period", 'fresh' FROM (${freshRollup} EXCEPT ${storedRollup}) b
      ORDER BY 1, 2, 3 LIMIT ${sampleSize}`,
    client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM "BaselineRollup"`,
  ]);
  return {
    compared: Number(total?.n ?? 0),
    differing: [
      ...rows.map((r) => ({ key: `baseline interview ${r.key}`, side: r.side })),
      ...rollupRows.map((r) => ({ key: `baseline ${r.scope} ${r.grain} ${r.period}`, side: r.side })),
    ],
  };
}

/**
 * The baseline over a range's loose days and whole months (rollupPeriods) for the agency, a recruiter or a company.
 */
export async function baselineFromRollups(scope: string, days: [string, string][], months: [string, string] | null) {
  const spans = [
    ...days.map(([a, b]) => Prisma.sql`("grain" = 'd' AND "period" >= ${a} AND "period" <= ${b})`),
    ...(months ? [Prisma.sql`("grain" = 'm' AND "period" >= ${months[0]} AND "period" <= ${months[1]})`] : []),
  ];
  const [row] = await prisma.$queryRaw<{ interviews: unknown; hired: unknown }[]>`
    SELECT SUM("interviews") AS "interviews", SUM("hired") AS "hired" FROM "BaselineRollup"
    WHERE "scope" = ${scope} AND (${Prisma.join(spans, " OR ")})`;
  return { interviews: Number(row?.interviews ?? 0), hired: Number(row?.hired ?? 0) };
}
