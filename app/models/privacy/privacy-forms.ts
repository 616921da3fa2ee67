// Form schemas and labels for the data-rights forms (erase a candidate). Shared by actions (server truth) and forms.
import { z } from "zod";

export const erasureReasons = ["candidate_request", "retention", "other"] as const;
export type ErasureReason = (typeof erasureReasons)[number];
const reasonLabels: Record<ErasureReason, string> = {
  candidate_request: "Request by the candidate",
  retention: "Retention period ended",
  other: "Other (say why)",
};

export function erasureReasonLabel(reason: string) {
  return (reasonLabels as Record<string, string>)[reason] ?? reason;
}

export const erasureReasonOptions = erasureReasons.map((value) => ({ value, label: reasonLabels[value] }));

export const ERASE_NOTE_MAX = 500;

/** The manager types the candidate's name to confirm; the action compares it with the stored name. */
export const EraseSchema = z
  .object({
    intent: z.literal("erase"),
    reason: z.enum(erasureReasons, { errorMap: () => ({ message: "Choose why the candidate is erased." }) }),
    note: z
      .string()
      .trim()
      .max(ERASE_NOTE_MAX, `A note is at most ${ERASE_NOTE_MAX} characters.`)
      .optional()
      .transform((v) => v || null),
    confirmName: z.string({ required_error: "Type the candidate's name to confirm." }).trim().min(1, "Type the candidate's name to confirm.").max(200, "Type the candidate's name to confirm."),
  })
  .superRefine((value, ctx) => {
    if (value.reason === "other" && !value.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Say why the candidate is erased." });
  });

/** Whitespace and case don't matter when confirming a name; everything else must match. */
export function confirmsName(typed: string, name: string) {
  const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
  return norm(typed) === norm(name);
}

// ---- Lawful basis and contact preferences (the candidate profile's "Privacy and contact") ----------------------

export const lawfulBases = ["consent", "legitimate_interest"] as const;
export type LawfulBasis = (typeof lawfulBases)[number];
const basisLabels: Record<LawfulBasis, string> = { consent: "Consent", legitimate_interest: "Legitimate interest" };
export function lawfulBasisLabel(basis: string | null) {
  return basis ? ((basisLabels as Record<string, string>)[basis] ?? basis) : "Not recorded";
}
export const lawfulBasisOptions = [{ value: "", label: "Not recorded yet" }, ...lawfulBases.map((value) => ({ value, label: basisLabels[value] }))];

export const CONSENT_HOW_MAX = 200;
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date, like 2026-11-24.")
  .optional()
  .transform((v) => v || null);

export const PrivacyDetailsSchema = z
  .object({
    intent: z.literal("update-privacy"),
    lawfulBasis: z
      .enum(lawfulBases, { errorMap: () => ({ message: "Choose consent or legitimate interest." }) })
      .optional()
      .transform((v) => v ?? null),
    consentGivenAt: day,
    consentHow: z
      .string()
      .trim()
      .max(CONSENT_HOW_MAX, `At most ${CONSENT_HOW_MAX} characters.`)
      .optional()
      .transform((v) => v || null),
    privacyNoticeSentAt: day,
    // A checkbox: "on" when ticked, absent when not.
    doNotContact: z
      .literal("on", { errorMap: () => ({ message: "Tick the box or leave it empty." }) })
      .optional()
      .transform((v) => v === "on"),
  })
  .superRefine((value, ctx) => {
    if (value.lawfulBasis !== "consent") return;
    if (!value.consentGivenAt) ctx.addIssue({ code: "custom", path: ["consentGivenAt"], message: "Say when they gave their consent." });
    if (!value.consentHow) ctx.addIssue({ code: "custom", path: ["consentHow"], message: "Say how they gave it (a form, by phone, by email…)." });
  });
export type PrivacyDetailsInput = Omit<z.output<typeof PrivacyDetailsSchema>, "intent">;

// ---- Settings → Privacy ------------------------------------------------------------------------------------------

function months(required: string) {
  const range = "Enter a whole number of months from 1 to 240.";
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v),
    z.number({ required_error: required, invalid_type_error: range }).int(range).min(1, range).max(240, range),
  );
}

export const PrivacySettingsSchema = z.object({
  intent: z.literal("save-settings"),
  privacyContact: z
    .string()
    .trim()
    .max(200, "At most 200 characters.")
    .refine((v) => !/[\r\n]/.test(v), "One line, please.")
    .optional()
    .transform((v) => v || null),
  retainCandidatesMonths: months("Enter how many months to keep a candidate after their last activity."),
  retainEmailBodiesMonths: months("Enter how many months to keep what an email said."),
});
export type PrivacySettingsInput = Omit<z.output<typeof PrivacySettingsSchema>, "intent">;

export const EXEMPT_REASON_MAX = 300;
export const ExemptSchema = z.object({
  intent: z.literal("exempt"),
  candidateId: z.string({ required_error: "Choose a candidate." }).trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "Choose a candidate."),
  reason: z
    .string({ required_error: "Say why this candidate is kept." })
    .trim()
    .min(1, "Say why this candidate is kept.")
    .max(EXEMPT_REASON_MAX, `At most ${EXEMPT_REASON_MAX} characters.`),
});
export const UnexemptSchema = z.object({
  intent: z.literal("unexempt"),
  candidateId: z.string({ required_error: "Choose a candidate." }).trim().regex(/^[A-Za-z0-9_-]{1,64}$/, "Choose a candidate."),
});
export const privacySettingsForms = z.discriminatedUnion("intent", [PrivacySettingsSchema, ExemptSchema, UnexemptSchema]);
