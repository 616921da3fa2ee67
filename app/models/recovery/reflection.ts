// The candidate's reflection worksheet: its questions and limits. Kept apart from the form schemas (coaching-forms.ts)
// so the candidate's page can show the questions without downloading zod.
export const REFLECTION_MAX_LENGTH = 5000;

/** The four worksheet questions, in page order; `name` is the form field, `column` the ChecklistRun column. */
export const reflectionQuestions = [
  {
    name: "wentWell",
    label: "What went well",
    hint: "Be fair to yourself: list the answers, moments and choices that worked.",
  },
  {
    name: "wentWrong",
    label: "What went wrong",
    hint: "Look for a pattern rather than one slip. Think about the interviewer's side too.",
  },
  {
    name: "questions",
    label: "The questions you were asked",
    hint: "Write down every question you remember, so you can prepare stronger answers.",
  },
  {
    name: "doDifferently",
    label: "What you will do differently",
    hint: "Picture the interview going the way you wanted. What did you do in that version?",
  },
] as const;

export type ReflectionField = (typeof reflectionQuestions)[number]["name"];
export type Reflection = Record<ReflectionField, string | null>;
