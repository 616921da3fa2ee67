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
