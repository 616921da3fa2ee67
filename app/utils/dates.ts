// The one place that shows dates to people and reads the dates they type. Times are stored in UTC and always shown
// in the agency's time zone, which every page names. Only the platform's Intl is used here, so pages that show or
// check dates in the browser download no date library; calendar arithmetic in a zone lives in zoned-time.ts (Luxon).

type DateInput = Date | string;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

// Building an Intl.DateTimeFormat costs far more than using one: a table page formats hundreds of dates.
const wallClocks = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(timeZone: string) {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

/**
 * The zone's wall clock at an instant, as numbers. Names of days and months come from our own tables, not from the
 * runtime's locale data, so the server's HTML and the browser's render always agree.
 */
function wallClock(value: DateInput, timeZone: string) {
  const date = typeof value === "string" ? new Date(value) : value;
  const parts: Record<string, number> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  const weekday = new Date(wallClockAsUtc(year, month, day)).getUTCDay();
  return { year, month, day, hour: hour % 24, minute, weekday };
}

const two = (n: number) => String(n).padStart(2, "0");
const four = (n: number) => String(n).padStart(4, "0");

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

/** "Europe/London (GMT)" — so every page says which zone its times are in. */
export function describeTimeZone(timeZone: string, at: Date = new Date()) {
  let zoneNames = zoneNameFormats.get(timeZone);
  // Building a formatter costs about a millisecond; every page shows its zone, so keep one per zone.
  if (!zoneNames) zoneNameFormats.set(timeZone, (zoneNames = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" })));
  const part = zoneNames
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return part && part !== timeZone ? `${timeZone} (${part})` : timeZone;
}

/** "Tue 24 Nov 2026, 14:30" in the given zone. */
export function formatDateTime(value: DateInput, timeZone: string) {
  const t = wallClock(value, timeZone);
  return `${WEEKDAYS[t.weekday]} ${t.day} ${MONTHS[t.month - 1]} ${t.year}, ${two(t.hour)}:${two(t.minute)}`;
}

/** "24 Nov 2026" in the given zone. */
export function formatDate(value: DateInput, timeZone: string) {
  const t = wallClock(value, timeZone);
  return `${t.day} ${MONTHS[t.month - 1]} ${t.year}`;
}

/** "14:30" in the given zone. */
export function formatTime(value: DateInput, timeZone: string) {
  const t = wallClock(value, timeZone);
  return `${two(t.hour)}:${two(t.minute)}`;
}

/** The value a `<input type="datetime-local">` shows for this instant in the zone: "2026-11-24T14:30". */
export function toLocalInputValue(value: DateInput, timeZone: string) {
  const t = wallClock(value, timeZone);
  return `${four(t.year)}-${two(t.month)}-${two(t.day)}T${two(t.hour)}:${two(t.minute)}`;
}

/** The value a `<input type="date">` shows for this instant in the zone: "2026-11-24". */
export function toDateInputValue(value: DateInput, timeZone: string) {
  const t = wallClock(value, timeZone);
  return `${four(t.year)}-${two(t.month)}-${two(t.day)}`;
}

/** "3 h 20 min" — a duration in words, to the minute (never negative). */
export function formatDuration(milliseconds: number) {
  const minutes = Math.max(0, Math.round(milliseconds / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days} d` : "", hours ? `${hours} h` : "", rest ? `${rest} min` : ""].filter(Boolean).join(" ");
}

/** "5 h 10 min left" or "overdue by 2 h" until a deadline. */
export function describeDeadline(deadline: DateInput, now: Date = new Date()) {
  const ms = new Date(deadline).getTime() - now.getTime();
  return ms >= 0 ? `${formatDuration(ms)} left` : `overdue by ${formatDuration(-ms)}`;
}

// ---- Reading what people type ---------------------------------------------------------------------------------

const MINUTE = 60_000;

/** A wall clock read as if it were UTC, in milliseconds (any year, unlike Date.UTC's 0–99). */
function wallClockAsUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0) {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  return date.getTime();
}

/** How many minutes the zone's clock is ahead of UTC at an instant. */
function offsetAt(instant: number, timeZone: string) {
  const t = wallClock(new Date(instant), timeZone);
  return (wallClockAsUtc(t.year, t.month, t.day, t.hour, t.minute) - Math.floor(instant / MINUTE) * MINUTE) / MINUTE;
}

/**
 * The instant the zone's clock reads this wall-clock time. A time the autumn change repeats is its first occurrence;
 * a time skipped by the spring change moves forward by the gap (01:30 on a night the clocks jump from 01:00 to 02:00
 * is 02:30), as people expect.
 */
function zonedInstant(local: number, timeZone: string) {
  // The offsets in force around that day: a change between them is what makes a time repeat or not exist.
  const offsets = new Set([offsetAt(local - 36 * 60 * MINUTE, timeZone), offsetAt(local, timeZone), offsetAt(local + 36 * 60 * MINUTE, timeZone)]);
  const readings = [...offsets].map((offset) => local - offset * MINUTE).filter((instant) => local - offsetAt(instant, timeZone) * MINUTE === instant);
  if (readings.length) return Math.min(...readings);
  return local - Math.min(...offsets) * MINUTE;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The numbers of a typed date and time, or null when they are not a real one (30 February, 24:00). */
function realWallClock([year, month, day, hour = 0, minute = 0, second = 0]: number[]) {
  if (month! < 1 || month! > 12 || day! < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const local = wallClockAsUtc(year!, month!, day!, hour, minute, second);
  return new Date(local).getUTCDate() === day ? local : null;
}

/**
 * Reads a wall-clock "2026-11-24T14:30" (datetime-local) in the zone as an instant; null when it is not a real
 * date. In a daylight-saving gap (a time that never happens) the clock moves forward, as people expect.
 */
export function parseLocalDateTime(value: string, timeZone: string) {
  const match = LOCAL_DATE_TIME.exec(value);
  const local = match ? realWallClock(match.slice(1).filter(Boolean).map(Number)) : null;
  return local === null ? null : new Date(zonedInstant(local, timeZone));
}

/** Reads a calendar day "2026-11-24" in the zone; `end` gives the last instant of that day. Null when not a date. */
export function parseLocalDate(value: string, timeZone: string, { end = false } = {}) {
  const match = LOCAL_DATE.exec(value);
  const local = match ? realWallClock(match.slice(1).map(Number)) : null;
  if (local === null) return null;
  if (!end) return new Date(zonedInstant(local, timeZone));
  return new Date(zonedInstant(local + 24 * 60 * MINUTE, timeZone) - 1);
}

