// The one place that handles dates for people (Luxon underneath). Times are stored in UTC and always shown in the
// agency's time zone, which every page names.
import { DateTime, Duration } from "luxon";

type DateInput = Date | string;

function inZone(value: DateInput, timeZone: string) {
  const date = typeof value === "string" ? new Date(value) : value;
  return DateTime.fromJSDate(date, { zone: timeZone });
}

/** "Europe/London (GMT)" — so every page says which zone its times are in. */
export function describeTimeZone(timeZone: string, at: Date = new Date()) {
  const part = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return part && part !== timeZone ? `${timeZone} (${part})` : timeZone;
}

/** "Tue 24 Nov 2026, 14:30" in the given zone. */
export function formatDateTime(value: DateInput, timeZone: string) {
  return inZone(value, timeZone).setLocale("en-GB").toFormat("ccc d LLL yyyy, HH:mm");
}

/** "24 Nov 2026" in the given zone. */
export function formatDate(value: DateInput, timeZone: string) {
  return inZone(value, timeZone).setLocale("en-GB").toFormat("d LLL yyyy");
}

/** "14:30" in the given zone. */
export function formatTime(value: DateInput, timeZone: string) {
  return inZone(value, timeZone).toFormat("HH:mm");
}

/** The value a `<input type="datetime-local">` shows for this instant in the zone: "2026-11-24T14:30". */
export function toLocalInputValue(value: DateInput, timeZone: string) {
  return inZone(value, timeZone).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** The value a `<input type="date">` shows for this instant in the zone: "2026-11-24". */
export function toDateInputValue(value: DateInput, timeZone: string) {
  return inZone(value, timeZone).toFormat("yyyy-LL-dd");
}

/**
 * Reads a wall-clock "2026-11-24T14:30" (datetime-local) in the zone as an instant; null when it is not a real
 * date. In a daylight-saving gap (a time that never happens) the clock moves forward, as people expect.
 */
export function parseLocalDateTime(value: string, timeZone: string) {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** Reads a calendar day "2026-11-24" in the zone; `end` gives the last instant of that day. Null when not a date. */
export function parseLocalDate(value: string, timeZone: string, { end = false } = {}) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  if (!parsed.isValid) return null;
  return (end ? parsed.endOf("day") : parsed.startOf("day")).toJSDate();
}

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

/** "3 h 20 min" — a duration in words, to the minute (never negative). */
export function formatDuration(milliseconds: number) {
  const minutes = Math.max(0, Math.round(milliseconds / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const d = Duration.fromObject({ minutes }).shiftTo("days", "hours", "minutes");
  const parts = [d.days ? `${d.days} d` : "", d.hours ? `${d.hours} h` : "", d.minutes ? `${d.minutes} min` : ""];
  return parts.filter(Boolean).join(" ");
}

/** "5 h 10 min left" or "overdue by 2 h" until a deadline. */
export function describeDeadline(deadline: DateInput, now: Date = new Date()) {
  const ms = new Date(deadline).getTime() - now.getTime();
  return ms >= 0 ? `${formatDuration(ms)} left` : `overdue by ${formatDuration(-ms)}`;
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
