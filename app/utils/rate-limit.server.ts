// Rate limits counted in the database (table RateLimitBucket), so every instance behind a load balancer shares one
// count (docs/decisions/012-postgres.md). Each hit is one atomic upsert, which needs no lock on either database.
import { createHash } from "node:crypto";
import { prisma } from "./db.server";
import { Prisma } from "~/.generated/prisma/client";
import { readDate, sqlDate } from "./sql-dialect.server";

type Db = Pick<typeof prisma, "$queryRaw" | "$executeRaw">;
type Clock = () => number;

/** The stored key: the limit's name and a one-way hash of what it counts (addresses and emails are personal). */
export function bucketKey(scope: string, key: string) {
  return `${scope}:${createHash("sha256").update(key).digest("hex")}`;
}

type Bucket = { count: number; lastHitAt: Date; expiresAt: Date };

/** The live bucket, or null when there is none or it has expired. */
export async function readBucket(db: Db, key: string, now: number): Promise<Bucket | null> {
  const rows = await db.$queryRaw<{ count: unknown; lastHitAt: unknown; expiresAt: unknown }[]>`
    SELECT "count", "lastHitAt", "expiresAt" FROM "RateLimitBucket" WHERE "key" = ${key}`;
  return liveBucket(rows[0], now);
}

function liveBucket(row: { count: unknown; lastHitAt: unknown; expiresAt: unknown } | undefined, now: number) {
  if (!row) return null;
  const expiresAt = readDate(row.expiresAt);
  const lastHitAt = readDate(row.lastHitAt);
  if (!expiresAt || !lastHitAt || expiresAt.getTime() <= now) return null;
  return { count: Number(row.count), lastHitAt, expiresAt };
}

/**
 * Counts one hit and returns the bucket after it. An expired bucket starts again at 1. `fixed`: a new bucket lasts
 * `ttlMs` and later hits keep its end (a fixed window); otherwise each hit moves the end to `ttlMs` from now (a count
 * forgotten after a quiet spell).
 */
export async function countHit(db: Db, key: string, now: number, ttlMs: number, fixed: boolean): Promise<Bucket> {
  const at = sqlDate(now);
  const end = sqlDate(now + ttlMs);
  const old = Prisma.sql`"RateLimitBucket"."expiresAt"`;
  const expired = Prisma.sql`${old} <= ${at}`;
  const newEnd = fixed ? Prisma.sql`CASE WHEN ${expired} THEN ${end} ELSE ${old} END` : Prisma.sql`${end}`;
  // The same statement on SQLite (3.35+) and PostgreSQL: both read the old row in DO UPDATE and return the new one.
  const rows = await db.$queryRaw<{ count: unknown; lastHitAt: unknown; expiresAt: unknown }[]>`
    INSERT INTO "RateLimitBucket" ("key", "count", "lastHitAt", "expiresAt") VALUES (${key}, 1, ${at}, ${end})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN ${expired} THEN 1 ELSE "RateLimitBucket"."count" + 1 END,
      "lastHitAt" = ${at},
      "expiresAt" = ${newEnd}
    RETURNING "count", "lastHitAt", "expiresAt"`;
  const bucket = liveBucket(rows[0], now);
  if (!bucket) throw new Error(`The rate-limit upsert for ${key} returned no live row.`);
  return bucket;
}

export async function deleteBucket(db: Db, key: string) {
  await db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "key" = ${key}`;
}

// Expired rows are deleted now and then as hits arrive (at most once a minute per instance), so the table holds about
// the keys of the last window or quiet spell, like the old in-memory maps; and by an hourly job ("ratelimit.sweep"),
// so rows don't outlive a quiet spell with no hits.
export const SWEEP_EVERY_MS = 60_000;
export const RATE_LIMIT_SWEEP_EVERY_MS = 3600_000;
const sweepState = globalThis as unknown as { __reboundRateLimitSweptAt?: number };

/** Deletes every expired bucket; returns how many. */
export async function sweepRateLimits(now: number, db: Db = prisma) {
  sweepState.__reboundRateLimitSweptAt = now;
  return db.$executeRaw`DELETE FROM "RateLimitBucket" WHERE "expiresAt" <= ${sqlDate(now)}`;
}

/** Runs the sweep when the last one (by this clock) is a minute old; errors are logged, never the request's. */
export async function maybeSweepRateLimits(now: number, db: Db = prisma) {
  const last = sweepState.__reboundRateLimitSweptAt;
  // A clock behind the last sweep is a test's fake clock: sweep by it too.
  if (last !== undefined && now - last < SWEEP_EVERY_MS && now >= last) return;
  await sweepRateLimits(now, db).catch((error: unknown) => console.error("Could not sweep the rate limits:", error));
}

/** A fixed-window counter per key: at most `limit` hits per window of `windowMs`, counted in the database. */
export class RateLimiter {
  constructor(
    /** The limit's name, part of every stored key (two limiters never share a count). */
    private readonly scope: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: Clock = Date.now,
    private readonly db: () => Db = () => prisma,
  ) {}

  /** Milliseconds until the key may try again, or 0 when it is under the limit (counts nothing). */
  async retryAfter(key: string) {
    const now = this.now();
    const bucket = await readBucket(this.db(), bucketKey(this.scope, key), now);
    return bucket && bucket.count >= this.limit ? bucket.expiresAt.getTime() - now : 0;
  }

  /** Counts one hit, allowed or not. */
  async hit(key: string) {
    await this.take(key);
  }

  /**
   * Counts one hit and says whether it was allowed, in one statement: 0 when it was, else the milliseconds until the
   * window ends. Refused hits count too, which changes nothing (the window's end is fixed) and keeps the answer exact
   * when instances hit the same key at once: the hit that returns count ≤ limit is allowed, every other refused.
   */
  async take(key: string) {
    const now = this.now();
    const bucket = await countHit(this.db(), bucketKey(this.scope, key), now, this.windowMs, true);
    await maybeSweepRateLimits(now, this.db());
    return bucket.count <= this.limit ? 0 : bucket.expiresAt.getTime() - now;
  }

  async reset(key: string) {
    await deleteBucket(this.db(), bucketKey(this.scope, key));
  }
}
