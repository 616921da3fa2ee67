// The recovery lifecycle in the browser: a hire closes everything and the candidate leaves every queue; a snooze
// hides the recovery from the dashboard until its time comes.
import type { Page } from "playwright/test";
import { sqlDate } from "../app/utils/sql-dialect.server";
import { createCandidateWithInterview, database, expect, test, waitForHydration } from "./fixtures";

async function flagFromPage(page: Page, interviewId: string) {
  await page.goto(`/interviews/${interviewId}?flag=new`);
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: "Blanked on a question" }).check();
  await page.getByLabel("Severity").selectOption({ label: "Serious" });
  await page.getByRole("button", { name: "Flag interview" }).click();
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();
}

/** The dashboard's links to this candidate's interview: one per queue the recovery is in. */
async function dashboardLinksTo(page: Page, name: string, companyName: string) {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  return page.getByRole("link", { name: `${name} at ${companyName}` });
}

test("recording the hire closes the recovery, finishes its checklist, and the candidate leaves every queue", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId, candidateId, name, companyName } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
  await flagFromPage(page, interviewId);
  await expect(page.getByText(/Recovery window:.*left/)).toBeVisible();

  // In the call queue and the candidate's steps.
  expect(await (await dashboardLinksTo(page, name, companyName)).count()).toBeGreaterThanOrEqual(2);

  await page.goto(`/interviews/${interviewId}`);
  await waitForHydration(page);
  // No request yet, so the outcome is one disclosure away rather than the next form.
  await page.getByText("Record the outcome now").click();
  await page.getByLabel("Outcome", { exact: true }).selectOption({ label: "Hired" });
  await page.getByLabel("Start date").fill(new Date(Date.now() + 14 * 24 * 3600_000).toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Record outcome" }).click();
  await expect(page.getByText("Outcome recorded: Hired. The candidate is now hired.")).toBeVisible();

  const flagPanel = page.getByRole("region", { name: "Flagged as gone badly" });
  await expect(flagPanel.getByText("Recovery closed")).toBeVisible();
  await expect(flagPanel.getByText("Hired", { exact: true })).toBeVisible();
  const checklist = page.getByRole("region", { name: "Recovery checklist" });
  await expect(checklist.getByText(/Finished/)).toBeVisible();
  await expect(checklist.getByText("Not needed", { exact: true }).first()).toBeVisible();
  await expect(checklist.getByRole("button", { name: /Mark done/ })).toHaveCount(0);

  await expect(await dashboardLinksTo(page, name, companyName)).toHaveCount(0);
  const row = database()
    .prepare<[string], { status: string; openFlagCount: number }>(`SELECT status, openFlagCount FROM "Candidate" WHERE id = ?`)
    .get(candidateId);
  expect(row).toEqual({ status: "hired", openFlagCount: 0 });

  // It can be reopened, and is back at once.
  await page.goto(`/interviews/${interviewId}`);
  await page.getByRole("button", { name: "Reopen recovery" }).click();
  await expect(page.getByText("Recovery reopened")).toBeVisible();
  expect(await (await dashboardLinksTo(page, name, companyName)).count()).toBeGreaterThanOrEqual(1);
});

test("snoozing from the dashboard hides the recovery from every queue until its time, then it returns", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId, name, companyName } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
  await flagFromPage(page, interviewId);

  await dashboardLinksTo(page, name, companyName);
  await page.getByRole("link", { name: `Snooze the recovery of ${name}` }).first().click();
  await expect(page.getByRole("heading", { name: "Snooze this recovery" })).toBeFocused();
  await page.getByLabel("Snooze note").fill("Candidate is travelling until tomorrow");
  await page.getByRole("button", { name: "Snooze", exact: true }).click();
  await expect(page.getByText(/Recovery snoozed until/)).toBeVisible();
  await expect(page.getByText("Candidate is travelling until tomorrow")).toBeVisible();

  await expect(await dashboardLinksTo(page, name, companyName)).toHaveCount(0);

  // The snooze's time comes (moved into the past rather than waited for): the recovery is back in the queues.
  database().prepare(`UPDATE "InterviewFlag" SET "snoozedUntil" = ? WHERE "interviewId" = ?`).run(sqlDate(new Date(Date.now() - 60_000)), interviewId);
  expect(await (await dashboardLinksTo(page, name, companyName)).count()).toBeGreaterThanOrEqual(1);
});

test("closing by hand asks why, refuses 'resolved' without a note at the field, and keeps the choice", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId, name, companyName } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
  await flagFromPage(page, interviewId);
  await page.getByRole("link", { name: "Close recovery" }).click();
  await expect(page.getByRole("heading", { name: "Close this recovery" })).toBeFocused();
  await page.getByRole("button", { name: "Close recovery" }).click();
  await expect(page.getByText("Say how it was resolved.")).toBeVisible();
  await expect(page.getByLabel("Closing note")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Why is it over?").selectOption({ label: "Candidate withdrew" });
  await page.getByRole("button", { name: "Close recovery" }).click();
  await expect(page.getByText("Recovery closed: candidate withdrew.")).toBeVisible();
  await expect(await dashboardLinksTo(page, name, companyName)).toHaveCount(0);
});
