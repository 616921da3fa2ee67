// Two instances behind a load balancer share one rate-limit count on PostgreSQL. Each "instance" here is its own
// Prisma client with its own connection pool, so their hits really race in the database.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, expect, test } from "vitest";
import { PrismaClient as PostgresPrismaClient } from "~/.generated/prisma-pg/client";
import { prisma } from "~/utils/db.server";
import { bucketKey, countHit, RateLimiter, sweepRateLimits } from "~/utils/rate-limit.server";

const instances = [0, 1].map(() => new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 5 }) }));
const [a, b] = instances;
afterAll(async () => {
  for (const client of instances) await client.$disconnect();
});

const limiterOn = (client: PostgresPrismaClient, limit: number, now = Date.now) =>
  new RateLimiter("pg-test", limit, 60_000, now, () => client as unknown as typeof prisma);

test("two instances hitting one key share one count", async () => {
  const onA = limiterOn(a, 4);
  const onB = limiterOn(b, 4);
  expect(await onA.take("203.0.113.9")).toBe(0);
  expect(await onB.take("203.0.113.9")).toBe(0);
  expect(await onA.take("203.0.113.9")).toBe(0);
  expect(await onB.take("203.0.113.9")).toBe(0);
  // The fifth hit is refused whichever instance answers it, with the rest of the window to wait.
  const wait = await onA.take("203.0.113.9");
  expect(wait).toBeGreaterThan(55_000);
  expect(wait).toBeLessThanOrEqual(60_000);
  expect(await onB.retryAfter("203.0.113.9")).toBeGreaterThan(55_000);
  expect(await onB.take("203.0.113.10")).toBe(0);
});

test("40 simultaneous hits on one key from two instances: exactly the limit of 10 get through", async () => {
  const onA = limiterOn(a, 10);
  const onB = limiterOn(b, 10);
  const waits = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? onA : onB).take("198.51.100.77")));
  expect(waits.filter((w) => w === 0)).toHaveLength(10);
  expect(waits.filter((w) => w > 0)).toHaveLength(30);
  const row = await prisma.rateLimitBucket.findUniqueOrThrow({ where: { key: bucketKey("pg-test", "198.51.100.77") } });
  expect(row.count).toBe(40);
});

test("simultaneous sign-in failures from two instances are each counted once", async () => {
  const key = bucketKey("login-account", "guessed@example.com");
  const now = Date.now();
  await Promise.all(Array.from({ length: 30 }, (_, i) => countHit((i % 2 ? a : b) as unknown as typeof prisma, key, now, 15 * 60_000, false)));
  expect((await prisma.rateLimitBucket.findUniqueOrThrow({ where: { key } })).count).toBe(30);
});

test("a new window starts once the old one has passed, and the sweep deletes expired buckets", async () => {
  let now = Date.UTC(2026, 10, 30, 12, 0, 0);
  const limiter = limiterOn(a, 1, () => now);
  expect(await limiter.take("192.0.2.44")).toBe(0);
  expect(await limiter.take("192.0.2.44")).toBe(60_000);
  now += 60_000;
  expect(await limiter.take("192.0.2.44")).toBe(0);
  const key = bucketKey("pg-test", "192.0.2.44");
  expect(await prisma.rateLimitBucket.findUniqueOrThrow({ where: { key } })).toMatchObject({ count: 1, expiresAt: new Date(now + 60_000) });
  expect(await sweepRateLimits(now + 60_000)).toBeGreaterThanOrEqual(1);
  expect(await prisma.rateLimitBucket.findUnique({ where: { key } })).toBeNull();
});
