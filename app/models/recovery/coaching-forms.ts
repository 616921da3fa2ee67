// The candidate's reflection worksheet and the coaching-link buttons: schemas shared by the actions and the forms.
import { z } from "zod";
import { multiLineText } from "~/utils/text";
import { REFLECTION_MAX_LENGTH } from "./reflection";

const answer = (label: string) =>
  multiLineText(
    z.string().trim().max(REFLECTION_MAX_LENGTH, `${label} can be at most ${REFLECTION_MAX_LENGTH.toLocaleString("en-GB")} characters.`),
  )
    .optional()
    .transform((value) => (value ? value : null));

export const ReflectionSchema = z.object({
  wentWell: answer("What went well"),
  wentWrong: answer("What went wrong"),
  questions: answer("The questions you were asked"),
  doDifferently: answer("What you will do differently"),
});

const stepStateId = z.string({ required_error: "That step is missing. Reload the page." }).max(40);

export const coachIntents = ["save-reflection", "mark-done"] as const;
export const isCoachIntent = (value: unknown): value is (typeof coachIntents)[number] =>
  (coachIntents as readonly unknown[]).includes(value);

/** What the candidate can do on /coach/:token. `autosave` marks the background saves made while typing. */
export const CoachActionSchema = z.discriminatedUnion("intent", [
  ReflectionSchema.extend({ intent: z.literal("save-reflection"), autosave: z.string().max(5).optional() }),
  z.object({ intent: z.literal("mark-done"), stepStateId }),
]);

const id = z.string({ required_error: "Something is missing. Reload the page." }).max(40);

/** The recruiter's buttons in the coaching panel on /interviews/:id. */
export const coachingLinkIntents = ["create-link", "revoke-link"] as const;
export const isCoachingLinkIntent = (value: unknown): value is (typeof coachingLinkIntents)[number] =>
  (coachingLinkIntents as readonly unknown[]).includes(value);

export const CoachingLinkActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create-link"), runId: id }),
  z.object({ intent: z.literal("revoke-link"), linkId: id }),
]);
