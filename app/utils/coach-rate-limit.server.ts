// Requests to the candidate's page (/coach/:token), limited per client address so tokens can't be probed at speed.
// Saves get more room than page views: the worksheet autosaves after every pause in typing.
import { RateLimiter } from "./rate-limit.server";

const WINDOW_MS = 10 * 60_000;
export const COACH_PAGE_LIMIT = 60;
export const COACH_SAVE_LIMIT = 300;

const pageViews = new RateLimiter("coach-view", COACH_PAGE_LIMIT, WINDOW_MS);
const saves = new RateLimiter("coach-save", COACH_SAVE_LIMIT, WINDOW_MS);

/** Counts one request from this address; returns the seconds to wait when it is over the limit, else 0. */
export async function coachRequestRetryAfter(ip: string, kind: "view" | "save") {
  const limiter = kind === "view" ? pageViews : saves;
  return Math.ceil((await limiter.take(ip)) / 1000);
}
