// The check-in page's forms: the candidate's answer, and "open my coaching page" afterwards. Shared by the action and
// the form, so the page checks what the server checks.
import { z } from "zod";
import { singleLineText, multiLineText } from "~/utils/text";
import { checkInAnswers, checkInReasons } from "../enums";
import { CHECK_IN_NOTE_MAX, CHECK_IN_OTHER_MAX } from "./check-in-rules";

const optional = (schema: z.ZodType<string, z.ZodTypeDef, string>) =>
  schema
    .optional()
    .transform((v) => (v ? v : null));

export const CheckInAnswerSchema = z
  .object({
    intent: z.literal("answer"),
    answer: z.enum(checkInAnswers.values, {
      errorMap: () => ({ message: "Choose how it went: well, mixed or badly." }),
    }),
    // Checkboxes: none ticked sends nothing.
    reasons: z
      .array(z.enum(checkInReasons.values, { errorMap: () => ({ message: "Choose from the list." }) }))
      .max(checkInReasons.values.length)
      .optional()
      .transform((v) => v ?? []),
    otherReason: optional(singleLineText(z.string().trim().max(CHECK_IN_OTHER_MAX, `At most ${CHECK_IN_OTHER_MAX} characters.`))),
    note: optional(multiLineText(z.string().trim().max(CHECK_IN_NOTE_MAX, `At most ${CHECK_IN_NOTE_MAX.toLocaleString("en-GB")} characters.`))),
  })
  .transform((v) => ({
    ...v,
    // Words typed under "something else" count as ticking it.
    reasons: v.otherReason && !v.reasons.includes("other") ? [...v.reasons, "other" as const] : v.reasons,
  }))
  .superRefine((v, ctx) => {
    if (v.answer === "badly" && v.reasons.length === 0 && !v.note) {
      ctx.addIssue({ code: "custom", path: ["reasons"], message: "Tick what happened, or tell us in your own words below." });
    }
    if (v.reasons.includes("other") && !v.otherReason) {
      ctx.addIssue({ code: "custom", path: ["otherReason"], message: "Say in a few words what else happened." });
    }
  });

export const OpenCoachingSchema = z.object({ intent: z.literal("open-coaching") });

export const CheckInActionSchema = z.union([CheckInAnswerSchema, OpenCoachingSchema]);

export const checkInIntents = ["answer", "open-coaching"] as const;
export const isCheckInIntent = (value: unknown): value is (typeof checkInIntents)[number] =>
  (checkInIntents as readonly unknown[]).includes(value);
