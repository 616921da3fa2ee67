// The "Log an interview" form schema, shared by the action (server truth) and the form (client hints).
import { z } from "zod";
import { multiLineText, singleLineText } from "~/utils/text";
import { parseLocalDateTime } from "~/utils/dates";
import { impressions, interviewFormats, interviewRounds } from "../enums";

export const LIMITS = {
  name: 100,
  email: 254,
  phone: 40,
  linkedinUrl: 300,
  candidateQuery: 300,
  companyName: 120,
  roleTitle: 120,
  interviewerName: 100,
  notes: 5000,
} as const;

const text = (max: number, tooLong: string) => singleLineText(z.string().trim().max(max, tooLong));
const optionalText = (max: number, tooLong: string) => text(max, tooLong).optional();
const optionalNotes = (max: number, tooLong: string) => multiLineText(z.string().trim().max(max, tooLong)).optional();

const choose = <T extends [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { errorMap: () => ({ message }) });

const newCandidateFields = ["candidateName", "candidateEmail", "candidatePhone", "candidateLinkedinUrl"];
const existingCandidateFields = ["candidateId", "candidateQuery"];

/** Both candidate sections are always in the page (so it works without JavaScript); only the chosen one counts. */
function keepChosenCandidateFields(input: unknown) {
  if (!input || typeof input !== "object") return input;
  const value = { ...(input as Record<string, unknown>) };
  const mode = value.useCandidateId ? "existing" : value.candidateMode;
  for (const key of mode === "existing" ? newCandidateFields : mode === "new" ? existingCandidateFields : []) {
    delete value[key];
  }
  return value;
}

/** A date and time typed as wall-clock time in the agency's zone (datetime-local), read as an instant. */
export function localDateTime(timeZone: string, required: string) {
  return z
    .string({ required_error: required })
    .max(40, "Enter a date and time, like 2026-11-24 14:30.")
    .transform((value, ctx) => {
      const date = parseLocalDateTime(value.trim(), timeZone);
      if (!date) {
        ctx.addIssue({ code: "custom", message: "Enter a real date and time, like 2026-11-24 14:30." });
        return z.NEVER;
      }
      return date;
    });
}

/** The schema needs the agency's time zone: the date and time typed are wall-clock time there. */
export function logInterviewSchema(timeZone: string) {
  return z.preprocess(keepChosenCandidateFields, logInterviewFields(timeZone));
}

function logInterviewFields(timeZone: string) {
  return z
    .object({
      candidateMode: choose(["existing", "new"], "Choose an existing candidate or a new one."),
      candidateId: optionalText(40, "That candidate is not valid."),
      candidateQuery: optionalText(LIMITS.candidateQuery, `At most ${LIMITS.candidateQuery} characters.`),
      // Set by the "use the existing candidate instead" button after a duplicate email.
      useCandidateId: optionalText(40, "That candidate is not valid."),
      candidateName: optionalText(LIMITS.name, `A name is at most ${LIMITS.name} characters.`),
      candidateEmail: z
        .string()
        .trim()
        .toLowerCase()
        .max(LIMITS.email, `An email address is at most ${LIMITS.email} characters.`)
        .email("Enter a valid email address, like name@example.com.")
        .optional(),
      candidatePhone: optionalText(LIMITS.phone, `A phone number is at most ${LIMITS.phone} characters.`),
      candidateLinkedinUrl: z
        .string()
        .trim()
        .max(LIMITS.linkedinUrl, `A link is at most ${LIMITS.linkedinUrl} characters.`)
        .url("Enter a full web address, like https://www.linkedin.com/in/name.")
        .refine((v) => /^https?:\/\//i.test(v), "Enter a web address starting with https://.")
        .optional(),
      companyName: singleLineText(
        z
          .string({ required_error: "Enter the client company." })
          .trim()
          .min(1, "Enter the client company.")
          .max(LIMITS.companyName, `A company name is at most ${LIMITS.companyName} characters.`),
      ),
      roleTitle: singleLineText(
        z
          .string({ required_error: "Enter the role title." })
          .trim()
          .min(1, "Enter the role title.")
          .max(LIMITS.roleTitle, `A role title is at most ${LIMITS.roleTitle} characters.`),
      ),
      round: choose(interviewRounds.values, "Choose the round: first, second or final."),
      format: choose(interviewFormats.values, "Choose the format: in person, phone or video."),
      scheduledAt: localDateTime(timeZone, "Enter the date and time of the interview."),
      interviewerName: optionalText(LIMITS.interviewerName, `A name is at most ${LIMITS.interviewerName} characters.`),
      impression: choose(impressions.values, "Choose how it went."),
      notes: optionalNotes(LIMITS.notes, `Notes are at most ${LIMITS.notes} characters.`),
      // A checkbox: ticked sends "on", unticked sends nothing, which means "don't send the candidate a check-in".
      checkIn: z.preprocess((v) => v === "on", z.boolean()),
    })
    .superRefine((value, ctx) => {
      if (value.useCandidateId) return;
      if (value.candidateMode === "existing") {
        if (!value.candidateId && !value.candidateQuery) {
          ctx.addIssue({
            code: "custom",
            path: ["candidateQuery"],
            message: "Choose a candidate, or choose “A new candidate” and enter their details.",
          });
        }
        return;
      }
      if (!value.candidateName) {
        ctx.addIssue({ code: "custom", path: ["candidateName"], message: "Enter the candidate's name." });
      }
      if (!value.candidateEmail) {
        ctx.addIssue({ code: "custom", path: ["candidateEmail"], message: "Enter the candidate's email address." });
      }
    });
}

export type LogInterviewForm = z.infer<ReturnType<typeof logInterviewSchema>>;
