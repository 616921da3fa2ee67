// Forms of the second-interview panel (/interviews/:id) and the profile's outcome form; shared by actions and forms.
import { recordIdField } from "~/utils/record-id";
import { z } from "zod";
import { multiLineText, singleLineText } from "~/utils/text";
import { parseLocalDate } from "~/utils/dates";
import { localDateTime } from "../interviews/interview-forms";
import { candidacyOutcomes, interviewFormats, requestChannels, requestedBy, requestResponses } from "../enums";

export const SECOND_INTERVIEW_LIMITS = { note: 2000, interviewerName: 100 } as const;

export const secondInterviewIntents = ["record-request", "record-response", "schedule-second-interview", "record-outcome"] as const;
export type SecondInterviewIntent = (typeof secondInterviewIntents)[number];
export const isSecondInterviewIntent = (value: unknown): value is SecondInterviewIntent =>
  (secondInterviewIntents as readonly unknown[]).includes(value);

const note = multiLineText(
  z.string().trim().max(SECOND_INTERVIEW_LIMITS.note, `A note is at most ${SECOND_INTERVIEW_LIMITS.note} characters.`),
).optional();

/** A date field (a start date) read as that day in the agency's zone. */
function localDay(timeZone: string) {
  return z
    .string()
    .max(20, "Enter a date, like 2026-12-01.")
    .transform((value, ctx) => {
      const date = parseLocalDate(value.trim(), timeZone);
      if (!date) {
        ctx.addIssue({ code: "custom", message: "Enter a real date, like 2026-12-01." });
        return z.NEVER;
      }
      return date;
    })
    .optional();
}

const choose = <T extends [string, ...string[]]>(values: T, message: string) =>
  z.enum(values, { errorMap: () => ({ message }) });

/** Every form of the panel and the profile's outcome form, told apart by their hidden intent. */
export function secondInterviewSchema(timeZone: string) {
  return z
    .discriminatedUnion("intent", [
      z.object({
        intent: z.literal("record-request"),
        requestedAt: localDateTime(timeZone, "Enter when the second interview was asked for."),
        requestedBy: choose(requestedBy.values, "Choose who asked: the candidate or the recruiter."),
        channel: choose(requestChannels.values, "Choose how they asked: phone, letter, email or in person."),
        note,
      }),
      z.object({
        intent: z.literal("record-response"),
        requestId: recordIdField("That request is missing. Reload the page."),
        response: choose(requestResponses.values, "Choose the answer: pending, granted, declined or no response."),
        respondedAt: localDateTime(timeZone, "Enter when the company answered.").optional(),
      }),
      z.object({
        intent: z.literal("schedule-second-interview"),
        requestId: recordIdField("That request is missing. Reload the page."),
        scheduledAt: localDateTime(timeZone, "Enter the date and time of the second interview."),
        format: choose(interviewFormats.values, "Choose the format: in person, phone or video."),
        interviewerName: singleLineText(
          z
            .string()
            .trim()
            .max(SECOND_INTERVIEW_LIMITS.interviewerName, `A name is at most ${SECOND_INTERVIEW_LIMITS.interviewerName} characters.`),
        ).optional(),
      }),
      z.object({
        intent: z.literal("record-outcome"),
        interviewId: recordIdField("Choose the application (interview) this outcome is for."),
        outcome: choose(candidacyOutcomes.values, "Choose the outcome: hired, offer declined, rejected, withdrawn or open."),
        decidedAt: localDateTime(timeZone, "Enter when this was decided."),
        startDate: localDay(timeZone),
        note,
      }),
    ])
    .superRefine((value, ctx) => {
      if (value.intent === "record-response" && value.response !== "pending" && !value.respondedAt) {
        ctx.addIssue({ code: "custom", path: ["respondedAt"], message: "Enter when the company answered." });
      }
      if (value.intent === "record-outcome" && value.outcome === "hired" && !value.startDate) {
        ctx.addIssue({ code: "custom", path: ["startDate"], message: "Hired: enter the start date of the new job." });
      }
    });
}

export type SecondInterviewForm = z.infer<ReturnType<typeof secondInterviewSchema>>;
export type RequestInput = Omit<Extract<SecondInterviewForm, { intent: "record-request" }>, "intent">;
export type ResponseInput = Omit<Extract<SecondInterviewForm, { intent: "record-response" }>, "intent" | "requestId">;
export type ScheduleInput = Omit<Extract<SecondInterviewForm, { intent: "schedule-second-interview" }>, "intent" | "requestId">;
export type OutcomeInput = Omit<Extract<SecondInterviewForm, { intent: "record-outcome" }>, "intent">;
