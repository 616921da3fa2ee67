// What a recovery email is filled with. Everything but the agency name is optional: a template prints a graceful
// fallback (or leaves the line out) for anything missing, never "undefined" or "null".
import type { FlagReason } from "../app/models/enums";

export type RecoveryMergeValues = {
  agencyName: string;
  candidateFirstName?: string | null;
  companyName?: string | null;
  roleTitle?: string | null;
  /** Already formatted in the agency's time zone (app/utils/dates.ts), e.g. "24 Nov 2026". */
  interviewDate?: string | null;
  recruiter?: {
    name?: string | null;
    email?: string | null;
    phone?: string | null;
    /** Free text under the name, e.g. "Senior Recruiter, Finance & Operations". */
    signature?: string | null;
  } | null;
  /** Reasons on the interview's current flag; each gets its tip from reason-tips.ts. */
  reasons?: readonly FlagReason[] | null;
  /**
   * The candidate's coaching page. `pending` marks a preview: the real personal link only exists once the email is
   * sent, so the preview says so instead of showing a token.
   */
  coachingLink?: { url: string; pending?: boolean } | null;
  unsubscribeUrl?: string | null;
  /** The recruiter's own words, shown above the template text. */
  personalNote?: string | null;
  /** For the overdue-steps reminder: the candidate's steps past due, with due times already formatted. */
  overdueSteps?: ReadonlyArray<{ title: string; due: string }> | null;
  /** Names the zone the due times are in, e.g. "Europe/London (GMT)". */
  timeZoneLabel?: string | null;
  /** Who to contact about their data (Settings → Privacy); the privacy footer says "reply to this email" without it. */
  privacyContact?: string | null;
};

/** Trimmed text, or null when there is nothing worth printing. */
export function present(value: string | null | undefined): string | null {
  const trimmed = typeof value === "string" ? value.trim() : "";
  return trimmed ? trimmed : null;
}
