// The check-in's rules: when "How did it go?" goes out, and when it must not. Pure, so tests and pages share them.
import { interviewEnd } from "../recovery/rules";

/** The EmailMessage.template of a check-in email (not a recovery template: nobody picks it by hand). */
export const CHECK_IN_TEMPLATE = "check_in";
/** The link in a check-in email works this long. */
export const CHECK_IN_LINK_DAYS = 7;
/** Asked later than this after the interview, the question would feel odd: it is not sent at all. */
export const CHECK_IN_LATEST_HOURS = 48;
/** The candidate's words are kept short: the recruiter will call them anyway. */
export const CHECK_IN_NOTE_MAX = 2000;
export const CHECK_IN_OTHER_MAX = 200;

type Timed = { scheduledAt: Date; durationMinutes: number };

/** When the check-in goes out: the interview's end plus the agency's delay. */
export function checkInDueAt(interview: Timed, afterHours: number) {
  return new Date(interviewEnd(interview).getTime() + afterHours * 3600_000);
}

export type CheckInFacts = {
  agencyEnabled: boolean;
  optedOut: boolean;
  /** Staff's "do not contact" (app/models/privacy/contact-preferences.server.ts). */
  doNotContact?: boolean;
  flagged: boolean;
  interview: Timed;
  now: Date;
};

/** Why this check-in must not go out now, in words for the interview page; null when it may. */
export function checkInSkipReason(facts: CheckInFacts): string | null {
  if (!facts.agencyEnabled) return "Check-ins are switched off for the agency.";
  if (facts.optedOut) return "The candidate has unsubscribed from emails.";
  if (facts.doNotContact) return "The candidate is marked “do not contact”.";
  if (facts.flagged) return "The interview was already flagged, so its recovery is under way.";
  const latest = interviewEnd(facts.interview).getTime() + CHECK_IN_LATEST_HOURS * 3600_000;
  if (facts.now.getTime() > latest) return `More than ${CHECK_IN_LATEST_HOURS} hours had passed since the interview ended.`;
  return null;
}
