// Failed sign-ins are limited per email and per client address, so passwords can't be guessed at speed.
import { RateLimiter } from "./rate-limit.server";

const WINDOW_MS = 15 * 60_000;
const failuresByEmail = new RateLimiter(5, WINDOW_MS);
const failuresByIp = new RateLimiter(30, WINDOW_MS);

/** Minutes to wait before another try, or 0. */
export function loginRetryAfterMinutes(email: string, ip: string) {
  const ms = Math.max(failuresByEmail.retryAfter(email), failuresByIp.retryAfter(ip));
  return ms > 0 ? Math.ceil(ms / 60_000) : 0;
}

export function recordFailedLogin(email: string, ip: string) {
  failuresByEmail.hit(email);
  failuresByIp.hit(ip);
}

export function recordSuccessfulLogin(email: string) {
  failuresByEmail.reset(email);
}
