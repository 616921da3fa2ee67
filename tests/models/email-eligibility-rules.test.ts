// Each template's eligibility rule on its own, with the boundaries: exactly 7, 3 and 30 days still count.
import { describe, expect, test } from "vitest";
import { templateApplies, type RecoveryFacts } from "~/models/email/eligibility.server";

const DAY = 24 * 3600_000;
const now = new Date("2026-11-30T12:00:00Z");
const context = { now, timeZone: "UTC" };
const ago = (ms: number) => new Date(now.getTime() - ms);

function open(overrides: Partial<RecoveryFacts> = {}): RecoveryFacts {
  return {
    interviewEndedAt: ago(2 * 3600_000),
    recoveryState: "open",
    stateChangedAt: ago(2 * 3600_000),
    closedAt: null,
    closedReason: null,
    removedAt: null,
    latestRequest: null,
    overdueCandidateSteps: 0,
    ...overrides,
  };
}

const closed = (reason: string, at: Date, overrides: Partial<RecoveryFacts> = {}) =>
  open({ recoveryState: "closed", closedAt: at, closedReason: reason, stateChangedAt: at, ...overrides });

const applies = (template: Parameters<typeof templateApplies>[0], facts: RecoveryFacts) => templateApplies(template, facts, context);

describe("rough day: an open recovery whose interview ended in the last 7 days", () => {
  test("exactly 7 days after the end still applies; a millisecond later it doesn't, and says why", () => {
    expect(applies("rough_day", open({ interviewEndedAt: ago(7 * DAY) }))).toEqual({ applies: true });
    const late = applies("rough_day", open({ interviewEndedAt: ago(7 * DAY + 1) }));
    expect(late).toEqual({ applies: false, reason: expect.stringContaining("ended on 23 Nov 2026, more than 7 days ago") });
  });
  test("not before the interview has ended, not for a closed or removed recovery", () => {
    expect(applies("rough_day", open({ interviewEndedAt: new Date(now.getTime() + 60_000) }))).toMatchObject({
      applies: false,
      reason: "The interview hasn't ended yet.",
    });
    expect(applies("rough_day", closed("hired", ago(DAY)))).toMatchObject({ applies: false, reason: "This recovery is closed (Hired)." });
    expect(applies("rough_day", open({ removedAt: ago(DAY), closedAt: ago(DAY), closedReason: "flag_removed" }))).toMatchObject({
      applies: false,
      reason: "The flag on this interview was removed.",
    });
  });
});

describe("thank-you note: an open recovery whose interview ended in the last 3 days", () => {
  test("exactly 3 days applies; 3 days and a millisecond doesn't", () => {
    expect(applies("thank_you_note", open({ interviewEndedAt: ago(3 * DAY) })).applies).toBe(true);
    expect(applies("thank_you_note", open({ interviewEndedAt: ago(3 * DAY + 1) }))).toMatchObject({
      applies: false,
      reason: expect.stringContaining("more than 3 days ago"),
    });
    expect(applies("thank_you_note", closed("went_quiet", ago(DAY))).applies).toBe(false);
  });
});

describe("asking for a second interview: an open recovery with no request recorded", () => {
  test("applies with no request, whatever the interview's age", () => {
    expect(applies("ask_second_interview", open({ interviewEndedAt: ago(20 * DAY) })).applies).toBe(true);
  });
  test("not once a request is recorded, nor for a closed recovery", () => {
    const requested = open({ recoveryState: "requested", latestRequest: { response: "pending", secondInterviewAt: null } });
    expect(applies("ask_second_interview", requested)).toMatchObject({ applies: false, reason: expect.stringContaining("already asked for (answer: pending)") });
    expect(applies("ask_second_interview", closed("rejected", ago(DAY))).applies).toBe(false);
  });
});

describe("preparing for the second interview: a granted request whose second interview is still ahead", () => {
  const granted = (secondInterviewAt: Date | null) =>
    open({ recoveryState: "granted", latestRequest: { response: "granted", secondInterviewAt } });
  test("applies while the second interview is ahead, or granted and not yet scheduled", () => {
    expect(applies("second_interview_prep", granted(new Date(now.getTime() + DAY))).applies).toBe(true);
    expect(applies("second_interview_prep", granted(null)).applies).toBe(true);
  });
  test("not once it has started, nor without a grant", () => {
    expect(applies("second_interview_prep", granted(now))).toMatchObject({ applies: false, reason: expect.stringContaining("no longer ahead") });
    expect(applies("second_interview_prep", open())).toMatchObject({ applies: false, reason: "No second interview has been granted." });
    const pending = open({ recoveryState: "requested", latestRequest: { response: "pending", secondInterviewAt: null } });
    expect(applies("second_interview_prep", pending).applies).toBe(false);
  });
});

describe("keep going: closed as not hired, or the request declined or unanswered, in the last 30 days", () => {
  test.each(["rejected", "offer_declined"])("closed as %s exactly 30 days ago applies; a millisecond more doesn't", (reason) => {
    expect(applies("keep_going", closed(reason, ago(30 * DAY))).applies).toBe(true);
    expect(applies("keep_going", closed(reason, ago(30 * DAY + 1)))).toMatchObject({
      applies: false,
      reason: expect.stringContaining("more than 30 days ago"),
    });
  });
  test.each(["declined", "no_answer"])("a request %s exactly 30 days ago applies; a millisecond more doesn't", (state) => {
    expect(applies("keep_going", open({ recoveryState: state, stateChangedAt: ago(30 * DAY) })).applies).toBe(true);
    expect(applies("keep_going", open({ recoveryState: state, stateChangedAt: ago(30 * DAY + 1) })).applies).toBe(false);
  });
  test("not for a hire, another closing reason, a recovery still under way, or a removed flag", () => {
    expect(applies("keep_going", closed("hired", ago(DAY)))).toMatchObject({ applies: false, reason: expect.stringContaining('closed as "Hired"') });
    expect(applies("keep_going", closed("withdrew", ago(DAY))).applies).toBe(false);
    expect(applies("keep_going", open())).toMatchObject({ applies: false, reason: expect.stringContaining("still under way") });
    expect(applies("keep_going", open({ recoveryState: "granted" })).applies).toBe(false);
    expect(applies("keep_going", closed("rejected", ago(DAY), { removedAt: ago(DAY) })).applies).toBe(false);
  });
});

describe("overdue steps: an open recovery with at least one overdue candidate step", () => {
  test("applies with one overdue step, not with none, not once closed", () => {
    expect(applies("overdue_steps", open({ overdueCandidateSteps: 1 })).applies).toBe(true);
    expect(applies("overdue_steps", open({ overdueCandidateSteps: 0 }))).toMatchObject({
      applies: false,
      reason: "None of the candidate's checklist steps is overdue.",
    });
    expect(applies("overdue_steps", closed("rejected", ago(DAY), { overdueCandidateSteps: 2 })).applies).toBe(false);
  });
});
