// Candidate reminders: when a recovery's switch is on, Rebound emails the candidate as their own checklist steps fall
// due. The rules, pure so the job, the interview page and the tests share them:
// - only steps the candidate owns, still pending, due, and never listed in an earlier reminder (each step once);
// - at most one email per recovery per ROLLING 24 hours since the last one (not per calendar day: a reminder at
//   18:30 must not be followed by another at 09:00 the next morning), so steps falling due meanwhile wait and go
//   together in the next one;
// - only between 09:00 and 19:00 in the agency's zone; outside it the reminder waits for the next 09:00;
// - never once the recovery closed, the switch is off, the candidate unsubscribed or has no address, or every step
//   is done.
import { nextTimeWithin } from "~/utils/zoned-time";

/** The EmailMessage.template of a candidate reminder (a system email: nobody picks it by hand). */
export const CANDIDATE_REMINDER_TEMPLATE = "candidate_reminder";
export const REMINDER_FROM_HOUR = 9;
export const REMINDER_UNTIL_HOUR = 19;
export const REMINDER_GAP_HOURS = 24;
const HOUR = 3600_000;

/** A pending step the candidate owns. */
export type ReminderStep = { id: string; dueAt: Date; remindedAt: Date | null };

export type ReminderFacts = {
  switchedOn: boolean;
  /** Closed, or its flag removed. */
  closed: boolean;
  optedOut: boolean;
  hasEmail: boolean;
  /** The candidate's own steps still pending (done, skipped and not-needed ones are left out). */
  pendingSteps: ReminderStep[];
  lastReminderAt: Date | null;
  timeZone: string;
  now: Date;
};

export type ReminderStopReason = "closed" | "off" | "unsubscribed" | "no_email" | "all_done" | "all_reminded";

/** Why no reminder is planned, in words for the interview page. */
export const reminderStopWords: Record<ReminderStopReason, string> = {
  closed: "the recovery is closed",
  off: "reminders are off",
  unsubscribed: "the candidate unsubscribed from emails",
  no_email: "the candidate has no email address we can write to",
  all_done: "the candidate has no steps left to do",
  all_reminded: "the candidate has been reminded of every step still to do",
};

/** The first moment a reminder may go out at or after `at`: 24 h after the last one, inside 09:00–19:00 local. */
export function earliestReminderTime(at: Date, lastReminderAt: Date | null, timeZone: string) {
  const afterGap = lastReminderAt ? Math.max(at.getTime(), lastReminderAt.getTime() + REMINDER_GAP_HOURS * HOUR) : at.getTime();
  return nextTimeWithin(new Date(afterGap), timeZone, REMINDER_FROM_HOUR, REMINDER_UNTIL_HOUR);
}

/** When the next reminder should go: the first unreminded step's due time (now if already due), moved by the rules. */
export function nextReminderAt(facts: Pick<ReminderFacts, "pendingSteps" | "lastReminderAt" | "timeZone" | "now">) {
  const unreminded = facts.pendingSteps.filter((s) => !s.remindedAt);
  if (!unreminded.length) return null;
  const firstDue = Math.min(...unreminded.map((s) => s.dueAt.getTime()));
  return earliestReminderTime(new Date(Math.max(firstDue, facts.now.getTime())), facts.lastReminderAt, facts.timeZone);
}

export type ReminderDecision =
  | { action: "stop"; reason: ReminderStopReason }
  | { action: "wait"; until: Date }
  | { action: "send"; stepIds: string[] };

/** What a reminder job does when it runs (and what the page says is planned). */
export function decideReminder(facts: ReminderFacts): ReminderDecision {
  if (facts.closed) return { action: "stop", reason: "closed" };
  if (!facts.switchedOn) return { action: "stop", reason: "off" };
  if (facts.optedOut) return { action: "stop", reason: "unsubscribed" };
  if (!facts.hasEmail) return { action: "stop", reason: "no_email" };
  if (!facts.pendingSteps.length) return { action: "stop", reason: "all_done" };
  const next = nextReminderAt(facts);
  if (!next) return { action: "stop", reason: "all_reminded" };
  if (next > facts.now) return { action: "wait", until: next };
  const due = facts.pendingSteps.filter((s) => !s.remindedAt && s.dueAt <= facts.now);
  return { action: "send", stepIds: due.map((s) => s.id) };
}

/** A step's guidance cut to its first sentence (at most 220 characters): the email stays short. */
export function shortGuidance(guidance: string) {
  const text = guidance.trim().replace(/\s+/g, " ");
  const sentence = /^.+?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  return sentence.length > 220 ? `${sentence.slice(0, 219).trimEnd()}…` : sentence;
}
