// Form schemas for the candidate profile: contact details, owning recruiter, status. Shared by action and forms.
import { recordIdField } from "~/utils/record-id";
import { z } from "zod";
import { candidateStatuses } from "../enums";
import { emailField, nameField } from "../users/person-fields";

// Conform sends nothing for an empty field and a plain form sends "": both mean "no value" (stored as null).
function optionalText(inner: z.ZodTypeAny) {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    inner.optional().transform((v) => (v ?? null) as string | null),
  );
}

export const phoneField = optionalText(
  z
    .string()
    .trim()
    .max(40, "A phone number is at most 40 characters.")
    .regex(/^\+?[\d\s().-]{5,}$/, "Enter a phone number using digits, spaces and + ( ) - only."),
);

export const linkedinField = optionalText(
  z
    .string()
    .trim()
    .max(300, "A LinkedIn address is at most 300 characters.")
    .url("Enter the full address, like https://www.linkedin.com/in/name.")
    .refine((v) => /^https?:\/\//i.test(v), "Enter the full address, like https://www.linkedin.com/in/name."),
);

export const ContactSchema = z.object({
  intent: z.literal("update-contact"),
  name: nameField,
  email: emailField,
  phone: phoneField,
  linkedinUrl: linkedinField,
  /** What the form showed (contactVersion): a save over someone else's change is refused for review. */
  baseVersion: z.string().max(100).optional(),
});

export const ReassignSchema = z.object({
  intent: z.literal("reassign"),
  recruiterId: z
    .string({ required_error: "Choose a recruiter." })
    .trim()
    .min(1, "Choose a recruiter.")
    .max(100, "Choose a recruiter from the list."),
});

export const StatusSchema = z.object({
  intent: z.literal("change-status"),
  status: z.enum(candidateStatuses.values, {
    errorMap: () => ({ message: "Choose open, recovering, hired or closed." }),
  }),
});

export const candidateFormSchemas = {
  "update-contact": ContactSchema,
  reassign: ReassignSchema,
  "change-status": StatusSchema,
} as const;
export type CandidateFormIntent = keyof typeof candidateFormSchemas;

export function isCandidateFormIntent(value: unknown): value is CandidateFormIntent {
  return typeof value === "string" && Object.hasOwn(candidateFormSchemas, value);
}

/** The candidates table's bulk action: selected rows to one recruiter. */
const reassignCandidateIds = z
  .array(recordIdField("That selection was not understood."), { required_error: "Select at least one candidate." })
  .min(1, "Select at least one candidate.")
  .max(500, "Reassign at most 500 candidates at a time.");

/** Bulk reassign, step 1: who moves, from whom (the page asks before moving anything). */
export const BulkReassignReviewSchema = z.object({
  intent: z.literal("review-reassign"),
  candidateIds: reassignCandidateIds,
  recruiterId: recordIdField("Choose a recruiter."),
});

/** Bulk reassign, step 2: the confirmed move; the model refuses it without the review's confirmation. */
export const BulkReassignSchema = z.object({
  intent: z.literal("reassign"),
  candidateIds: reassignCandidateIds,
  recruiterId: recordIdField("Choose a recruiter."),
  confirmation: z.string().max(200).optional(),
});
