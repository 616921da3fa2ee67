// The registry of recovery-email templates: names (the EmailMessage.template column), labels and subjects.
// Plain data, no components, so browser code (selects, filters on /emails) can import it cheaply.
import type { RecoveryMergeValues } from "./merge-values";
import { isNotificationKind, notificationKinds } from "../app/models/notifications/kinds";

export const templateNames = [
  "rough_day",
  "thank_you_note",
  "ask_second_interview",
  "second_interview_prep",
  "keep_going",
  "overdue_steps",
] as const;
export type TemplateName = (typeof templateNames)[number];

type TemplateInfo = {
  label: string;
  /** One line for the recruiter choosing a template. */
  description: string;
  subject: (values: RecoveryMergeValues) => string;
};

const at = (v: RecoveryMergeValues) => (v.companyName ? ` at ${v.companyName}` : "");

export const recoveryTemplates: Record<TemplateName, TemplateInfo> = {
  rough_day: {
    label: "Rough day — here's what to do next",
    description: "Same day: calm down, note what to say, and the phone call within 24 hours.",
    subject: () => "Rough day — here's what to do next",
  },
  thank_you_note: {
    label: "Thank-you and apology note",
    description: "How to write the note, with a draft the candidate can adapt.",
    subject: (v) => (v.companyName ? `Your thank-you note to ${v.companyName}: a draft to start from` : "Your thank-you note: a draft to start from"),
  },
  ask_second_interview: {
    label: "Asking for a second interview",
    description: "A short phone script and what not to say.",
    subject: (v) => `Asking for a second interview${at(v)}`,
  },
  second_interview_prep: {
    label: "Preparing for the second interview",
    description: "Achievements, bringing their A game, thanking them afterwards.",
    subject: (v) => `Getting ready for your second interview${at(v)}`,
  },
  keep_going: {
    label: "Keep going after a decline",
    description: "Be gracious, ask for feedback, stay in touch and keep looking.",
    subject: () => "Keep going — your next steps",
  },
  overdue_steps: {
    label: "Reminder of overdue checklist steps",
    description: "Lists the candidate's checklist steps that are past due.",
    subject: (v) => {
      const n = v.overdueSteps?.length ?? 0;
      return n > 0
        ? `Reminder: ${n} step${n === 1 ? "" : "s"} on your recovery checklist ${n === 1 ? "is" : "are"} waiting`
        : "Your recovery checklist";
    },
  },
};

export function isTemplateName(value: unknown): value is TemplateName {
  return typeof value === "string" && (templateNames as readonly string[]).includes(value);
}

/** Emails Rebound sends by itself (nobody picks them as a template): their names in the outbox, and labels. */
const systemEmailLabels: Record<string, string> = {
  check_in: "Check-in: how did it go?",
  "digest.morning": "Morning digest",
  "digest.weekly": "Weekly summary",
  candidate_reminder: "Candidate reminder: steps due",
};

/** The label for a template name; unknown names (old rows) are shown as they are. */
export function templateLabel(name: string) {
  if (isTemplateName(name)) return recoveryTemplates[name].label;
  if (systemEmailLabels[name]) return systemEmailLabels[name];
  // Emails to staff: "notification.<kind>" (app/models/notifications/notifications.server.ts).
  const kind = name.startsWith("notification.") ? name.slice("notification.".length) : null;
  if (kind !== null) return `Notification: ${isNotificationKind(kind) ? notificationKinds[kind].label : kind}`;
  return name;
}

export const templateOptions = templateNames.map((name) => ({ value: name, label: recoveryTemplates[name].label }));

export type { RecoveryMergeValues } from "./merge-values";
