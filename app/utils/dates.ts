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
