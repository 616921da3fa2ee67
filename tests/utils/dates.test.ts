// Showing dates uses the platform's Intl with our own day and month names; these check it against Luxon's reading
// of the same wall clock, across zones and daylight-saving changes.
import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { describeDeadline, formatDate, formatDateTime, formatDuration, formatTime, parseLocalDate, parseLocalDateTime, toDateInputValue, toLocalInputValue } from "~/utils/dates";

const ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham"];

describe("formatting in a zone", () => {
  test("a known instant reads the same in every form", () => {
    const at = new Date("2026-11-24T14:30:00Z");
    expect(formatDateTime(at, "Europe/London")).toBe("Tue 24 Nov 2026, 14:30");
    expect(formatDate(at, "Europe/London")).toBe("24 Nov 2026");
    expect(formatTime(at, "America/New_York")).toBe("09:30");
    expect(toLocalInputValue(at, "Asia/Kolkata")).toBe("2026-11-24T20:00");
    expect(toDateInputValue("2026-11-24T23:30:00Z", "Asia/Kolkata")).toBe("2026-11-25");
    // Midnight is 00:00, never 24:00.
    expect(formatDateTime("2026-09-06T23:00:00Z", "Europe/London")).toBe("Mon 7 Sep 2026, 00:00");
  });

  test("agrees with Luxon's wall clock on 2,000 instants around daylight-saving changes", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const edges = ["2026-03-08T06:00:00Z", "2026-03-29T00:30:00Z", "2026-10-25T00:30:00Z", "2026-11-01T05:30:00Z", "2026-04-05T14:00:00Z"];
    for (let i = 0; i < 2000; i += 1) {
      const base = i % 2 ? Date.parse(edges[i % edges.length]!) : Date.UTC(2020, 0, 1);
      const at = new Date(base + Math.floor(random() * (i % 2 ? 4 * 3_600_000 : 8 * 365 * 86_400_000)));
      const zone = ZONES[i % ZONES.length]!;
      const luxon = DateTime.fromJSDate(at, { zone }).setLocale("en-US");
      expect(formatDateTime(at, zone)).toBe(luxon.toFormat("ccc d LLL yyyy, HH:mm"));
      expect(toLocalInputValue(at, zone)).toBe(luxon.toFormat("yyyy-LL-dd'T'HH:mm"));
    }
  });
});

test("durations and deadlines in words", () => {
  expect(formatDuration(59 * 60_000)).toBe("59 min");
  expect(formatDuration((26 * 60 + 5) * 60_000)).toBe("1 d 2 h 5 min");
  expect(formatDuration(2 * 3_600_000)).toBe("2 h");
  expect(formatDuration(-5)).toBe("0 min");
  const now = new Date("2026-11-30T10:00:00Z");
  expect(describeDeadline("2026-11-30T15:10:00Z", now)).toBe("5 h 10 min left");
  expect(describeDeadline("2026-11-30T08:00:00Z", now)).toBe("overdue by 2 h");
});

describe("reading what people type in a zone", () => {
  const luxon = (value: string, zone: string) => DateTime.fromISO(value, { zone }).toJSDate();

  test("agrees with Luxon on 3,000 wall-clock times that happen once", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let compared = 0;
    for (let i = 0; i < 3000; i += 1) {
      const zone = ZONES[i % ZONES.length]!;
      // Half spread over years, half within two days of a daylight-saving change.
      const edge = ["2026-03-08T00:00", "2026-03-29T00:00", "2026-10-25T00:00", "2026-11-01T00:00", "2026-04-05T00:00", "2026-09-27T00:00"][i % 6]!;
      const base = i % 2 ? Date.parse(`${edge}:00Z`) : Date.UTC(2020, 0, 1);
      const at = new Date(base + Math.floor(random() * (i % 2 ? 2 * 86_400_000 : 8 * 365 * 86_400_000)));
      const typed = at.toISOString().slice(0, 16);
      const local = DateTime.fromISO(typed, { zone });
      // Skip the hour an autumn change repeats: Luxon's answer there depends on today's offset.
      const repeated = local.minus({ hours: 1 }).toFormat("HH:mm") === local.toFormat("HH:mm") || local.plus({ hours: 1 }).toFormat("HH:mm") === local.toFormat("HH:mm");
      const offsets = new Set([local.minus({ hours: 2 }).offset, local.offset, local.plus({ hours: 2 }).offset]);
      if (repeated || offsets.size > 1) continue;
      expect(parseLocalDateTime(typed, zone)).toEqual(luxon(typed, zone));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(2500);
  });

  test("a time the autumn change repeats is its first occurrence; one the spring change skips moves forward", () => {
    // London, 25 Oct 2026: 01:30 happens at 00:30 UTC (summer time) and again at 01:30 UTC.
    expect(parseLocalDateTime("2026-10-25T01:30", "Europe/London")).toEqual(new Date("2026-10-25T00:30:00Z"));
    // London, 29 Mar 2026: clocks jump from 01:00 to 02:00, so 01:30 is read as 02:30 summer time.
    expect(parseLocalDateTime("2026-03-29T01:30", "Europe/London")).toEqual(new Date("2026-03-29T01:30:00Z"));
    expect(formatDateTime(parseLocalDateTime("2026-03-29T01:30", "Europe/London")!, "Europe/London")).toBe("Sun 29 Mar 2026, 02:30");
    // New York, 8 Mar 2026: 02:30 never happens; 1 Nov 2026: 01:30 happens twice (first at 05:30 UTC).
    expect(formatDateTime(parseLocalDateTime("2026-03-08T02:30", "America/New_York")!, "America/New_York")).toBe("Sun 8 Mar 2026, 03:30");
    expect(parseLocalDateTime("2026-11-01T01:30", "America/New_York")).toEqual(new Date("2026-11-01T05:30:00Z"));
  });

  test("days start and end in the zone, across a change; seconds are optional", () => {
    expect(parseLocalDate("2026-03-29", "Europe/London")).toEqual(new Date("2026-03-29T00:00:00Z"));
    expect(parseLocalDate("2026-03-29", "Europe/London", { end: true })).toEqual(new Date("2026-03-29T22:59:59.999Z"));
    expect(parseLocalDate("2026-11-24", "Asia/Kolkata")).toEqual(luxon("2026-11-24", "Asia/Kolkata"));
    expect(parseLocalDate("2026-11-24", "Pacific/Chatham", { end: true })).toEqual(DateTime.fromISO("2026-11-24", { zone: "Pacific/Chatham" }).endOf("day").toJSDate());
    expect(parseLocalDateTime("2026-11-24T14:30:15", "UTC")).toEqual(new Date("2026-11-24T14:30:15Z"));
  });

  test("what is not a real date or time is null", () => {
    for (const typed of ["2026-02-30T10:00", "2026-13-01T10:00", "2026-11-24T24:00", "2026-11-24T10:60", "2026-11-24 10:00", "24/11/2026", "", "2026-11-24T10:00Z"]) {
      expect(parseLocalDateTime(typed, "Europe/London")).toBeNull();
    }
    for (const typed of ["2026-02-29", "2026-00-10", "2026-1-5", "2026-11-24T00:00"]) expect(parseLocalDate(typed, "UTC")).toBeNull();
    expect(parseLocalDate("2028-02-29", "UTC")).toEqual(new Date("2028-02-29T00:00:00Z"));
  });
});
