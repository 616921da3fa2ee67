// The candidate reminders' pure rules: the 09:00–19:00 window in the agency's zone (across daylight-saving changes),
// the rolling 24-hour cap, and what a reminder job decides.
import { describe, expect, test } from "vitest";
import { decideReminder, earliestReminderTime, nextReminderAt, shortGuidance, type ReminderFacts } from "~/models/recovery/candidate-reminders";
import { nextTimeWithin } from "~/utils/zoned-time";

const at = (iso: string) => new Date(iso);

describe("nextTimeWithin", () => {
  const zone = "America/New_York";
  test("a time inside the window stays as it is; 09:00 is inside, 19:00 is not", () => {
    expect(nextTimeWithin(at("2026-12-01T17:30:00Z"), zone, 9, 19)).toEqual(at("2026-12-01T17:30:00Z")); // 12:30 EST
    expect(nextTimeWithin(at("2026-12-01T14:00:00Z"), zone, 9, 19)).toEqual(at("2026-12-01T14:00:00Z")); // 09:00 EST
    expect(nextTimeWithin(at("2026-12-02T00:00:00Z"), zone, 9, 19)).toEqual(at("2026-12-02T14:00:00Z")); // 19:00 → next 09:00
  });

  test("the evening moves to the next morning at 09:00 local, the small hours to the same morning", () => {
    expect(nextTimeWithin(at("2026-12-02T02:00:00Z"), zone, 9, 19)).toEqual(at("2026-12-02T14:00:00Z")); // Tue 21:00 → Wed 09:00
    expect(nextTimeWithin(at("2026-12-02T08:00:00Z"), zone, 9, 19)).toEqual(at("2026-12-02T14:00:00Z")); // Wed 03:00 → Wed 09:00
  });

  test("09:00 stays 09:00 on the mornings after the clocks change, both ways", () => {
    // Spring forward on Sun 8 Mar 2026: Saturday 21:00 EST → Sunday 09:00 EDT (13:00Z, not 14:00Z).
    expect(nextTimeWithin(at("2026-03-08T02:00:00Z"), zone, 9, 19)).toEqual(at("2026-03-08T13:00:00Z"));
    // Fall back on Sun 1 Nov 2026: Saturday 20:00 EDT → Sunday 09:00 EST (14:00Z).
    expect(nextTimeWithin(at("2026-11-01T00:00:00Z"), zone, 9, 19)).toEqual(at("2026-11-01T14:00:00Z"));
    // Europe: the night the clocks go forward (29 Mar 2026), 01:30 UTC is 03:30 in Berlin → 09:00 CEST = 07:00Z.
    expect(nextTimeWithin(at("2026-03-29T01:30:00Z"), "Europe/Berlin", 9, 19)).toEqual(at("2026-03-29T07:00:00Z"));
  });
});

const zone = "Europe/Berlin";
const facts = (overrides: Partial<ReminderFacts> = {}): ReminderFacts => ({
  switchedOn: true,
  closed: false,
  optedOut: false,
  hasEmail: true,
  pendingSteps: [{ id: "a", dueAt: at("2026-12-01T09:00:00Z"), remindedAt: null }], // 10:00 CET
  lastReminderAt: null,
  timeZone: zone,
  now: at("2026-12-01T09:30:00Z"),
  ...overrides,
});

describe("decideReminder", () => {
  test("sends the steps due and never reminded, inside the window", () => {
    const steps = [
      { id: "a", dueAt: at("2026-12-01T09:00:00Z"), remindedAt: null },
      { id: "b", dueAt: at("2026-12-01T09:10:00Z"), remindedAt: null },
      { id: "old", dueAt: at("2026-11-30T09:00:00Z"), remindedAt: at("2026-11-30T09:00:00Z") },
      { id: "later", dueAt: at("2026-12-01T15:00:00Z"), remindedAt: null },
    ];
    expect(decideReminder(facts({ pendingSteps: steps }))).toEqual({ action: "send", stepIds: ["a", "b"] });
  });

  test("stops for a closed recovery, the switch off, an unsubscribe, no address, all done, all reminded", () => {
    expect(decideReminder(facts({ closed: true }))).toEqual({ action: "stop", reason: "closed" });
    expect(decideReminder(facts({ switchedOn: false }))).toEqual({ action: "stop", reason: "off" });
    expect(decideReminder(facts({ optedOut: true }))).toEqual({ action: "stop", reason: "unsubscribed" });
    expect(decideReminder(facts({ hasEmail: false }))).toEqual({ action: "stop", reason: "no_email" });
    expect(decideReminder(facts({ pendingSteps: [] }))).toEqual({ action: "stop", reason: "all_done" });
    expect(decideReminder(facts({ pendingSteps: [{ id: "a", dueAt: at("2026-12-01T09:00:00Z"), remindedAt: at("2026-12-01T09:00:00Z") }] }))).toEqual({
      action: "stop",
      reason: "all_reminded",
    });
  });

  test("a step not yet due waits for its due time", () => {
    expect(decideReminder(facts({ now: at("2026-12-01T08:00:00Z") }))).toEqual({ action: "wait", until: at("2026-12-01T09:00:00Z") });
  });

  test("quiet hours: due at 21:00 local waits for 09:00 the next morning", () => {
    const pendingSteps = [{ id: "a", dueAt: at("2026-12-01T20:00:00Z"), remindedAt: null }]; // 21:00 CET
    expect(decideReminder(facts({ pendingSteps, now: at("2026-12-01T20:00:00Z") }))).toEqual({ action: "wait", until: at("2026-12-02T08:00:00Z") });
  });

  test("the daily cap is a rolling 24 hours since the last reminder, then inside the window", () => {
    const lastReminderAt = at("2026-12-01T09:00:00Z"); // 10:00 CET
    const pendingSteps = [{ id: "b", dueAt: at("2026-12-01T10:00:00Z"), remindedAt: null }];
    expect(decideReminder(facts({ pendingSteps, lastReminderAt, now: at("2026-12-01T10:00:00Z") }))).toEqual({
      action: "wait",
      until: at("2026-12-02T09:00:00Z"),
    });
    // A reminder at 18:30 local: 24 h later is 18:30 the next day, still inside the window.
    expect(earliestReminderTime(at("2026-12-01T18:00:00Z"), at("2026-12-01T17:30:00Z"), zone)).toEqual(at("2026-12-02T17:30:00Z"));
    // A reminder at 19:00 local: 24 h later is 19:00, outside the window, so 09:00 the morning after.
    expect(earliestReminderTime(at("2026-12-02T18:00:00Z"), at("2026-12-01T18:00:00Z"), zone)).toEqual(at("2026-12-03T08:00:00Z"));
  });

  test("next reminder: none when every pending step was reminded", () => {
    expect(nextReminderAt({ pendingSteps: [], lastReminderAt: null, timeZone: zone, now: at("2026-12-01T09:00:00Z") })).toBeNull();
  });
});

test("guidance is cut to its first sentence, and long ones to 220 characters", () => {
  expect(shortGuidance("Write to them tonight. Keep it brief.")).toBe("Write to them tonight.");
  expect(shortGuidance("  No full stop here  ")).toBe("No full stop here");
  const long = shortGuidance(`${"word ".repeat(80)}end.`);
  expect(long.length).toBeLessThanOrEqual(220);
  expect(long.endsWith("…")).toBe(true);
});
