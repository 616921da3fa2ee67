import { describe, expect, test } from "vitest";
import { recoveryTemplates, templateNames } from "../../emails/index";
import type { RecoveryMergeValues } from "../../emails/merge-values";
import { reasonTips } from "../../emails/reason-tips";
import { renderRecoveryEmail, sampleMergeValues } from "~/models/email/email-templates.server";
import { flagReasons } from "~/models/enums";
import { RuleViolation } from "~/utils/errors.server";

const full = (overrides: Partial<RecoveryMergeValues> = {}): RecoveryMergeValues => ({
  ...sampleMergeValues("Northbridge Staffing"),
  coachingLink: { url: "https://rebound.example/coach/TOKEN123" },
  unsubscribeUrl: "https://rebound.example/unsubscribe/UNSUB456",
  ...overrides,
});

// React puts "<!-- -->" between adjacent text nodes; they are invisible, so the checks look past them.
const visible = (html: string) => html.replace(/<!-- -->/g, "");
const squash = (s: string) => s.replace(/\s+/g, " ");

describe.each(templateNames)("%s", (name) => {
  test("renders HTML and text with the merge values", async () => {
    const email = await renderRecoveryEmail(name, full());
    expect(email.subject.length).toBeGreaterThan(5);
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    for (const part of [visible(email.html), email.text]) {
      expect(part).toContain("Hi Priya,");
      expect(part).toContain("Sam Okafor");
      expect(part).toContain("Northbridge Staffing");
      expect(part).toContain("01632 960 123");
      expect(part).toContain("Senior Recruiter, Finance");
      expect(part).toContain("https://rebound.example/coach/TOKEN123");
      expect(part).toContain("https://rebound.example/unsubscribe/UNSUB456");
      expect(part).toContain("call me whenever you like");
    }
    if (name !== "overdue_steps" && name !== "keep_going") {
      expect(email.text).toContain("Acme Logistics");
    }
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  test("escapes a candidate, company and note that look like markup", async () => {
    const evil = "<script>alert(1)</script>";
    const email = await renderRecoveryEmail(
      name,
      full({ candidateFirstName: evil, companyName: evil, roleTitle: evil, personalNote: `${evil}\n<img src=x onerror=alert(2)>` }),
    );
    expect(email.html).not.toContain("<script");
    expect(email.html).not.toContain("<img src=x");
    expect(email.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  test("prints no undefined or null when values are missing", async () => {
    for (const values of [
      { agencyName: "Northbridge Staffing" },
      {
        agencyName: "",
        candidateFirstName: null,
        companyName: null,
        roleTitle: "  ",
        interviewDate: null,
        recruiter: { name: null, email: null, phone: null, signature: null },
        reasons: null,
        coachingLink: null,
        unsubscribeUrl: null,
        personalNote: null,
        overdueSteps: null,
        timeZoneLabel: null,
      },
    ] satisfies RecoveryMergeValues[]) {
      const email = await renderRecoveryEmail(name, values);
      for (const part of [email.subject, email.html, email.text]) {
        expect(part).not.toMatch(/undefined|\bnull\b|NaN|\[object/);
      }
      expect(email.text).toContain("Hi there,");
      expect(email.text).not.toContain("Open your coaching page");
      expect(email.text).not.toContain("A note from");
    }
  });

  test("a preview says the personal link is made on sending", async () => {
    const email = await renderRecoveryEmail(name, full({ coachingLink: { url: "http://localhost:3000/coach/…", pending: true } }));
    expect(email.text).toContain("a personal link is created when you send");
  });
});

describe("reason tips", () => {
  test("every flag reason has a tip, and nothing else does", () => {
    expect(Object.keys(reasonTips).sort()).toEqual([...flagReasons.values].sort());
    for (const tip of Object.values(reasonTips)) expect(tip.tip.length).toBeGreaterThan(60);
  });

  const withTips = templateNames.filter((n) => n !== "overdue_steps");
  test.each(withTips)("%s shows the tip for each flagged reason, and only those", async (name) => {
    for (const reason of flagReasons.values) {
      const email = await renderRecoveryEmail(name, full({ reasons: [reason] }));
      const text = squash(email.text);
      expect(text).toContain(squash(reasonTips[reason].tip));
      const others = flagReasons.values.filter((r) => r !== reason);
      for (const other of others) expect(text).not.toContain(squash(reasonTips[other].tip));
    }
  });

  test("with no reasons flagged the tips section is left out", async () => {
    const email = await renderRecoveryEmail("rough_day", full({ reasons: [] }));
    expect(email.text).not.toContain("What to work on next time");
  });
});

describe("overdue steps", () => {
  test("lists each overdue step with its due time and the zone", async () => {
    const email = await renderRecoveryEmail("overdue_steps", full());
    expect(email.subject).toBe("Reminder: 2 steps on your recovery checklist are waiting");
    expect(email.text).toContain("Send a thank-you note with a short apology — due Wed 25 Nov 2026, 10:00");
    expect(email.text).toContain("Phone the hiring manager within 24 hours — due Wed 25 Nov 2026, 15:30");
    expect(email.text).toContain("Times are in Europe/London (GMT).");
  });

  test("with nothing overdue it says so instead of an empty list", async () => {
    const email = await renderRecoveryEmail("overdue_steps", full({ overdueSteps: [] }));
    expect(email.subject).toBe("Your recovery checklist");
    expect(email.text).toContain("Nothing on your recovery checklist is overdue");
  });
});

test("the thank-you template carries a draft note with the interview's details", async () => {
  const email = await renderRecoveryEmail("thank_you_note", full());
  expect(squash(email.text)).toContain("Thank you for meeting me on 24 Nov 2026 about the Data Analyst role at Acme Logistics.");
  expect(email.subject).toBe("Your thank-you note to Acme Logistics: a draft to start from");
});

test("the personal note keeps its paragraphs and line breaks", async () => {
  const email = await renderRecoveryEmail("rough_day", full({ personalNote: "First line\nsecond line\n\nNew paragraph" }));
  expect(email.html).toMatch(/First line(<!-- -->)?<\/span><span><br\/>second line/);
  expect(email.text).toContain("First line\nsecond line\n\nNew paragraph");
});

test("an unknown template is refused", async () => {
  const attempt = renderRecoveryEmail("free_money", full());
  await expect(attempt).rejects.toBeInstanceOf(RuleViolation);
  await expect(renderRecoveryEmail("free_money", full())).rejects.toThrow('Unknown template "free_money".');
});

test("every template in the registry has a label and a subject", () => {
  for (const name of templateNames) {
    expect(recoveryTemplates[name].label).toBeTruthy();
    expect(recoveryTemplates[name].subject(full())).toBeTruthy();
  }
  expect(recoveryTemplates.rough_day.label).toBe("Rough day — here's what to do next");
});
