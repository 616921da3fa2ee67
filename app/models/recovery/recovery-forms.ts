// The recovery's own forms on the interview page: close by hand, reopen, snooze, wake. One hidden `intent` each.
import { z } from "zod";
import { multiLineText } from "~/utils/text";
import { handClosingReasons } from "../enums";
import { localDateTime } from "../interviews/interview-forms";

export const RECOVERY_NOTE_MAX = 1000;

export const recoveryIntents = ["close-recovery", "reopen-recovery", "snooze-recovery", "wake-recovery"] as const;
export type RecoveryIntent = (typeof recoveryIntents)[number];
export const isRecoveryIntent = (value: unknown): value is RecoveryIntent => (recoveryIntents as readonly unknown[]).includes(value);

const flagId = z.string({ required_error: "That recovery is missing. Reload the page." }).max(40);
const note = multiLineText(
  z.string().trim().max(RECOVERY_NOTE_MAX, `A note is at most ${RECOVERY_NOTE_MAX} characters.`),
).optional();

export function recoverySchema(timeZone: string) {
  return z
    .discriminatedUnion("intent", [
      z.object({
        intent: z.literal("close-recovery"),
        flagId,
        reason: z.enum(handClosingReasons.values, { errorMap: () => ({ message: "Choose why the recovery is over." }) }),
        note,
      }),
      z.object({ intent: z.literal("reopen-recovery"), flagId }),
      z.object({ intent: z.literal("snooze-recovery"), flagId, until: localDateTime(timeZone, "Enter when it should come back."), note }),
      z.object({ intent: z.literal("wake-recovery"), flagId }),
    ])
    .superRefine((value, ctx) => {
      if (value.intent === "close-recovery" && value.reason === "resolved_by_hand" && !value.note) {
        ctx.addIssue({ code: "custom", path: ["note"], message: "Say how it was resolved." });
      }
    });
}
