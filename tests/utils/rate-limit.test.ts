import { describe, expect, test } from "vitest";
import {
  loginRetryAfterMinutes,
  recordFailedLogin,
  recordSuccessfulLogin,
} from "~/utils/login-throttle.server";
import { RateLimiter } from "~/utils/rate-limit.server";

describe("RateLimiter", () => {
  test("lets a key through up to the limit, then makes it wait until the window ends", () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter("k")).toBe(0);
      limiter.hit("k");
    }
    expect(limiter.retryAfter("k")).toBe(60_000);
    now += 45_000;
    expect(limiter.retryAfter("k")).toBe(15_000);
    expect(limiter.retryAfter("other")).toBe(0);
    now += 15_000;
    expect(limiter.retryAfter("k")).toBe(0);
  });

  test("reset clears a key at once", () => {
    const limiter = new RateLimiter(1, 60_000, () => 0);
    limiter.hit("k");
    expect(limiter.retryAfter("k")).toBeGreaterThan(0);
    limiter.reset("k");
    expect(limiter.retryAfter("k")).toBe(0);
  });
});

describe("login throttle", () => {
  test("five failures for one email block that email, from any address, for up to 15 minutes", () => {
    for (let i = 0; i < 5; i++) {
      expect(loginRetryAfterMinutes("target@example.com", `10.0.0.${i}`)).toBe(0);
      recordFailedLogin("target@example.com", `10.0.0.${i}`);
    }
    expect(loginRetryAfterMinutes("target@example.com", "10.9.9.9")).toBe(15);
    expect(loginRetryAfterMinutes("someone-else@example.com", "10.9.9.9")).toBe(0);
  });

  test("thirty failures from one address block it for every email", () => {
    for (let i = 0; i < 30; i++) recordFailedLogin(`spray-${i}@example.com`, "192.0.2.7");
    expect(loginRetryAfterMinutes("fresh@example.com", "192.0.2.7")).toBe(15);
    expect(loginRetryAfterMinutes("fresh@example.com", "192.0.2.8")).toBe(0);
  });

  test("a successful login clears the email's failures", () => {
    for (let i = 0; i < 4; i++) recordFailedLogin("forgetful@example.com", "198.51.100.1");
    recordSuccessfulLogin("forgetful@example.com");
    recordFailedLogin("forgetful@example.com", "198.51.100.1");
    expect(loginRetryAfterMinutes("forgetful@example.com", "198.51.100.2")).toBe(0);
  });
});
