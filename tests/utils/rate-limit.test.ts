import { describe, expect, test } from "vitest";
import { ACCOUNT_POLICY, createLoginThrottle, FailureThrottle } from "~/utils/login-throttle.server";
import { RateLimiter } from "~/utils/rate-limit.server";

describe("RateLimiter", () => {
  test("lets a key through up to the limit, then makes it wait until the window ends", async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter("test-window", 3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfter("k")).toBe(0);
      await limiter.hit("k");
    }
    expect(await limiter.retryAfter("k")).toBe(60_000);
    now += 45_000;
    expect(await limiter.retryAfter("k")).toBe(15_000);
    expect(await limiter.retryAfter("other")).toBe(0);
    now += 15_000;
    expect(await limiter.retryAfter("k")).toBe(0);
  });

  test("reset clears a key at once", async () => {
    const limiter = new RateLimiter("test-reset", 1, 60_000, () => 0);
    await limiter.hit("k");
    expect(await limiter.retryAfter("k")).toBeGreaterThan(0);
    await limiter.reset("k");
    expect(await limiter.retryAfter("k")).toBe(0);
  });
});

describe("login throttle", () => {
  function clock() {
    const c = { now: 1_000_000, advance: (ms: number) => (c.now += ms) };
    return c;
  }

  test("three typos cost nothing; after that each failure doubles the pause, up to a minute", () => {
    const throttle = new FailureThrottle(ACCOUNT_POLICY, () => 0);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50].map((n) => throttle.delayAfter(n))).toEqual([
      0, 0, 0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  test("a guessed-at account waits at most a minute, and the right password then works", async () => {
    const c = clock();
    const throttle = createLoginThrottle(() => c.now);
    for (let i = 0; i < 50; i++) {
      c.advance(await throttle.retryAfterSeconds("target@example.com", `10.0.${i}.1`) * 1000);
      await throttle.recordFailure("target@example.com", `10.0.${i}.1`);
    }
    expect(await throttle.retryAfterSeconds("target@example.com", "10.9.9.9")).toBe(60);
    expect(await throttle.retryAfterSeconds("someone-else@example.com", "10.9.9.9")).toBe(0);
    c.advance(59_000);
    expect(await throttle.retryAfterSeconds("Target@Example.com", "10.9.9.9")).toBe(1);
    c.advance(1_000);
    expect(await throttle.retryAfterSeconds("target@example.com", "10.9.9.9")).toBe(0);
    await throttle.recordSuccess("target@example.com");
    await throttle.recordFailure("target@example.com", "10.9.9.9");
    expect(await throttle.retryAfterSeconds("target@example.com", "10.9.9.9")).toBe(0);
  });

  test("failures are forgotten after 15 quiet minutes", async () => {
    const c = clock();
    const throttle = createLoginThrottle(() => c.now);
    for (let i = 0; i < 6; i++) await throttle.recordFailure("quiet@example.com", "198.51.100.1");
    expect(await throttle.retryAfterSeconds("quiet@example.com", "198.51.100.2")).toBeGreaterThan(0);
    expect(await throttle.suggestsUnlock("quiet@example.com")).toBe(true);
    c.advance(15 * 60_000);
    expect(await throttle.retryAfterSeconds("quiet@example.com", "198.51.100.2")).toBe(0);
    expect(await throttle.suggestsUnlock("quiet@example.com")).toBe(false);
  });

  test("one address spraying many accounts is slowed after 20 failures, to at most 30 seconds; other addresses are not", async () => {
    const c = clock();
    const throttle = createLoginThrottle(() => c.now);
    for (let i = 0; i < 20; i++) await throttle.recordFailure(`spray-${i}@example.com`, "192.0.2.7");
    expect(await throttle.retryAfterSeconds("fresh@example.com", "192.0.2.7")).toBe(0);
    for (let i = 20; i < 60; i++) await throttle.recordFailure(`spray-${i}@example.com`, "192.0.2.7");
    expect(await throttle.retryAfterSeconds("fresh@example.com", "192.0.2.7")).toBe(30);
    expect(await throttle.retryAfterSeconds("fresh@example.com", "192.0.2.8")).toBe(0);
    c.advance(30_000);
    expect(await throttle.retryAfterSeconds("fresh@example.com", "192.0.2.7")).toBe(0);
  });

  test("a successful sign-in clears the account's count but not the address's", async () => {
    const throttle = createLoginThrottle(() => 0);
    for (let i = 0; i < 25; i++) await throttle.recordFailure("victim@example.com", "203.0.113.66");
    await throttle.recordSuccess("victim@example.com");
    expect(await throttle.retryAfterSeconds("victim@example.com", "203.0.113.1")).toBe(0);
    expect(await throttle.retryAfterSeconds("victim@example.com", "203.0.113.66")).toBeGreaterThan(0);
  });
});
