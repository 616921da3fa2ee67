// The clock the statistics' rollups are kept on: the agency's time zone as UTC offsets over the years (so SQL can
// find an instant's calendar day on both databases: dayOnClock), and which zone the stored rollups are in
// (RecoveryRollupState, one row).
import { IANAZone } from "luxon";
import { Prisma } from "~/.generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { dayOnClock, forUpdate, lockName, type OffsetChange, sqlDate } from "~/utils/sql-dialect.server";

// UTC offset changes from 2000 to 2100 (the days /stats accepts), newest first. A fixed span, so a day computed when a
// row is added is the day it is subtracted from, whenever that is.
const offsetCache = new Map<string, OffsetChange[]>();
const DAY = 86_400_000;
export function offsetChanges(timeZone: string): OffsetChange[] {
  const cached = offsetCache.get(timeZone);
  if (cached) return cached;
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new Error(`Unknown time zone ${timeZone}`);
  const start = Date.UTC(2000, 0, 1);
  const end = Date.UTC(2100, 0, 1);
  const changes: OffsetChange[] = [{ at: new Date(start), minutes: zone.offset(start) }];
  for (let t = start + DAY; t <= end; t += DAY) {
    const minutes = zone.offset(t);
    if (minutes === changes[changes.length - 1].minutes) continue;
    // The change is in the day before t: find its minute.
    let low = t - DAY;
    let high = t;
    while (high - low > 60_000) {
      const mid = low + Math.floor((high - low) / 120_000) * 60_000;
      if (zone.offset(mid) === minutes) high = mid;
      else low = mid;
    }
    changes.push({ at: new Date(high), minutes });
  }
  changes.reverse();
  offsetCache.set(timeZone, changes);
  return changes;
}

/**
 * The CTEs `dated` (each row of `source` with its calendar day on the agency's clock, from the instant `column`) and
 * `periods` (each dated row twice: under its day, grain 'd', and its month, grain 'm'): what both rollups sum.
 */
export function periodsOnClock(source: string, column: string, timeZone: string) {
  const from = Prisma.raw(source);
  return Prisma.sql`
    dated AS (SELECT r.*, ${dayOnClock(Prisma.raw(`r."${column}"`), offsetChanges(timeZone))} AS "day" FROM ${from} r),
    periods AS (
      SELECT 'd' AS "grain", d."day" AS "period", d.* FROM dated d
      UNION ALL SELECT 'm', substr(d."day", 1, 7), d.* FROM dated d
    )`;
}

/** The zone the rollups are kept in, or null when they have not been built. */
export async function rollupZone(client: Pick<Tx, "$queryRaw">): Promise<string | null> {
  const [row] = await client.$queryRaw<{ timeZone: string }[]>`SELECT "timeZone" FROM "RecoveryRollupState" WHERE "id" = 1`;
  return row?.timeZone ?? null;
}

/**
 * The rollups' zone, locking the state row until the transaction ends (PostgreSQL): every write to the rollups takes
 * this lock first, so two of them never hold rollup rows the other waits for (no deadlock), a rebuild and a write
 * never overlap, and a write adds to the zone the rollups are really in. Before the row, the "stats-rollups" name
 * lock, shared: a first build (when there is no row to lock yet) holds it alone, so a write waits for the build to
 * commit and then adds to it, instead of finding no rollups and leaving out a change the build had not read.
 */
export async function rollupZoneForWrite(tx: Pick<Tx, "$queryRaw" | "$executeRaw">): Promise<string | null> {
  const lock = lockName("stats-rollups", { shared: true });
  if (lock) await tx.$executeRaw(lock);
  const [row] = await tx.$queryRaw<{ timeZone: string }[]>`
    SELECT "timeZone" FROM "RecoveryRollupState" WHERE "id" = 1 ${forUpdate()}`;
  return row?.timeZone ?? null;
}

/**
 * Locks the rollups for a rebuild (PostgreSQL): the "stats-rollups" name alone, then the state row. Taken before
 * reading which zone they are on, so a rebuild never waits for a lock its own transaction shares with a write.
 */
export async function lockRollupsForRebuild(tx: Pick<Tx, "$queryRaw" | "$executeRaw">): Promise<string | null> {
  const lock = lockName("stats-rollups");
  if (lock) await tx.$executeRaw(lock);
  const [row] = await tx.$queryRaw<{ timeZone: string }[]>`
    SELECT "timeZone" FROM "RecoveryRollupState" WHERE "id" = 1 ${forUpdate()}`;
  return row?.timeZone ?? null;
}

/** Records the zone the rollups are being built on (first, so the rebuild holds the rollups' locks). */
export async function recordRollupZone(tx: Pick<Tx, "$queryRaw" | "$executeRaw">, timeZone: string) {
  await lockRollupsForRebuild(tx);
  await tx.$executeRaw`
    INSERT INTO "RecoveryRollupState" ("id", "timeZone", "builtAt") VALUES (1, ${timeZone}, ${sqlDate(new Date())})
    ON CONFLICT ("id") DO UPDATE SET "timeZone" = excluded."timeZone", "builtAt" = excluded."builtAt"`;
}
