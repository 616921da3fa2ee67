// Per-recovery facts (RecoveryFact): one row per counted recovery (a flag not removed) holding everything /stats and a
// recruiter's figures count about it. Aggregating them reads one covering index instead of evaluating a dozen
// lookups per recovery on every page view (docs/benchmarks.md). They are derived data, like the tables' summary
// columns: every write that changes a recovery, its checklist, its second-interview requests or outcomes, or the
// candidate's recruiter recomputes the candidate's facts from scratch inside its own transaction, so they can't
// drift. `recoveryFactDrift` recomputes every fact and compares: the tests and `npm run bench` check it.
//
// This is the one home of the statistics' definitions (shown on /stats too):
// - Checklist started: at least one step of its checklist done or skipped.
// - Requested / granted: a second-interview request for the flagged interview exists / was granted.
// - Hired: a hired outcome on the flagged interview, or on the second interview granted from one of its requests.
// - Within 24 h: a request made no later than the recovery window's close (InterviewFlag.windowClosesAt).
// - Closed: the recovery has closed (closedAt set); in progress otherwise.
// - Time to first contact: from the flag to the earliest request, 0 when the request was logged first.
// - Checklist completion: none (no steps), under half, most, all steps done or skipped.
// Flags are 0/1 integers so the same SUM works on SQLite and PostgreSQL. The per-day and per-month sums of these facts
// (recovery-rollups.server.ts) change in the same statement sequence as the facts.
import { Prisma } from "~/.generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { barList, msBetween, wholeHoursBetween } from "~/utils/sql-dialect.server";
import { syncBaselineInterviews } from "./baseline-rollups.server";
import { applyRollupDelta, rebuildRecoveryRollups, recoveryRollupDrift, rollupZone } from "./recovery-rollups.server";
import { rollupZoneForWrite } from "./stats-clock.server";

type Client = Pick<Tx, "$executeRaw" | "$queryRaw">;

const columns = [
  "flagId",
  "candidateId",
  "interviewId",
  "flaggedAt",
  "recruiterId",
  "companyId",
  "severity",
  "closed",
  "steps",
  "stepsDone",
  "requested",
  "granted",
  "hired",
  "firstRequestAt",
  "requestsWithin",
  "requestsLater",
  "grantedWithin",
  "grantedLater",
  "reasons",
  "contactMs",
  "contactHour",
] as const;
export const factColumns = Prisma.raw(columns.map((c) => `"${c}"`).join(", "));
const columnList = factColumns;

// Integer comparisons, so "half done" is exact: under 50% is done*2 < total.
export const completionCase = Prisma.sql`CASE WHEN "steps" = 0 THEN 'none' WHEN "stepsDone" * 2 < "steps" THEN 'under_half'
  WHEN "stepsDone" < "steps" THEN 'most' ELSE 'all' END`;

/** Milliseconds from the flag to the first request, never negative (for the median time to first contact). */
export const msToFirstContact = Prisma.sql`CASE WHEN "firstRequestAt" < "flaggedAt" THEN 0
  ELSE ${msBetween(Prisma.sql`"flaggedAt"`, Prisma.sql`"firstRequestAt"`)} END`;

const granted = Prisma.sql`r."response" = 'granted'`;
const within = Prisma.sql`r."requestedAt" <= f."windowClosesAt"`;
const countRequests = (condition: Prisma.Sql) =>
  Prisma.sql`(SELECT COUNT(*) FROM "SecondInterviewRequest" r WHERE r."interviewId" = f."interviewId" AND ${condition})`;
const flag = (condition: Prisma.Sql) => Prisma.sql`CASE WHEN ${condition} THEN 1 ELSE 0 END`;

/** The facts as they should be, computed from the recoveries themselves, for the flags `where` selects (alias f, i, c). */
function freshFacts(where: Prisma.Sql) {
  return Prisma.sql`
    SELECT ${Prisma.raw(columns.filter((c) => !c.startsWith("contact")).map((c) => `x."${c}"`).join(", "))},
      CAST(${msToFirstContact} AS BIGINT) AS "contactMs",
      ${wholeHoursBetween(Prisma.sql`x."flaggedAt"`, Prisma.sql`x."firstRequestAt"`)} AS "contactHour"
    FROM (
    SELECT f."id" AS "flagId", i."candidateId", f."interviewId", f."flaggedAt", c."recruiterId", i."companyId", f."severity",
      ${flag(Prisma.sql`f."closedAt" IS NOT NULL`)} AS "closed",
      (SELECT COUNT(*) FROM "ChecklistRun" cr JOIN "ChecklistStepState" s ON s."runId" = cr."id" WHERE cr."flagId" = f."id") AS "steps",
      (SELECT COUNT(*) FROM "ChecklistRun" cr JOIN "ChecklistStepState" s ON s."runId" = cr."id"
        WHERE cr."flagId" = f."id" AND s."status" IN ('done', 'skipped')) AS "stepsDone",
      ${flag(Prisma.sql`EXISTS (SELECT 1 FROM "SecondInterviewRequest" r WHERE r."interviewId" = f."interviewId")`)} AS "requested",
      ${flag(Prisma.sql`EXISTS (SELECT 1 FROM "SecondInterviewRequest" r WHERE r."interviewId" = f."interviewId" AND ${granted})`)} AS "granted",
      ${flag(Prisma.sql`EXISTS (SELECT 1 FROM "CandidacyOutcome" o WHERE o."interviewId" = f."interviewId" AND o."outcome" = 'hired')
        OR EXISTS (SELECT 1 FROM "SecondInterviewRequest" r JOIN "Interview" si ON si."secondInterviewRequestId" = r."id"
          JOIN "CandidacyOutcome" o ON o."interviewId" = si."id"
          WHERE r."interviewId" = f."interviewId" AND ${granted} AND o."outcome" = 'hired')`)} AS "hired",
      (SELECT MIN(r."requestedAt") FROM "SecondInterviewRequest" r WHERE r."interviewId" = f."interviewId") AS "firstRequestAt",
      ${countRequests(within)} AS "requestsWithin",
      ${countRequests(Prisma.sql`NOT (${within})`)} AS "requestsLater",
      ${countRequests(Prisma.sql`${within} AND ${granted}`)} AS "grantedWithin",
      ${countRequests(Prisma.sql`NOT (${within}) AND ${granted}`)} AS "grantedLater",
      (SELECT ${barList(Prisma.sql`fr."reason"`)} FROM "FlagReason" fr WHERE fr."flagId" = f."id") AS "reasons"
    FROM "InterviewFlag" f
      JOIN "Interview" i ON i."id" = f."interviewId"
      JOIN "Candidate" c ON c."id" = i."candidateId"
    WHERE f."removedAt" IS NULL AND ${where}
    ) x`;
}

/**
 * Recomputes the facts of one candidate's recoveries. Call inside every transaction that changes something a fact
 * holds (syncCandidateSummary does, and the checklist, request and outcome writes call it themselves).
 */
export async function syncRecoveryFacts(tx: Pick<Tx, "$executeRaw" | "$queryRaw">, candidateId: string) {
  // The rollups change by the difference between the stored facts and the fresh ones, before the facts are replaced.
  const zone = await rollupZoneForWrite(tx);
  if (zone) {
    await applyRollupDelta(tx, zone, {
      before: Prisma.sql`SELECT * FROM "RecoveryFact" WHERE "candidateId" = ${candidateId}`,
      after: freshFacts(Prisma.sql`i."candidateId" = ${candidateId}`),
    });
    // The same writes change the baseline (a flag, a hire, a new interview, a new recruiter).
    await syncBaselineInterviews(tx, candidateId, zone);
  }
  await tx.$executeRaw`DELETE FROM "RecoveryFact" WHERE "candidateId" = ${candidateId}`;
  await tx.$executeRaw`INSERT INTO "RecoveryFact" (${columnList}) ${freshFacts(Prisma.sql`i."candidateId" = ${candidateId}`)}`;
}

/**
 * Recomputes every fact at once, and the rollups from them in the zone they are kept in (the agency's zone when
 * none is given): for seeds and bulk imports that write rows directly.
 */
export async function syncAllRecoveryFacts(tx: Pick<Tx, "$executeRaw" | "$queryRaw">, timeZone?: string) {
  await tx.$executeRaw`DELETE FROM "RecoveryFact"`;
  await tx.$executeRaw`INSERT INTO "RecoveryFact" (${columnList}) ${freshFacts(Prisma.sql`1 = 1`)}`;
  const [agency] = await tx.$queryRaw<{ timeZone: string }[]>`SELECT "timeZone" FROM "Agency" WHERE "id" = 1`;
  const zone = timeZone ?? agency?.timeZone ?? (await rollupZone(tx));
  if (zone) await rebuildRecoveryRollups(tx, zone);
}

/**
 * The recoveries whose stored facts differ from a fresh computation, either way (a missing, stale or extra row), and
 * how many facts were compared; then the rollup rows that differ from the facts summed afresh ("rollup <key>").
 * Empty means the statistics are exact.
 */
export async function recoveryFactDrift(client: Client, sampleSize = 20) {
  const stored = Prisma.sql`SELECT ${columnList} FROM "RecoveryFact"`;
  const fresh = freshFacts(Prisma.sql`1 = 1`);
  const [rows, [total]] = await Promise.all([
    client.$queryRaw<{ flagId: string; side: string }[]>`
      SELECT "flagId", 'stored' AS "side" FROM (${stored} EXCEPT ${fresh}) AS a
      UNION ALL
      SELECT "flagId", 'fresh' FROM (${fresh} EXCEPT ${stored}) AS b
      ORDER BY 1 LIMIT ${sampleSize}`,
    client.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM "RecoveryFact"`,
  ]);
  const rollups = await recoveryRollupDrift(client, sampleSize);
  return {
    compared: Number(total?.n ?? 0),
    rollupsCompared: rollups.compared,
    differing: [...rows, ...rollups.differing.map((r) => ({ flagId: `rollup ${r.key}`, side: r.side }))],
  };
}
