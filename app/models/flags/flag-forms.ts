// The flag form and its edit and remove actions (one hidden `intent` each); shared by action and form.
import { z } from "zod";
import { multiLineText, singleLineText } from "~/utils/text";
import { flagReasons, flagSeverities, flagSources, type FlagReason } from "../enums";
import { isFlagReason } from "./reasons";

export const FLAG_LIMITS = { otherReason: 200, description: 5000 } as const;

const flagFields = {
  reasons: z
    .array(z.string().max(40), { required_error: "Choose at least one reason." })
    .min(1, "Choose at least one reason.")
    .max(flagReasons.values.length, "Choose each reason once.")
    .refine((values) => values.every(isFlagReason), "Choose reasons from the list.")
    .refine((values) => new Set(values).size === values.length, "Choose each reason once.")
    .transform((values) => values as FlagReason[]),
  otherReason: singleLineText(
    z.string().trim().max(FLAG_LIMITS.otherReason, `The other reason is at most ${FLAG_LIMITS.otherReason} characters.`),
  ).optional(),
  severity: z.enum(flagSeverities.values, { errorMap: () => ({ message: "Choose minor, serious or critical." }) }),
  source: z.enum(flagSources.values, {
    errorMap: () => ({ message: "Choose who told you: recruiter observed, candidate self-report or client feedback." }),
  }),
  description: multiLineText(
    z.string().trim().max(FLAG_LIMITS.description, `The description is at most ${FLAG_LIMITS.description} characters.`),
  ).optional(),
};

const flagId = z.string({ required_error: "That flag is missing. Reload the page." }).max(40);

export const InterviewActionSchema = z
  .discriminatedUnion("intent", [
    z.object({ intent: z.literal("flag"), ...flagFields }),
    z.object({ intent: z.literal("edit-flag"), flagId, ...flagFields, baseVersion: z.string().max(100).optional() }),
    z.object({ intent: z.literal("remove-flag"), flagId }),
  ])
  .superRefine((value, ctx) => {
    if ((value.intent === "flag" || value.intent === "edit-flag") && value.reasons.includes("other") && !value.otherReason) {
      ctx.addIssue({ code: "custom", path: ["otherReason"], message: "Say what the other reason was." });
    }
  });

export type InterviewAction = z.infer<typeof InterviewActionSchema>;
export type FlagDetails = Pick<
  Extract<InterviewAction, { intent: "flag" }>,
  "reasons" | "otherReason" | "severity" | "source" | "description"
>;
