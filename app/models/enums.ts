// Every enumeration in Rebound, defined once with its human labels. Shared by server and browser.

function labelled<const T extends Record<string, string>>(labels: T) {
  const values = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return { values, labels, label: (value: string) => (labels as Record<string, string>)[value] ?? value };
}

/** An enumeration as the options of a <select>, in its defined order. */
export function selectOptions(enumeration: { values: readonly string[]; label: (value: string) => string }) {
  return enumeration.values.map((value) => ({ value, label: enumeration.label(value) }));
}

export const roles = labelled({ recruiter: "Recruiter", manager: "Manager" });
export type Role = (typeof roles.values)[number];

export const candidateStatuses = labelled({
  open: "Open",
  recovering: "Recovering",
  hired: "Hired",
  closed: "Closed",
});
export type CandidateStatus = (typeof candidateStatuses.values)[number];

export const interviewRounds = labelled({ first: "First", second: "Second", final: "Final" });
export const interviewFormats = labelled({ in_person: "In person", phone: "Phone", video: "Video" });
export const impressions = labelled({
  went_well: "Went well",
  mixed: "Mixed",
  went_badly: "Went badly",
  unknown: "Unknown",
});

/** Why an interview went badly; each reason gets its own coaching tip (see emails/reason-tips.ts). */
export const flagReasons = labelled({
  late: "Arrived late or transport trouble",
  appearance: "Appearance or attire problem",
  no_resume: "No copy of the résumé",
  nerves: "Nerves, rambling or over-long answers",
  blanked: "Blanked on a question",
  wrong_name: "Called the interviewer by the wrong name",
  unprepared: "Did not know the company or the role",
  body_language: "Negative body language",
  job_hopping: "Explained leaving every past job (doubts about commitment)",
  no_examples: "No prepared examples of achievements",
  other: "Other",
});
export type FlagReason = (typeof flagReasons.values)[number];

export const flagSeverities = labelled({ minor: "Minor", serious: "Serious", critical: "Critical" });
export const flagSources = labelled({
  recruiter_observed: "Recruiter observed",
  candidate_self_report: "Candidate self-report",
  client_feedback: "Client feedback",
});

export const stepOwners = labelled({ candidate: "Candidate", recruiter: "Recruiter" });
export const checklistRunStatuses = labelled({
  active: "In progress",
  completed: "Completed",
  cancelled: "Cancelled",
});
export const stepStatuses = labelled({ pending: "To do", done: "Done", skipped: "Skipped", not_needed: "Not needed" });

/** Where a recovery stands (app/models/recovery/lifecycle.server.ts). */
export const recoveryStates = labelled({
  open: "Open",
  requested: "Second interview requested",
  granted: "Second interview granted",
  declined: "Second interview declined",
  no_answer: "No answer to the request",
  closed: "Closed",
});
export type RecoveryState = (typeof recoveryStates.values)[number];

/** Why a recovery closed. */
export const closingReasons = labelled({
  hired: "Hired",
  rejected: "Not hired: rejected",
  offer_declined: "Not hired: offer declined",
  withdrew: "Candidate withdrew",
  went_quiet: "Went quiet",
  flag_removed: "Flag removed",
  resolved_by_hand: "Resolved by hand",
});
export type ClosingReason = (typeof closingReasons.values)[number];

/** The reasons a person may pick when closing a recovery by hand; outcomes close it through "Record outcome". */
export const handClosingReasons = labelled({
  resolved_by_hand: "Resolved (say how)",
  withdrew: "Candidate withdrew",
  went_quiet: "Went quiet",
});

export const emailStatuses = labelled({
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
  captured: "Captured (not sent)",
});

export const requestChannels = labelled({
  phone: "Phone",
  letter: "Letter",
  email: "Email",
  in_person: "In person",
});
export const requestedBy = labelled({ candidate: "Candidate", recruiter: "Recruiter" });
export const requestResponses = labelled({
  pending: "Pending",
  granted: "Granted",
  declined: "Declined",
  no_response: "No response",
});

export const candidacyOutcomes = labelled({
  hired: "Hired",
  offer_declined: "Offer declined",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  open: "Open",
});

/** The candidate's answer to "How did it go?" (app/models/check-in). */
export const checkInAnswers = labelled({ well: "It went well", mixed: "Mixed", badly: "It went badly" });
export type CheckInAnswer = (typeof checkInAnswers.values)[number];
export const checkInStatuses = labelled({
  planned: "Planned",
  off: "Off",
  sent: "Sent, no answer yet",
  answered: "Answered",
  skipped: "Not sent",
});

/**
 * The flag reasons as a candidate would put them, on the check-in page. "Other" is their own words. The order is the
 * taxonomy's, so a self-report reads like any flag.
 */
export const checkInReasons = labelled({
  late: "I was late, or had trouble getting there",
  appearance: "I wasn't dressed right for it",
  no_resume: "I didn't have my résumé with me",
  nerves: "Nerves got to me, or I rambled",
  blanked: "My mind went blank on a question",
  wrong_name: "I used the wrong name for the interviewer",
  unprepared: "I didn't know enough about the company or the role",
  body_language: "My body language came across badly",
  job_hopping: "They seemed worried about how often I've changed jobs",
  no_examples: "I had no examples of what I've achieved",
  other: "Something else",
});
