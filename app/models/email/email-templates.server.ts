// Renders a recovery email from its template name and merge values into the subject, HTML and plain-text parts.
import { render } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import AskSecondInterviewEmail from "../../../emails/ask-second-interview";
import CheckInEmail, { checkInSubject } from "../../../emails/check-in";
import CandidateReminderEmail, { candidateReminderSubject, type ReminderStepLine } from "../../../emails/candidate-reminder";
import { isTemplateName, recoveryTemplates, templateNames, type TemplateName } from "../../../emails/index";
import KeepGoingEmail from "../../../emails/keep-going";
import type { RecoveryMergeValues } from "../../../emails/merge-values";
import OverdueStepsEmail from "../../../emails/overdue-steps";
import RoughDayEmail from "../../../emails/rough-day";
import SecondInterviewPrepEmail from "../../../emails/second-interview-prep";
import ThankYouNoteEmail from "../../../emails/thank-you-note";
import { RuleViolation } from "~/utils/errors.server";
import { env } from "~/utils/env.server";

export type { RecoveryMergeValues, TemplateName };

const components: Record<TemplateName, ComponentType<{ values: RecoveryMergeValues }>> = {
  rough_day: RoughDayEmail,
  thank_you_note: ThankYouNoteEmail,
  ask_second_interview: AskSecondInterviewEmail,
  second_interview_prep: SecondInterviewPrepEmail,
  keep_going: KeepGoingEmail,
  overdue_steps: OverdueStepsEmail,
};

// html-to-text shouts headings in capitals by default; the candidate should read them as written.
const plainTextOptions = {
  selectors: ["h1", "h2", "h3"].map((selector) => ({ selector, options: { uppercase: false } })),
};

export type RenderedEmail = { subject: string; html: string; text: string };

/** Refuses a template name that isn't one of ours (a RuleViolation at the "template" field). */
export function assertTemplateName(name: string): asserts name is TemplateName {
  if (!isTemplateName(name)) throw new RuleViolation(`Unknown template "${name.slice(0, 60)}".`, "template");
}

/** The subject, HTML and text of one template. An unknown name is refused, never guessed. */
export async function renderRecoveryEmail(name: string, values: RecoveryMergeValues): Promise<RenderedEmail> {
  assertTemplateName(name);
  const element = createElement(components[name], { values });
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: plainTextOptions }),
  ]);
  // A subject is one header line: no line breaks can ride in on a company name.
  const subject = recoveryTemplates[name].subject(values).replace(/[\r\n]+/g, " ").trim();
  return { subject, html, text: text.trim() };
}

/** The check-in email ("How did it go?"); its link is the check-in placeholder the worker fills at delivery. */
export async function renderCheckInEmail(values: RecoveryMergeValues, checkInUrl: string, linkDays: number): Promise<RenderedEmail> {
  const element = createElement(CheckInEmail, { values, checkInUrl, linkDays });
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: plainTextOptions }),
  ]);
  return { subject: checkInSubject(values).replace(/[\r\n]+/g, " ").trim(), html, text: text.trim() };
}

/** The candidate's reminder of their steps due; its coaching link is the placeholder the worker fills at delivery. */
export async function renderCandidateReminderEmail(values: RecoveryMergeValues, steps: ReminderStepLine[]): Promise<RenderedEmail> {
  const element = createElement(CandidateReminderEmail, { values, steps });
  const [html, text] = await Promise.all([
    render(element),
    render(element, { plainText: true, htmlToTextOptions: plainTextOptions }),
  ]);
  return { subject: candidateReminderSubject(values, steps.length).replace(/[\r\n]+/g, " ").trim(), html, text: text.trim() };
}

/** Believable values for /emails/templates, with every field filled so every line of every template shows. */
export function sampleMergeValues(agencyName = "Northbridge Staffing"): RecoveryMergeValues {
  return {
    agencyName,
    candidateFirstName: "Priya",
    companyName: "Acme Logistics",
    roleTitle: "Data Analyst",
    interviewDate: "24 Nov 2026",
    recruiter: {
      name: "Sam Okafor",
      email: "sam.okafor@example.com",
      phone: "01632 960 123",
      signature: "Senior Recruiter, Finance & Operations",
    },
    reasons: ["late", "nerves", "no_examples"],
    coachingLink: { url: `${env.APP_URL}/coach/…`, pending: true },
    unsubscribeUrl: `${env.APP_URL}/unsubscribe/sample`,
    personalNote: "I know today was hard. Read this when you feel ready, and call me whenever you like.",
    overdueSteps: [
      { title: "Send a thank-you note with a short apology", due: "Wed 25 Nov 2026, 10:00" },
      { title: "Phone the hiring manager within 24 hours", due: "Wed 25 Nov 2026, 15:30" },
    ],
    timeZoneLabel: "Europe/London (GMT)",
  };
}

export { templateNames };
