// Failed sign-ins slow further guessing down with a growing pause, per account and per client address. There is no
// lockout: the rightful user waits at most a minute (and can unlock at once with a set-password email), while a
// guesser gets about one try a minute per account. Counts live in the database (table RateLimitBucket), so every
// instance sees the same failures.
import { prisma } from "./db.server";
import { bucketKey, countHit, deleteBucket, maybeSweepRateLimits, readBucket } from "./rate-limit.server";

export type ThrottlePolicy = {
  /** The throttle's name, part of every stored key. */
  scope: string;
  /** Failures that cost nothing (typos). */
  freeFailures: number;
  /** The pause after the first failure past the free ones; it doubles with each further failure. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs: number;
};

/** Counts failures per key and says how long the key must wait before its next try. */
export class FailureThrottle {
  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly now: () => number = Date.now,
  ) {}

  delayAfter(failures: number) {
    const { freeFailures, firstDelayMs, maxDelayMs } = this.policy;
    if (failures <= freeFailures) return 0;
    return Math.min(firstDelayMs * 2 ** Math.min(failures - freeFailures - 1, 30), maxDelayMs);
  }

  private key(key: string) {
    return bucketKey(this.policy.scope, key);
  }

  /** Milliseconds until the key may try again, or 0. */
  async retryAfter(key: string) {
    const now = this.now();
    const entry = await readBucket(prisma, this.key(key), now);
    if (!entry) return 0;
    return Math.max(0, entry.lastHitAt.getTime() + this.delayAfter(entry.count) - now);
  }

  async failures(key: string) {
    return (await readBucket(prisma, this.key(key), this.now()))?.count ?? 0;
  }

  async fail(key: string) {
    const now = this.now();
    // Each failure moves the forgetting time on: a count is forgotten after a quiet spell, not a fixed window.
    await countHit(prisma, this.key(key), now, this.policy.forgetAfterMs, false);
    await maybeSweepRateLimits(now);
  }

  async reset(key: string) {
    await deleteBucket(prisma, this.key(key));
  }
}

export const ACCOUNT_POLICY: ThrottlePolicy = {
  scope: "login-account",
  freeFailures: 3,
  firstDelayMs: 1_000,
  maxDelayMs: 60_000,
  forgetAfterMs: 15 * 60_000,
};

// One address may be a whole office behind a proxy (see TRUST_PROXY): more free failures, a shorter longest pause.
export const ADDRESS_POLICY: ThrottlePolicy = {
  scope: "login-address",
  freeFailures: 20,
  firstDelayMs: 1_000,
  maxDelayMs: 30_000,
  forgetAfterMs: 15 * 60_000,
};

/** The sign-in throttle: one pause per account (email) and one per client address. */
export function createLoginThrottle(now: () => number = Date.now) {
  const byAccount = new FailureThrottle(ACCOUNT_POLICY, now);
  const byAddress = new FailureThrottle(ADDRESS_POLICY, now);
  const accountKey = (email: string) => email.trim().toLowerCase();
  return {
    /** Whole seconds to wait before this email may be tried from this address, or 0. */
    async retryAfterSeconds(email: string, ip: string) {
      const ms = Math.max(await byAccount.retryAfter(accountKey(email)), await byAddress.retryAfter(ip));
      return Math.ceil(ms / 1000);
    },
    /** Enough failures on this account that the page should offer the unlock email. */
    async suggestsUnlock(email: string) {
      return (await byAccount.failures(accountKey(email))) > ACCOUNT_POLICY.freeFailures;
    },
    async recordFailure(email: string, ip: string) {
      await byAccount.fail(accountKey(email));
      await byAddress.fail(ip);
    },
    /** A right password or a new password clears the account's count (not the address's: one good account mustn't
     *  launder a guesser's failures on others). */
    async recordSuccess(email: string) {
      await byAccount.reset(accountKey(email));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

export const loginThrottle = createLoginThrottle();
