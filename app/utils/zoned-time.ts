// Calendar arithmetic in the agency's zone that must keep local times across daylight-saving changes ("next working
// day at 08:00"), with Luxon. Showing dates and reading what people type are dates.ts's job (Intl only: the browser
// loads those, and Luxon's browser build can't be trimmed).
import { DateTime } from "luxon";

type DateInput = Date | string;

/** The start of today in the zone, and of the days after it: for "today and tomorrow" style ranges. */
export function startOfDay(timeZone: string, now: Date = new Date(), plusDays = 0) {
  return DateTime.fromJSDate(now, { zone: timeZone }).startOf("day").plus({ days: plusDays }).toJSDate();
}

/** Luxon's weekday numbers: 1 is Monday, 7 is Sunday. */
export const WORKING_DAYS = [1, 2, 3, 4, 5] as const;

/**
 * The first moment strictly after `after` that reads `time` ("08:00") on the zone's wall clock on one of `weekdays`:
 * "next working day at 08:00" stays 08:00 local across daylight-saving changes.
 */
export function nextLocalTime(after: Date, timeZone: string, time: string, weekdays: readonly number[] = [1, 2, 3, 4, 5, 6, 7]) {
  const [hour, minute] = time.split(":").map(Number);
  const start = DateTime.fromJSDate(after, { zone: timeZone }).startOf("day");
  for (let day = 0; day <= 8; day += 1) {
    const candidate = start.plus({ days: day }).set({ hour, minute, second: 0, millisecond: 0 });
    if (weekdays.includes(candidate.weekday) && candidate.toMillis() > after.getTime()) return candidate.toJSDate();
  }
  throw new Error(`No weekday in [${weekdays.join(", ")}]`);
}

/** The last moment strictly before `before` that reads `time` on the zone's wall clock on one of `weekdays`. */
export function previousLocalTime(before: Date, timeZone: string, time: string, weekdays: readonly number[] = [1, 2, 3, 4, 5, 6, 7]) {
  const [hour, minute] = time.split(":").map(Number);
  const start = DateTime.fromJSDate(before, { zone: timeZone }).startOf("day");
  for (let day = 0; day <= 8; day += 1) {
    const candidate = start.minus({ days: day }).set({ hour, minute, second: 0, millisecond: 0 });
    if (weekdays.includes(candidate.weekday) && candidate.toMillis() < before.getTime()) return candidate.toJSDate();
  }
  throw new Error(`No weekday in [${weekdays.join(", ")}]`);
}

/** The wall-clock hour (0–23) and weekday (1 = Monday) of an instant in the zone. */
export function localClock(at: Date, timeZone: string) {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return { hour: local.hour, weekday: local.weekday, date: local.toFormat("yyyy-LL-dd") };
}

/**
 * The first instant at or after `at` whose clock in the zone reads between `fromHour`:00 (included) and `untilHour`:00
 * (excluded): `at` itself when it is inside, else the next `fromHour`:00 local. Wall-clock arithmetic in the zone, so
 * "next morning at 9" stays 09:00 across daylight-saving changes.
 */
export function nextTimeWithin(at: Date, timeZone: string, fromHour: number, untilHour: number): Date {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  if (local.hour >= fromHour && local.hour < untilHour) return at;
  const day = local.hour < fromHour ? local : local.plus({ days: 1 });
  return day.set({ hour: fromHour, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

/** The same wall-clock moment `months` calendar months earlier in the zone (31 March − 1 month is 28/29 February). */
export function monthsBefore(value: DateInput, months: number, timeZone: string) {
  const date = typeof value === "string" ? new Date(value) : value;
  return DateTime.fromJSDate(date, { zone: timeZone }).minus({ months }).toJSDate();
}
