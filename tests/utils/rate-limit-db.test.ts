// The limits as they are stored: one RateLimitBucket row per limit and key, with the key hashed, shared by whatever
// reads the same database (a second instance, a restarted server), and swept once expired.
import { expect, test } from "vitest";
import { ensureRateLimitSweepJob } from "~/models/jobs/jobs.server";
import { jobKeys } from "~/models/jobs/kinds";
import { runDueJobs } from "~/models/jobs/worker.server";
import { requestUnlockEmail } from "~/models/users/account-unlock.server";
import { COACH_PAGE_LIMIT, COACH_SAVE_LIMIT, coachRequestRetryAfter } from "~/utils/coach-rate-limit.server";
import { prisma } from "~/utils/db.server";
import { loginThrottle } from "~/utils/login-throttle.server";
import { bucketKey, maybeSweepRateLimits, RATE_LIMIT_SWEEP_EVERY_MS, RateLimiter, SWEEP_EVERY_MS, sweepRateLimits } from "~/utils/rate-limit.server";
import { UNSUBSCRIBE_LIMIT, unsubscribeRetryAfter } from "~/utils/unsubscribe-rate-limit.server";
import { makeUser } from "../builders/users";

/** What another instance, or time, does to a count: the window of this bucket has passed. */
async function endWindow(scope: string, key: string) {
  const { count } = await prisma.rateLimitBucket.update({
    where: { key: bucketKey(scope, key) },
    data: { expiresAt: new Date(Date.now() - 1000), lastHitAt: new Date(Date.now() - 16 * 60_000) },
  });
  return count;
}

test("keys are stored as the limit's name and a sha256, never the address or email itself", async () => {
  await unsubscribeRetryAfter("203.0.113.200");
  await loginThrottle.recordFailure("Private.Person@Example.com", "203.0.113.201");
  const keys = (await prisma.rateLimitBucket.findMany({ select: { key: true } })).map((r) => r.key).sort();
  expect(keys).toEqual([
    bucketKey("login-account", "private.person@example.com"),
    bucketKey("login-address", "203.0.113.201"),
    bucketKey("unsubscribe", "203.0.113.200"),
  ].sort());
  for (const key of keys) {
    expect(key).toMatch(/^[a-z-]+:[0-9a-f]{64}$/);
    expect(key).not.toMatch(/203\.0\.113|private|example/i);
  }
});

test("unsubscribe: refused with a wait once over the limit, allowed again when the window has passed", async () => {
  const ip = "198.51.100.60";
  for (let i = 0; i < UNSUBSCRIBE_LIMIT; i++) expect(await unsubscribeRetryAfter(ip)).toBe(0);
  const wait = await unsubscribeRetryAfter(ip);
  expect(wait).toBeGreaterThan(9 * 60);
  expect(wait).toBeLessThanOrEqual(10 * 60);
  expect(await unsubscribeRetryAfter("198.51.100.61")).toBe(0);
  // A restarted server (or the other instance) still sees the count: it lives in the table, not in this module.
  expect(await prisma.rateLimitBucket.findUniqueOrThrow({ where: { key: bucketKey("unsubscribe", ip) } })).toMatchObject({
    count: UNSUBSCRIBE_LIMIT + 1,
  });
  await endWindow("unsubscribe", ip);
  expect(await unsubscribeRetryAfter(ip)).toBe(0);
  expect((await prisma.rateLimitBucket.findUniqueOrThrow({ where: { key: bucketKey("unsubscribe", ip) } })).count).toBe(1);
});

test("coaching page and check-in: views and saves have their own counts and their own limits", async () => {
  const ip = "198.51.100.62";
  for (let i = 0; i < COACH_PAGE_LIMIT; i++) expect(await coachRequestRetryAfter(ip, "view")).toBe(0);
  expect(await coachRequestRetryAfter(ip, "view")).toBeGreaterThan(0);
  // Saves are not used up by page views.
  expect(await coachRequestRetryAfter(ip, "save")).toBe(0);
  for (let i = 1; i < COACH_SAVE_LIMIT; i++) await coachRequestRetryAfter(ip, "save");
  expect(await coachRequestRetryAfter(ip, "save")).toBeGreaterThan(0);
  await endWindow("coach-view", ip);
  expect(await coachRequestRetryAfter(ip, "view")).toBe(0);
  expect(await coachRequestRetryAfter(ip, "save")).toBeGreaterThan(0);
});

test("unlock emails: three per account an hour, a refused request uses nothing up, the next hour allows more", async () => {
  await makeUser({ email: "unlock-me@example.com" });
  const ask = async (ip: string) => {
    const { delivery } = await requestUnlockEmail("unlock-me@example.com", ip, { log: () => {} });
    return delivery;
  };
  for (let i = 0; i < 3; i++) expect(await ask(`192.0.2.${i}`)).toBe(true);
  expect(await ask("192.0.2.3")).toBe(false);
  // The refused request counted neither against the account nor against its address.
  expect((await prisma.rateLimitBucket.findUniqueOrThrow({ where: { key: bucketKey("unlock-account", "unlock-me@example.com") } })).count).toBe(3);
  expect(await prisma.rateLimitBucket.findUnique({ where: { key: bucketKey("unlock-address", "192.0.2.3") } })).toBeNull();
  expect(await prisma.auditEvent.count({ where: { action: "user.unlock_email_requested" } })).toBe(3);
  await endWindow("unlock-account", "unlock-me@example.com");
  expect(await ask("192.0.2.3")).toBe(true);
});

test("unlock emails: ten per address an hour, whatever the accounts", async () => {
  for (let i = 0; i < 10; i++) await requestUnlockEmail(`nobody-${i}@example.com`, "192.0.2.99");
  await makeUser({ email: "someone-real@example.com" });
  const { delivery } = await requestUnlockEmail("someone-real@example.com", "192.0.2.99", { log: () => {} });
  expect(await delivery).toBe(false);
  expect(await prisma.rateLimitBucket.findUnique({ where: { key: bucketKey("unlock-account", "someone-real@example.com") } })).toBeNull();
});

test("sign-in throttle: the wait shows at once on every instance, a right password clears the account", async () => {
  for (let i = 0; i < 5; i++) await loginThrottle.recordFailure("slowed@example.com", "192.0.2.150");
  expect(await loginThrottle.retryAfterSeconds("slowed@example.com", "192.0.2.151")).toBeGreaterThan(0);
  expect(await loginThrottle.suggestsUnlock("slowed@example.com")).toBe(true);
  await loginThrottle.recordSuccess("Slowed@Example.com");
  expect(await loginThrottle.retryAfterSeconds("slowed@example.com", "192.0.2.151")).toBe(0);
  expect(await prisma.rateLimitBucket.findUnique({ where: { key: bucketKey("login-account", "slowed@example.com") } })).toBeNull();
  // The address's count stays (one good account mustn't launder a guesser's failures on others).
  expect((await prisma.rateLimitBucket.findUniqueOrThrow({ where: { key: bucketKey("login-address", "192.0.2.150") } })).count).toBe(5);
});

test("sign-in throttle: failures are forgotten after a quiet spell, and counting starts again from one", async () => {
  for (let i = 0; i < 6; i++) await loginThrottle.recordFailure("quiet-db@example.com", "192.0.2.160");
  expect(await endWindow("login-account", "quiet-db@example.com")).toBe(6);
  expect(await loginThrottle.suggestsUnlock("quiet-db@example.com")).toBe(false);
  await loginThrottle.recordFailure("quiet-db@example.com", "192.0.2.160");
  expect((await prisma.rateLimitBucket.findUniqueOrThrow({ where: { key: bucketKey("login-account", "quiet-db@example.com") } })).count).toBe(1);
});

test("expired buckets are swept: directly, and at most once a minute as hits arrive", async () => {
  let now = Date.UTC(2030, 0, 1, 9, 0, 0);
  const limiter = new RateLimiter("sweep-test", 5, 60_000, () => now);
  await limiter.take("a");
  await limiter.take("b");
  now += 30_000;
  await limiter.take("c");
  const keys = async () => (await prisma.rateLimitBucket.findMany({ where: { key: { startsWith: "sweep-test:" } }, select: { key: true } })).length;
  expect(await keys()).toBe(3);
  // a and b end at 09:01:00, c at 09:01:30.
  now += 30_000;
  expect(await sweepRateLimits(now)).toBe(2);
  expect(await keys()).toBe(1);
  // Within the minute after a sweep, hits don't sweep again; a minute later the next hit does.
  now += 30_000;
  await maybeSweepRateLimits(now);
  expect(await keys()).toBe(1);
  now += SWEEP_EVERY_MS - 30_000;
  await limiter.take("d");
  expect(await keys()).toBe(1);
  expect(await prisma.rateLimitBucket.findUnique({ where: { key: bucketKey("sweep-test", "d") } })).not.toBeNull();
});

test("the hourly sweep job: one live job however often it is ensured; each run deletes what expired and plans the next", async () => {
  const start = new Date("2031-03-03T09:00:00Z");
  await ensureRateLimitSweepJob(start);
  await ensureRateLimitSweepJob(start); // a second instance starting: still one job
  const live = await prisma.job.findMany({ where: { kind: "ratelimit.sweep", doneAt: null } });
  expect(live).toHaveLength(1);
  expect(live[0]).toMatchObject({ key: jobKeys.rateLimitSweep(), runAt: new Date(start.getTime() + RATE_LIMIT_SWEEP_EVERY_MS) });
  // Counts made at 09:00: a ten-minute window (over at the run) and a one-day one (still live then).
  const at = start.getTime();
  await new RateLimiter("sweep-job-short", 5, 10 * 60_000, () => at).take("192.0.2.70");
  await new RateLimiter("sweep-job-long", 5, 24 * 3600_000, () => at).take("192.0.2.70");
  const runAt = new Date(at + RATE_LIMIT_SWEEP_EVERY_MS);
  expect(await runDueJobs({ now: () => runAt })).toMatchObject({ done: 1 });
  expect(await prisma.rateLimitBucket.findUnique({ where: { key: bucketKey("sweep-job-short", "192.0.2.70") } })).toBeNull();
  expect(await prisma.rateLimitBucket.findUnique({ where: { key: bucketKey("sweep-job-long", "192.0.2.70") } })).not.toBeNull();
  const next = await prisma.job.findMany({ where: { kind: "ratelimit.sweep", doneAt: null } });
  expect(next).toHaveLength(1);
  expect(next[0].runAt).toEqual(new Date(runAt.getTime() + RATE_LIMIT_SWEEP_EVERY_MS));
});
