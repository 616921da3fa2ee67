// Form schemas for recovery emails: the single send on /interviews/:id/email and the bulk send on /candidates.
// Shared by the actions (server truth) and the forms (client hints).
import { recordIdField } from "~/utils/record-id";
import { z } from "zod";
import { BulkReassignReviewSchema, BulkReassignSchema } from "../candidates/candidate-forms";
import { multiLineText } from "~/utils/text";
import { templateNames } from "../../../emails/index";

export const PERSONAL_NOTE_MAX = 2000;
/** The most candidates one bulk send may reach; a bigger campaign is several sends. */
export const BULK_EMAIL_MAX = 100;

export const templateField = z.enum(templateNames, {
  errorMap: () => ({ message: "Choose one of the templates." }),
});

// An empty textarea means "no note" (null), whatever the whitespace.
export const personalNoteField = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  multiLineText(z.string().max(PERSONAL_NOTE_MAX, `A personal note is at most ${PERSONAL_NOTE_MAX.toLocaleString("en-GB")} characters.`))
    .optional()
    .transform((v) => v || null),
);

/** A random key the page hands out; the same key twice (a double click) is the same email. */
export const idempotencyKeyField = z
  .string({ required_error: "This form is out of date. Reload the page and try again." })
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "This form is out of date. Reload the page and try again.");

export const PreviewEmailSchema = z.object({
  intent: z.literal("preview"),
  template: templateField,
  personalNote: personalNoteField,
});

export const SendEmailSchema = z.object({
  intent: z.literal("send"),
  template: templateField,
  personalNote: personalNoteField,
  idempotencyKey: idempotencyKeyField,
});

export const InterviewEmailSchema = z.discriminatedUnion("intent", [PreviewEmailSchema, SendEmailSchema]);

const bulkCandidateIds = z
  .array(recordIdField("That selection was not understood."), { required_error: "Select at least one candidate." })
  .min(1, "Select at least one candidate.")
  .max(BULK_EMAIL_MAX, `Email at most ${BULK_EMAIL_MAX} candidates at a time.`);

/** The bulk send's first step: choose the template, then confirm who gets it and who is skipped. */
export const BulkEmailReviewSchema = z.object({
  intent: z.literal("review-email"),
  candidateIds: bulkCandidateIds,
  template: templateField,
});

export const BulkEmailSchema = z.object({
  intent: z.literal("send-email"),
  candidateIds: bulkCandidateIds,
  template: templateField,
  idempotencyKey: idempotencyKeyField,
});

export const bulkOutcomes = {
  queued: "Queued",
  captured: "Captured (not sent: no mail server)",
  already_sent: "Already in the outbox (double submit)",
  opted_out: "Skipped: unsubscribed",
  no_interview: "Skipped: no interview",
  failed: "Not sent",
} as const;
export type BulkOutcome = keyof typeof bulkOutcomes;

/** The outbox page's one button. */
export const RetryEmailSchema = z.object({ intent: z.literal("retry", { errorMap: () => ({ message: "That request was not understood. Reload the page and try again." }) }) });

/** The candidates table's bulk actions, told apart by the pressed button's intent. */
export const CandidatesBulkSchema = z.discriminatedUnion(
  "intent",
  [BulkReassignReviewSchema, BulkReassignSchema, BulkEmailReviewSchema, BulkEmailSchema],
  { errorMap: () => ({ message: "That request was not understood. Reload the page and try again." }) },
);
