// Forms of the checklist: the playbook editor (/settings/checklist) and the step actions on the interview page.
import { z } from "zod";
import { multiLineText, singleLineText } from "~/utils/text";
import { isLocalTime } from "./rules";
import { stepOwners } from "../enums";
import { PLAYBOOK_LIMITS, type PlaybookStepData } from "./playbook";

const { steps: maxSteps, title: maxTitle, guidance: maxGuidance, staffNote: maxStaffNote, dueHours: maxHours } = PLAYBOOK_LIMITS;

export const PlaybookStepSchema = z.object({
  title: singleLineText(
    z
      .string({ required_error: "Give the step a title." })
      .trim()
      .min(1, "Give the step a title.")
      .max(maxTitle, `The title is at most ${maxTitle} characters.`),
  ),
  guidance: multiLineText(
    z
      .string({ required_error: "Write a line or two of guidance." })
      .trim()
      .min(1, "Write a line or two of guidance.")
      .max(maxGuidance, `The guidance is at most ${maxGuidance} characters.`),
  ),
  // Empty means none; Conform sends nothing for an empty field.
  staffNote: multiLineText(z.string().max(maxStaffNote, `The note for staff is at most ${maxStaffNote} characters.`)).optional(),
  owner: z.enum(stepOwners.values, { errorMap: () => ({ message: "Choose the candidate or the recruiter." }) }),
  dueHours: z
    .number({ required_error: "Say how many hours after the interview this is due.", invalid_type_error: "Enter a number of hours, such as 24." })
    .min(0, "The due time can't be before the interview ends.")
    .max(maxHours, `The due time is at most ${maxHours} hours (90 days) after the interview.`),
  dueLocalTime: z
    .string()
    .trim()
    .refine(isLocalTime, "Enter a time of day such as 09:00, or leave it empty.")
    .optional(),
  retire: z.boolean().optional(),
});

export const PlaybookFormSchema = z.object({
  baseVersion: z.number({ required_error: "Reload the page and try again." }).int().min(0),
  steps: z
    .array(PlaybookStepSchema, { required_error: "Keep at least one step in the checklist." })
    .max(maxSteps, `A checklist has at most ${maxSteps} steps.`)
    .refine((steps) => steps.some((s) => !s.retire), "Keep at least one step in the checklist."),
});

export type PlaybookForm = z.infer<typeof PlaybookFormSchema>;

/** The steps to save: retired ones left out, hours turned into minutes. */
export function stepsToSave(form: PlaybookForm): PlaybookStepData[] {
  return form.steps
    .filter((s) => !s.retire)
    .map((s) => ({
      title: s.title,
      guidance: s.guidance,
      staffNote: s.staffNote || null,
      owner: s.owner,
      dueOffsetMinutes: Math.round(s.dueHours * 60),
      dueLocalTime: s.dueLocalTime || null,
    }));
}

/** A saved step as the editor shows it. */
export function stepToForm(step: {
  title: string;
  guidance: string;
  staffNote?: string | null;
  owner: string;
  dueOffsetMinutes: number;
  dueLocalTime: string | null;
}) {
  return {
    title: step.title,
    guidance: step.guidance,
    staffNote: step.staffNote ?? "",
    owner: step.owner,
    dueHours: String(Math.round((step.dueOffsetMinutes / 60) * 100) / 100),
    dueLocalTime: step.dueLocalTime ?? "",
  };
}

const stepStateId = z.string({ required_error: "That step is missing. Reload the page." }).max(40);
const note = multiLineText(z.string().trim().max(2000, "A note is at most 2,000 characters.")).optional();

/** The interview page's checklist buttons; each intent starts with "step-". */
export const ChecklistActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("step-done"), stepStateId, note }),
  z.object({ intent: z.literal("step-skip"), stepStateId, note }),
  z.object({ intent: z.literal("step-reopen"), stepStateId, note }),
  // baseVersion: the note the form showed (stepNoteVersion), so saving over a colleague's note is refused for review.
  z.object({ intent: z.literal("step-note"), stepStateId, note, baseVersion: z.string().max(100).optional() }),
]);

export const isChecklistIntent = (intent: unknown) => typeof intent === "string" && intent.startsWith("step-");
