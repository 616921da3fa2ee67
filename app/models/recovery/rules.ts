// The rules of a recovery, in one home: when the interview ended, the 24-hour window, when
// checklist steps fall due, and how long a second-interview request may wait. Pure, so the server, the browser, the
// seeds and the tests share them (Luxon for the agency's zone).

const HOUR = 3600_000;

/** The playbook's rule: the candidate (or recruiter) should be on the phone to the hiring manager within a day. */
export const RECOVERY_WINDOW_HOURS = 24;

/** A second-interview request with no answer after this many days is waiting: the company has gone quiet. */
export const REQUEST_WAITING_DAYS = 7;

type Timed = { scheduledAt: Date; durationMinutes: number };

/** The end of an interview: its start plus its length. */
export function interviewEnd(interview: Timed) {
  return new Date(interview.scheduledAt.getTime() + interview.durationMinutes * 60_000);
}

/**
 * The recovery window: it closes 24 hours after the interview ended. The one deadline everywhere: the call queue,
 * the interview page, second-interview requests ("inside or after the window") and the statistics.
 */
export function recoveryWindowClosesAt(interview: Timed) {
  return new Date(interviewEnd(interview).getTime() + RECOVERY_WINDOW_HOURS * HOUR);
}

/** A recovery with no activity for this many days closes as "went quiet" (the agency can change it). */
export const DEFAULT_QUIET_AFTER_DAYS = 30;

/** A step whose usual due time passed before the flag was logged is due this long after the flag (agency setting). */
export const DEFAULT_OVERDUE_GRACE_HOURS = 2;

/** Open recoveries with no activity since this instant have gone quiet. */
export function quietSince(now: Date, quietAfterDays = DEFAULT_QUIET_AFTER_DAYS) {
  return new Date(now.getTime() - quietAfterDays * 24 * HOUR);
}

/**
 * A flag logged after the window closed says so, with what to do: the call still helps. Null when it was logged in
 * time.
 */
export function lateFlagNotice(interview: Timed, flaggedAt: Date) {
  if (flaggedAt <= recoveryWindowClosesAt(interview)) return null;
  const hours = Math.floor((flaggedAt.getTime() - interviewEnd(interview).getTime()) / HOUR);
  return `Logged ${hours} hours after the interview: the ${RECOVERY_WINDOW_HOURS}-hour window had closed. Call today anyway.`;
}

/**
 * When a step falls due on a checklist started at `flaggedAt`: its usual time, unless that had already passed, in
 * which case a grace after the flag (no step starts overdue). `usualDueAt` is set only when the grace applied.
 */
export function stepDueAfterFlag(usualDue: Date, flaggedAt: Date, graceHours = DEFAULT_OVERDUE_GRACE_HOURS) {
  if (usualDue > flaggedAt) return { dueAt: usualDue, usualDueAt: null };
  return { dueAt: new Date(flaggedAt.getTime() + graceHours * HOUR), usualDueAt: usualDue };
}

/** Requests asked before this instant and still unanswered are waiting. */
export function requestWaitingSince(now: Date, days = REQUEST_WAITING_DAYS) {
  return new Date(now.getTime() - days * 24 * HOUR);
}

/**
 * Was the request made within 24 hours of the end of the interview (exactly 24 h still counts)? `hoursAfter`
 * is whole hours after the interview ended, for "after the 24-hour window (30 h after the interview)".
 */
export function requestTiming(interview: Timed, requestedAt: Date) {
  const sinceEnd = requestedAt.getTime() - interviewEnd(interview).getTime();
  const withinWindow = requestedAt <= recoveryWindowClosesAt(interview);
  const hoursAfter = Math.max(0, Math.floor(sinceEnd / HOUR));
  return {
    withinWindow,
    hoursAfter,
    text: withinWindow
      ? `inside the ${RECOVERY_WINDOW_HOURS}-hour window`
      : `after the ${RECOVERY_WINDOW_HOURS}-hour window (${hoursAfter} h after the interview)`,
  };
}

// ---- When checklist steps fall due (the zone arithmetic is in step-due.ts) ---------------------------------

export const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isLocalTime(value: string) {
  return LOCAL_TIME.test(value);
}
