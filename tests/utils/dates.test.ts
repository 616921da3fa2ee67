// Showing dates uses the platform's Intl with our own day and month names; these check it against Luxon's reading
// of the same wall clock, across zones and daylight-saving changes.
import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import { describeDeadline, formatDate, formatDateTime, formatDuration, formatTime, toDateInputValue, toLocalInputValue } from "~/utils/dates";

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
