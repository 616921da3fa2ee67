// The /stats filters (date range, recruiter, company) from the URL. Bad values fall back to defaults, never a 500.
// Browser-safe: the page builds its preset links with the same helpers.
import { DateTime } from "luxon";
import { filterParam, parseFilters } from "~/utils/table-params";

/** A rolling window always has data behind it; "this quarter" is nearly empty in its first weeks (a preset link). */
export const DEFAULT_RANGE_DAYS = 90;
/** Longer ranges are cut to this many years, so a typo like 0001-01-01 can't ask for 24,000 month buckets. */
export const MAX_RANGE_YEARS = 5;

/** Days outside this range are refused with a field error (year 0000 used to reach the SQL and answer 500). */
export const EARLIEST_STATS_DAY = "2000-01-01";
export const LATEST_STATS_DAY = "2099-12-31";

export const STATS_FILTER_PARAMS = ["from", "to", "recruiter", "company"] as const;

export type StatsFilters = {
  /** Calendar days "YYYY-MM-DD" in the agency's zone, both included. */
  from: string;
  to: string;
  recruiterId?: string;
  companyId?: string;
  /** Why a given from/to was not used (it was replaced by its default); for the filter form. */
  errors?: { from?: string; to?: string };
};

const day = (d: DateTime) => d.toFormat("yyyy-LL-dd");

/** The last 90 days up to today, in the agency's zone. */
export function defaultStatsRange(timeZone: string, now: Date = new Date()) {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf("day");
  return { from: day(today.minus({ days: DEFAULT_RANGE_DAYS - 1 })), to: day(today) };
}

/** Quick ranges offered as links: rolling 90 days, this quarter, last quarter, the last 12 months. */
export function statsRangePresets(timeZone: string, now: Date = new Date()) {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf("day");
  const quarter = today.startOf("quarter");
  const lastQuarter = quarter.minus({ quarters: 1 });
  return [
    { label: `Last ${DEFAULT_RANGE_DAYS} days`, ...defaultStatsRange(timeZone, now) },
    { label: "This quarter", from: day(quarter), to: day(today) },
    { label: "Last quarter", from: day(lastQuarter), to: day(lastQuarter.endOf("quarter")) },
    { label: "Last 12 months", from: day(today.minus({ months: 12 }).plus({ days: 1 })), to: day(today) },
  ];
}

const shape = {
  from: filterParam.date(),
  to: filterParam.date(),
  recruiter: filterParam.id(),
  company: filterParam.id(),
};

function realDay(value: string | undefined, timeZone: string) {
  if (!value || value < EARLIEST_STATS_DAY || value > LATEST_STATS_DAY) return null;
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  return parsed.isValid ? parsed.startOf("day") : null;
}

function dayError(given: string | null, timeZone: string) {
  if (given === null || given.trim() === "" || realDay(given.trim(), timeZone)) return undefined;
  return `Enter a real day between ${EARLIEST_STATS_DAY} and ${LATEST_STATS_DAY}; the default is shown instead.`;
}

/**
 * Filters from the URL. A missing or impossible day takes its default (to: today, from: 89 days before `to`); a
 * reversed range falls back to the default range; a range over five years keeps `to` and starts five years before.
 */
export function parseStatsFilters(params: URLSearchParams, timeZone: string, now: Date = new Date()): StatsFilters {
  const raw = parseFilters(params, shape);
  const defaults = defaultStatsRange(timeZone, now);
  const to = realDay(raw.to, timeZone) ?? DateTime.fromISO(defaults.to, { zone: timeZone });
  let from = realDay(raw.from, timeZone) ?? to.minus({ days: DEFAULT_RANGE_DAYS - 1 });
  let end = to;
  if (from > end) {
    from = DateTime.fromISO(defaults.from, { zone: timeZone });
    end = DateTime.fromISO(defaults.to, { zone: timeZone });
  }
  const earliest = end.minus({ years: MAX_RANGE_YEARS }).plus({ days: 1 });
  if (from < earliest) from = earliest;
  const fromError = dayError(params.get("from"), timeZone);
  const toError = dayError(params.get("to"), timeZone);
  return {
    from: day(from),
    to: day(end),
    ...(fromError || toError ? { errors: { ...(fromError ? { from: fromError } : {}), ...(toError ? { to: toError } : {}) } } : {}),
    ...(raw.recruiter ? { recruiterId: raw.recruiter } : {}),
    ...(raw.company ? { companyId: raw.company } : {}),
  };
}

/** The URL search of these filters (no empty params), for links and the CSV downloads. */
export function statsSearch(filters: StatsFilters, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.recruiterId) params.set("recruiter", filters.recruiterId);
  if (filters.companyId) params.set("company", filters.companyId);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return `?${params}`;
}
