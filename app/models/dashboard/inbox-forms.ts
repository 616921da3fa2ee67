// The dashboard's two forms: mark a call done from the inbox, and mark the candidates' activity as seen.
import { z } from "zod";
import { recordIdField } from "~/utils/record-id";

export const InboxActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("call-done"),
    interviewId: recordIdField("That interview is missing. Reload the page."),
    stepStateId: recordIdField("That step is missing. Reload the page."),
  }),
  z.object({
    intent: z.literal("mark-seen"),
    // When the page was shown: activity after it stays new.
    shownAt: z
      .string({ required_error: "Reload the page and try again." })
      .datetime({ message: "Reload the page and try again." })
      .transform((value) => new Date(value)),
  }),
]);
