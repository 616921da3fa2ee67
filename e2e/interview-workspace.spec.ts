// The interview page as a workspace that fits: a height budget, the whole recovery by keyboard alone, no sideways
// scroll on a phone, no jump to the top after a submit, and every form still working without JavaScript.
import type { Locator, Page } from "playwright/test";
import { createCandidateWithInterview, currentPlaybookTitles, database, expect, test, waitForHydration } from "./fixtures";

async function flagFromPage(page: Page, interviewId: string) {
  await page.goto(`/interviews/${interviewId}?flag=new`);
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: "Blanked on a question" }).check();
  await page.getByRole("button", { name: "Flag interview" }).click();
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();
}

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return i;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Never reached ${target} with ${back ? "Shift+Tab" : "Tab"} in ${max} presses`);
}

const announcer = (page: Page) => page.locator("[data-announcer]");

test("a freshly flagged interview's page fits the height budget at 1366×900 with every checklist step in it", async ({ page, login }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  const recruiter = await login({ role: "recruiter" });
  const { interviewId } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
  await flagFromPage(page, interviewId);
  await page.goto(`/interviews/${interviewId}`);
  await waitForHydration(page);

  const checklist = page.getByRole("region", { name: "Recovery checklist" });
  const titles = currentPlaybookTitles();
  expect(titles.length).toBeGreaterThanOrEqual(11);
  for (const title of titles) {
    const row = checklist.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
    await expect(row.getByRole("heading", { name: title, exact: true })).toBeVisible();
    // State in words, owner and due time on the row itself; Done and Skip inline.
    await expect(row).toContainText(/(To do|Overdue)/);
    await expect(row).toContainText(/(Candidate|Recruiter) · Due /);
    await expect(row.getByRole("button", { name: `Mark done: ${title}` })).toBeVisible();
    await expect(row.getByRole("button", { name: `Skip: ${title}` })).toBeVisible();
    // The note form only once the row's disclosure is opened.
    await expect(row.getByLabel(`Note on “${title}” (optional)`)).toBeHidden();
  }
  // Only the form that comes next in the second-interview panel.
  const panel = page.getByRole("region", { name: "Second interview" });
  await expect(panel.getByRole("button", { name: "Record request" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Save answer" })).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Record outcome" })).toBeHidden();

  const height = await page.evaluate(() => document.scrollingElement!.scrollHeight);
  expect(height).toBeLessThanOrEqual(2500);
  await page.screenshot({ path: "test-results/screens/interview-workspace-1366.png", fullPage: true });
});

test("the whole recovery by keyboard alone: flag, tick a step, create and copy a link, request, grant, schedule, outcome", async ({
  page,
  login,
  context,
}) => {
  // Many single key presses, each waited for: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setViewportSize({ width: 1366, height: 900 });
  const recruiter = await login({ role: "recruiter" });
  const { interviewId, candidateId } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
  const titles = currentPlaybookTitles();
  await page.goto(`/interviews/${interviewId}?flag=new`);
  await waitForHydration(page);
  const keys = page.keyboard;

  // Flag: a reason (Space ticks it), the default severity, Enter on the button.
  await tabTo(page, page.getByRole("checkbox", { name: "Blanked on a question" }));
  await keys.press("Space");
  await tabTo(page, page.getByRole("button", { name: "Flag interview" }));
  await keys.press("Enter");
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();
  await waitForHydration(page);

  // Tick the first step: focus lands on its row and the change is announced.
  const checklist = page.getByRole("region", { name: "Recovery checklist" });
  const firstRow = checklist.getByRole("listitem").filter({ has: page.getByRole("heading", { name: titles[0], exact: true }) });
  await tabTo(page, firstRow.getByRole("button", { name: `Mark done: ${titles[0]}` }));
  await keys.press("Enter");
  await expect(firstRow).toContainText(`Done by ${recruiter.name}`);
  await expect(firstRow.getByRole("heading", { name: titles[0], exact: true })).toBeFocused();
  await expect(announcer(page)).toHaveText(`${titles[0]}: done.`);

  // Create the candidate's link: a dialog with the full link, Copy, and the email.
  const coaching = page.getByRole("region", { name: "Candidate's page" });
  await tabTo(page, coaching.getByRole("button", { name: "Create a link" }));
  await keys.press("Enter");
  const dialog = page.getByRole("dialog", { name: "The candidate's link" });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: "test-results/screens/interview-link-dialog-1366.png" });
  const link = await dialog.getByLabel("Candidate link").inputValue();
  expect(link).toMatch(/\/coach\/[A-Za-z0-9_-]{43}$/);
  await expect(dialog.getByRole("link", { name: "Email it to the candidate" })).toHaveAttribute("href", `/interviews/${interviewId}/email`);
  await tabTo(page, dialog.getByRole("button", { name: "Copy the link" }));
  await keys.press("Enter");
  await expect(dialog.getByRole("status")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await keys.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(coaching.getByText(/^Link active, expires .*, not opened yet\.$/)).toBeVisible();
  await expect(coaching.getByRole("button", { name: "New link" })).toBeVisible();
  await expect(coaching.getByRole("button", { name: "Revoke link" })).toBeVisible();
  // The token is in no page the browser can reload.
  await expect(page.locator("body")).not.toContainText(link);

  // Record the request (its defaults: now, by the candidate, by phone).
  const panel = page.getByRole("region", { name: "Second interview" });
  await tabTo(page, panel.getByRole("button", { name: "Record request" }));
  await keys.press("Enter");
  const answerHeading = panel.getByRole("heading", { name: "Next: the company's answer" });
  await expect(answerHeading).toBeFocused();
  await expect(announcer(page)).toHaveText("Request saved. Next: the company's answer.");

  // Grant it: type-ahead on the select, then Save answer.
  await tabTo(page, panel.getByLabel("Answer", { exact: true }));
  await keys.type("Granted");
  await expect(panel.getByLabel("Answer", { exact: true })).toHaveValue("granted");
  await tabTo(page, panel.getByRole("button", { name: "Save answer" }));
  await keys.press("Enter");
  await expect(panel.getByRole("heading", { name: "Next: schedule the second interview" })).toBeFocused();
  await expect(panel.getByText(/^Answer: Granted on /)).toBeVisible();
  await panel.screenshot({ path: "test-results/screens/interview-second-interview-granted-1366.png" });

  // Schedule it: the date and time typed into the field's segments (month, day, year, hour, minute, AM/PM).
  const when = panel.getByLabel("Date and time of the second interview");
  await tabTo(page, when);
  const soon = new Date(Date.now() + 3 * 24 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  await keys.type(`${pad(soon.getMonth() + 1)}${pad(soon.getDate())}${soon.getFullYear()}`);
  await keys.press("Tab");
  await keys.type("1030A");
  await expect(when).toHaveValue(`${soon.getFullYear()}-${pad(soon.getMonth() + 1)}-${pad(soon.getDate())}T10:30`);
  await tabTo(page, panel.getByRole("button", { name: "Schedule the second interview" }));
  await keys.press("Enter");
  await expect(panel.getByRole("link", { name: "Open the second interview" })).toBeVisible();
  await expect(panel.getByRole("heading", { name: "Record the outcome" })).toBeFocused();

  // The outcome: hired (the default) with a start date.
  await tabTo(page, panel.getByLabel("Start date"));
  await keys.type(`${pad(soon.getMonth() + 1)}${pad(soon.getDate())}${soon.getFullYear()}`);
  await tabTo(page, panel.getByRole("button", { name: "Record outcome" }));
  await keys.press("Enter");
  await expect(page.getByText("Outcome recorded: Hired. The candidate is now hired.")).toBeVisible();
  await expect(announcer(page)).toHaveText("Outcome saved: Hired.");

  const done = database()
    .prepare<[string], { n: number }>(`SELECT count(*) AS n FROM "ChecklistStepState" s JOIN "ChecklistRun" r ON r.id = s.runId WHERE r.interviewId = ? AND s.status = 'done'`)
    .get(interviewId);
  expect(done?.n).toBe(1);
  const outcome = database().prepare<[string], { outcome: string }>(`SELECT outcome FROM "CandidacyOutcome" WHERE candidateId = ?`).get(candidateId);
  expect(outcome?.outcome).toBe("hired");
  const second = database()
    .prepare<[string], { n: number }>(`SELECT count(*) AS n FROM "Interview" i JOIN "SecondInterviewRequest" r ON r.id = i.secondInterviewRequestId WHERE r.interviewId = ?`)
    .get(interviewId);
  expect(second?.n).toBe(1);
});

test("on a 375 px phone the interview page has no sideways scroll", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
  await flagFromPage(page, interviewId);
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`/interviews/${interviewId}`);
  await waitForHydration(page);
  const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, client: document.scrollingElement!.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  await page.screenshot({ path: "test-results/screens/interview-workspace-375.png", fullPage: true });
  await page.getByRole("region", { name: "Recovery checklist" }).screenshot({ path: "test-results/screens/interview-checklist-375.png" });

  // The link dialog fits too.
  await page.getByRole("button", { name: "Create a link" }).click();
  await expect(page.getByRole("dialog", { name: "The candidate's link" })).toBeVisible();
  const after = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, client: document.scrollingElement!.clientWidth }));
  expect(after.scroll).toBeLessThanOrEqual(after.client);
  await page.screenshot({ path: "test-results/screens/interview-link-dialog-375.png" });
});

test("a second-interview submit keeps the page where it was", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
  await flagFromPage(page, interviewId);
  // On a phone the panel is far down the page, so a jump to the top would show.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto(`/interviews/${interviewId}`);
  await waitForHydration(page);
  const panel = page.getByRole("region", { name: "Second interview" });
  const button = panel.getByRole("button", { name: "Record request" });
  await button.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(1000);
  await button.click();
  await expect(panel.getByRole("heading", { name: "Next: the company's answer" })).toBeFocused();
  await expect(page.getByText("Second-interview request recorded")).toBeAttached();
  const after = await page.evaluate(() => window.scrollY);
  expect(Math.abs(after - before)).toBeLessThan(300);
  await expect(panel.getByRole("heading", { name: "Next: the company's answer" })).toBeInViewport();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the checklist and second-interview forms submit, come back to their section, and show errors at the fields", async ({
    page,
    login,
  }) => {
    const recruiter = await login({ role: "recruiter" });
    const { interviewId } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
    await page.goto(`/interviews/${interviewId}?flag=new`);
    await page.getByRole("checkbox", { name: "Blanked on a question" }).check();
    await page.getByRole("button", { name: "Flag interview" }).click();
    await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();
    const titles = currentPlaybookTitles();
    const checklist = page.getByRole("region", { name: "Recovery checklist" });
    const row = (title: string) => checklist.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

    // Mark done: the redirect keeps the fragment, so the browser comes back to the row.
    await row(titles[1]).getByRole("button", { name: `Mark done: ${titles[1]}` }).click();
    await expect(row(titles[1])).toContainText(`Done by ${recruiter.name}`);
    expect(new URL(page.url()).hash).toMatch(/^#step-/);

    // A note saved over a colleague's newer note is refused at the step, with the words typed kept.
    await row(titles[2]).getByText(`Guidance, add a note for ${titles[2]}`).click();
    await row(titles[2]).getByLabel(`Note on “${titles[2]}” (optional)`).fill("Mine, typed first");
    database()
      .prepare(`UPDATE "ChecklistStepState" SET note = 'A colleague wrote this' WHERE runId IN (SELECT id FROM "ChecklistRun" WHERE interviewId = ?) AND stepId IN (SELECT id FROM "PlaybookStep" WHERE title = ?)`)
      .run(interviewId, titles[2]);
    await row(titles[2]).getByRole("button", { name: `Save note: ${titles[2]}` }).click();
    await expect(row(titles[2]).getByRole("alert")).toContainText("A colleague wrote this");
    await expect(row(titles[2]).getByLabel(`Note on “${titles[2]}” (optional)`)).toHaveValue("Mine, typed first");

    // The request goes through; a refused answer shows at its field.
    const panel = page.getByRole("region", { name: "Second interview" });
    await panel.getByRole("button", { name: "Record request" }).click();
    await expect(page.getByText("Second-interview request recorded")).toBeVisible();
    expect(new URL(page.url()).hash).toBe("#second-interview");
    const again = page.getByRole("region", { name: "Second interview" });
    await again.getByLabel("Answer", { exact: true }).selectOption({ label: "Granted" });
    const dayBefore = new Date(Date.now() - 30 * 3600_000);
    await again.getByLabel("Answered on").fill(`${dayBefore.toISOString().slice(0, 10)}T08:00`);
    await again.getByRole("button", { name: "Save answer" }).click();
    const answered = page.getByRole("region", { name: "Second interview" }).getByLabel("Answered on");
    await expect(answered).toHaveAttribute("aria-invalid", "true");
    await expect(answered).toHaveAccessibleDescription(/can't come before the request/);
    const pending = database().prepare<[string], { response: string }>(`SELECT response FROM "SecondInterviewRequest" WHERE interviewId = ?`).get(interviewId);
    expect(pending?.response).toBe("pending");

    // Without JavaScript the new link shows in the panel itself.
    await page.getByRole("button", { name: "Create a link" }).click();
    const coaching = page.getByRole("region", { name: "Candidate's page" });
    await expect(coaching.getByLabel("Candidate link")).toHaveValue(/\/coach\/[A-Za-z0-9_-]{43}$/);
    expect(new URL(page.url()).hash).toBe("#coaching");
  });
});
