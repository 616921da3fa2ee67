// The "Remind the candidate" switch on the interview page: one hidden intent, the recovery and the wanted state.
import { z } from "zod";

export const CANDIDATE_REMINDERS_INTENT = "set-candidate-reminders";
export const isCandidateRemindersIntent = (value: unknown): value is typeof CANDIDATE_REMINDERS_INTENT => value === CANDIDATE_REMINDERS_INTENT;

export const candidateRemindersSchema = z.object({
  intent: z.literal(CANDIDATE_REMINDERS_INTENT),
  flagId: z.string({ required_error: "That recovery is missing. Reload the page." }).max(40, "That recovery is missing. Reload the page."),
  on: z
    .enum(["on", "off"], { errorMap: () => ({ message: "Choose whether reminders are on or off." }) })
    .transform((value) => value === "on"),
});
