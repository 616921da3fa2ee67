// Requests to /unsubscribe/:token, limited per client address so tokens can't be probed at speed.
import { RateLimiter } from "./rate-limit.server";

export const UNSUBSCRIBE_LIMIT = 30;
const limiter = new RateLimiter("unsubscribe", UNSUBSCRIBE_LIMIT, 10 * 60_000);

/** Counts one request from this address; returns the seconds to wait when it is over the limit, else 0. */
export async function unsubscribeRetryAfter(ip: string) {
  return Math.ceil((await limiter.take(ip)) / 1000);
}
