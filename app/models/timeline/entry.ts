// One line of a candidate's timeline, as the page shows it.

export type TimelineKind = "candidate" | "interview" | "flag" | "checklist" | "email" | "second-interview" | "outcome";

export type TimelineEntry = {
  /** Unique and stable, e.g. "flag:abc:resolved". */
  key: string;
  at: Date;
  kind: TimelineKind;
  /** What happened, in plain words. */
  summary: string;
  detail?: string | null;
  /** Who did it, when known. */
  actor?: string | null;
  href?: string | null;
  /** Text of the link (what it opens). */
  linkLabel?: string | null;
};

/** What an audit event renders to: the timeline adds the key, the time and the actor from the stored row. */
export type TimelineLine = Omit<TimelineEntry, "key" | "at" | "actor">;

export const interviewLink = (interviewId: string, company?: string | null) => ({
  href: `/interviews/${interviewId}`,
  linkLabel: company ? `Interview with ${company}` : "Open the interview",
});

export function labelOrNone(value: unknown, label: (v: string) => string = String) {
  return value === null || value === undefined || value === "" ? "none" : label(String(value));
}
