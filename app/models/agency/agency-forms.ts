import { z } from "zod";
import { singleLineText } from "~/utils/text";

/** A whole number in a range, from a form field: a clear message for empty, non-numeric and out-of-range input. */
function wholeNumber({ min, max, required, unit }: { min: number; max: number; required: string; unit: string }) {
  const range = `Enter a whole number of ${unit} from ${min} to ${max}.`;
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : v),
    z
      .number({ required_error: required, invalid_type_error: range })
      .int(range)
      .min(min, range)
      .max(max, range),
  );
}

export const AgencySchema = z.object({
  name: singleLineText(
    z.string({ required_error: "Enter the agency's name." }).trim().min(1, "Enter the agency's name.").max(100, "At most 100 characters."),
  ),
  timeZone: z
    .string({ required_error: "Choose a time zone." })
    .refine((zone) => Intl.supportedValuesOf("timeZone").includes(zone) || zone === "UTC", {
      message: "Choose a time zone from the list.",
    }),
  senderName: singleLineText(
    z
      .string({ required_error: "Enter the sender name emails show." })
      .trim()
      .min(1, "Enter the sender name emails show.")
      .max(100, "At most 100 characters."),
  ).refine((v) => !/[<>"\r\n]/.test(v), "Leave out < > \" and line breaks."),
  // Radios send "false" (the shared pool, the default) or "true" (recruiters see only their own candidates).
  recruitersSeeOwnCandidatesOnly: z
    .enum(["false", "true"], { errorMap: () => ({ message: "Choose who sees which candidates." }) })
    .transform((v) => v === "true"),
  // Empty means "no reply-to" (Conform sends nothing for an empty field, a plain form sends "").
  replyTo: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .trim()
      .toLowerCase()
      .max(254, "At most 254 characters.")
      .email("Enter a valid email address, like team@example.com.")
      .optional()
      .transform((v) => v ?? null),
  ),
  // The recovery lifecycle: an open recovery with no activity for this many days closes as "went quiet".
  quietAfterDays: wholeNumber({ min: 1, max: 365, unit: "days", required: "Enter after how many quiet days a recovery closes." }),
  // A checklist step already past its usual due time when the flag is logged is due this many hours after the flag.
  overdueGraceHours: wholeNumber({ min: 0, max: 48, unit: "hours", required: "Enter the grace for late-logged steps, in hours." }),
  // The candidate's "How did it go?" email after each interview: on or off, and how many hours after the end.
  checkInEnabled: z
    .enum(["false", "true"], { errorMap: () => ({ message: "Choose whether candidates get a check-in." }) })
    .transform((v) => v === "true"),
  checkInAfterHours: wholeNumber({ min: 1, max: 48, unit: "hours", required: "Enter how many hours after an interview the check-in goes out." }),
});
