// Free text in every form: ordinary Unicode is kept; NUL, control characters, bidirectional overrides and lone
// surrogates are refused in one-line fields (with a message at the field) and dropped from multi-line ones.
import { describe, expect, test } from "vitest";
import { AgencySchema } from "~/models/agency/agency-forms";
import { ContactSchema } from "~/models/candidates/candidate-forms";
import { ChecklistActionSchema, PlaybookStepSchema } from "~/models/recovery/checklist-forms";
import { ReflectionSchema } from "~/models/recovery/coaching-forms";
import { personalNoteField } from "~/models/email/email-forms";
import { InterviewActionSchema } from "~/models/flags/flag-forms";
import { logInterviewSchema } from "~/models/interviews/interview-forms";
import { NewUserSchema } from "~/models/users/user-forms";
import { hasUnsafeSingleLineText, stripUnsafeText, UNSAFE_TEXT_MESSAGE } from "~/utils/text";

const accepted = ["Zoë O'Brien", "محمد", "李雷", "José-María Núñez", "Łukasz 👩🏽‍💻", "שרה כהן"];
const refused = {
  NUL: "Ada\u0000Lovelace",
  "right-to-left override": "Ada\u202ELovelace",
  "lone surrogate": "Ada\uD800Lovelace",
  bell: "Ada\u0007Lovelace",
  "line break": "Ada\nLovelace",
  "first-strong isolate": "Ada\u2068Lovelace",
};

describe("the text rules", () => {
  test.each(accepted)("%s is ordinary text", (name) => {
    expect(hasUnsafeSingleLineText(name)).toBe(false);
    expect(stripUnsafeText(name)).toBe(name);
  });

  test.each(Object.entries(refused))("a %s is refused on one line", (_kind, value) => {
    expect(hasUnsafeSingleLineText(value)).toBe(true);
  });

  test("multi-line text keeps line breaks, tabs and right-to-left words, and loses the hidden characters", () => {
    expect(stripUnsafeText("Line one\r\n\tمحمد said \u202Ehi\u202C\u0000\uDC00 🙂")).toBe("Line one\r\n\tمحمد said hi 🙂");
  });
});

const contact = (name: string) =>
  ContactSchema.safeParse({ intent: "update-contact", name, email: "zoe@example.net", phone: "", linkedinUrl: "" });
const fieldErrors = (result: { success: boolean; error?: { flatten(): { fieldErrors: Record<string, string[] | undefined> } } }) =>
  result.success ? {} : result.error!.flatten().fieldErrors;

describe("the forms", () => {
  test.each(accepted)("a candidate's name %s is accepted as typed", (name) => {
    const result = contact(name);
    expect(result.success && result.data.name).toBe(name);
  });

  test.each(Object.entries(refused))("a candidate's name with a %s is refused with a message at the field", (_kind, name) => {
    expect(fieldErrors(contact(name)).name).toEqual([UNSAFE_TEXT_MESSAGE]);
  });

  test("every one-line free-text field refuses hidden characters", () => {
    const bad = "Acme\u202E";
    expect(fieldErrors(AgencySchema.safeParse({ name: bad, timeZone: "UTC", senderName: bad })).name).toEqual([UNSAFE_TEXT_MESSAGE]);
    expect(fieldErrors(AgencySchema.safeParse({ name: "A", timeZone: "UTC", senderName: bad })).senderName).toEqual([UNSAFE_TEXT_MESSAGE]);
    expect(fieldErrors(NewUserSchema.safeParse({ name: bad, email: "a@example.net", role: "recruiter", passwordChoice: "link" })).name).toEqual([
      UNSAFE_TEXT_MESSAGE,
    ]);
    expect(fieldErrors(PlaybookStepSchema.safeParse({ title: bad, guidance: "Call.", owner: "recruiter", dueHours: 1 })).title).toEqual([
      UNSAFE_TEXT_MESSAGE,
    ]);
    const flag = InterviewActionSchema.safeParse({
      intent: "flag",
      reasons: ["other"],
      otherReason: bad,
      severity: "minor",
      source: "client_feedback",
    });
    expect(JSON.stringify(flag.error?.issues)).toContain(UNSAFE_TEXT_MESSAGE);
    const log = logInterviewSchema("UTC").safeParse({
      candidateName: "Zoë",
      candidateEmail: "zoe@example.net",
      companyName: bad,
      roleTitle: bad,
      round: "first",
      format: "phone",
      scheduledAt: "2026-11-24 14:30",
      impression: "unknown",
      interviewerName: bad,
    });
    const paths = (log.error?.issues ?? []).filter((i) => i.message === UNSAFE_TEXT_MESSAGE).map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["companyName", "roleTitle", "interviewerName"]));
  });

  test("multi-line fields keep the writer's lines and drop hidden characters", () => {
    const typed = "First line\n\tSecond \u202Eline\u0000";
    const clean = "First line\n\tSecond line";
    expect(personalNoteField.parse(typed)).toBe(clean);
    expect(ChecklistActionSchema.parse({ intent: "step-done", stepStateId: "s1", note: typed })).toMatchObject({ note: clean });
    expect(ReflectionSchema.parse({ wentWell: typed })).toMatchObject({ wentWell: clean });
    expect(PlaybookStepSchema.parse({ title: "Call", guidance: typed, owner: "recruiter", dueHours: 1 })).toMatchObject({ guidance: clean });
  });
});
