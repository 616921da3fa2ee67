// The candidate reminder email: both parts, the steps with their guidance, the signature and both links, plural and
// singular wording, and graceful fallbacks (never "undefined", markup in a title stays text).
import { expect, test } from "vitest";
import { renderCandidateReminderEmail, sampleMergeValues } from "~/models/email/email-templates.server";

const values = { ...sampleMergeValues("Northbridge Staffing"), coachingLink: { url: "https://rebound.example/coach/TOKEN123" }, unsubscribeUrl: "https://rebound.example/unsubscribe/UNSUB456", personalNote: null };
const visible = (html: string) => html.replace(/<!-- -->/g, "");
const step = (title: string) => ({ title, guidance: `Guidance for ${title}.`, due: "Tue 1 Dec 2026, 10:00" });

test("one step: singular wording, both parts carry the step, its guidance, the signature and both links", async () => {
  const email = await renderCandidateReminderEmail(values, [step("Send a thank-you note")]);
  expect(email.subject).toBe("Your next step after the interview at Acme Logistics");
  for (const part of [visible(email.html), email.text]) {
    expect(part).toContain("Hi Priya,");
    expect(part).toContain("A step on your plan is due");
    expect(part).toContain("Send a thank-you note");
    expect(part).toContain("Guidance for Send a thank-you note.");
    expect(part).toContain("due Tue 1 Dec 2026, 10:00");
    expect(part).toContain("Sam Okafor");
    expect(part).toContain("Senior Recruiter, Finance");
    expect(part).toContain("https://rebound.example/coach/TOKEN123");
    expect(part).toContain("https://rebound.example/unsubscribe/UNSUB456");
  }
});

test("several steps: plural wording; missing company and names fall back to neutral words", async () => {
  const email = await renderCandidateReminderEmail(
    { agencyName: "Northbridge Staffing", coachingLink: { url: "https://rebound.example/coach/T" } },
    [step("<b>First</b>"), step("Second")],
  );
  expect(email.subject).toBe("Your next 2 steps after your interview");
  expect(email.text).toContain("Hi there,");
  expect(email.text).toContain("A few steps on your plan are due");
  expect(email.text).toContain("your recruiter knows");
  expect(email.text).not.toMatch(/undefined|null/);
  expect(email.html).not.toContain("<b>First</b>");
  expect(email.html).toContain("&lt;b&gt;First&lt;/b&gt;");
});
