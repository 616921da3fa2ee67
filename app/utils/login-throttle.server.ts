// Failed sign-ins slow further guessing down with a growing pause, per account and per client address. There is no
// lockout: the rightful user waits at most a minute (and can unlock at once with a set-password email), while a
// guesser gets about one try a minute per account. Counts live in the server's memory (Rebound runs as one process).

type Entry = { failures: number; lastFailureAt: number };

export type ThrottlePolicy = {
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
  private entries = new Map<string, Entry>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly now: () => number = Date.now,
  ) {}

  delayAfter(failures: number) {
    const { freeFailures, firstDelayMs, maxDelayMs } = this.policy;
    if (failures <= freeFailures) return 0;
    return Math.min(firstDelayMs * 2 ** Math.min(failures - freeFailures - 1, 30), maxDelayMs);
  }

  private current(key: string) {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.lastFailureAt >= this.policy.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Milliseconds until the key may try again, or 0. */
  retryAfter(key: string) {
    const entry = this.current(key);
    if (!entry) return 0;
    return Math.max(0, entry.lastFailureAt + this.delayAfter(entry.failures) - this.now());
  }

  failures(key: string) {
    return this.current(key)?.failures ?? 0;
  }

  fail(key: string) {
    const entry = this.current(key);
    this.entries.set(key, { failures: (entry?.failures ?? 0) + 1, lastFailureAt: this.now() });
    this.sweep();
  }

  reset(key: string) {
    this.entries.delete(key);
  }

  // Keeps memory bounded when many keys (addresses, emails) come and go.
  private sweep() {
    if (this.entries.size < 10_000) return;
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (now - entry.lastFailureAt >= this.policy.forgetAfterMs) this.entries.delete(key);
    }
  }
}

export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  firstDelayMs: 1_000,
  maxDelayMs: 60_000,
  forgetAfterMs: 15 * 60_000,
};

// One address may be a whole office behind a proxy (see TRUST_PROXY): more free failures, a shorter longest pause.
export const ADDRESS_POLICY: ThrottlePolicy = {
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
    retryAfterSeconds(email: string, ip: string) {
      const ms = Math.max(byAccount.retryAfter(accountKey(email)), byAddress.retryAfter(ip));
      return Math.ceil(ms / 1000);
    },
    /** Enough failures on this account that the page should offer the unlock email. */
    suggestsUnlock(email: string) {
      return byAccount.failures(accountKey(email)) > ACCOUNT_POLICY.freeFailures;
    },
    recordFailure(email: string, ip: string) {
      byAccount.fail(accountKey(email));
      byAddress.fail(ip);
    },
    /** A right password or a new password clears the account's count (not the address's: one good account mustn't
     *  launder a guesser's failures on others). */
    recordSuccess(email: string) {
      byAccount.reset(accountKey(email));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

export const loginThrottle = createLoginThrottle();
