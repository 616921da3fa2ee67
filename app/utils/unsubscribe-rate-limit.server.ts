// Requests to /unsubscribe/:token, limited per client address so tokens can't be probed at speed.
import { RateLimiter } from "./rate-limit.server";

export const UNSUBSCRIBE_LIMIT = 30;
const limiter = new RateLimiter(UNSUBSCRIBE_LIMIT, 10 * 60_000);

/** Counts one request from this address; returns the seconds to wait when it is over the limit, else 0. */
export function unsubscribeRetryAfter(ip: string) {
  const wait = limiter.retryAfter(ip);
  if (wait > 0) return Math.ceil(wait / 1000);
  limiter.hit(ip);
  return 0;
}
