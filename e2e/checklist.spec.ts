// The recovery checklist: started by a flag, worked through on the interview page, and a playbook only managers edit.
import type { Page } from "playwright/test";
import { createCandidateWithInterview, currentPlaybookTitles, expect, test, waitForHydration } from "./fixtures";

async function flagInterview(page: Page, interviewId: string) {
  await page.goto(`/interviews/${interviewId}?flag=new`);
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: "Blanked on a question" }).check();
  await page.getByLabel("Severity").selectOption({ label: "Serious" });
  await page.getByRole("button", { name: "Flag interview" }).click();
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();
}

test("flagging starts the checklist; the recruiter marks done, skips, notes and undoes steps and the progress follows", async ({
  page,
  login,
}) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId, candidateId } = await createCandidateWithInterview(recruiter.id);
  const titles = currentPlaybookTitles();
  expect(titles.length).toBeGreaterThanOrEqual(11);

  await flagInterview(page, interviewId);
  const checklist = page.getByRole("region", { name: "Recovery checklist" });
  await expect(checklist.getByText(`0 of ${titles.length} steps done or skipped`)).toBeVisible();
  const step = (title: string) =>
    checklist.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

  // Every step has an absolute due time in the agency's zone.
  await expect(step(titles[0])).toContainText(/Due .*\d{2}:\d{2}/);

  await step(titles[0]).getByRole("button", { name: `Mark done: ${titles[0]}` }).click();
  await expect(step(titles[0])).toContainText("Done");
  await expect(step(titles[0])).toContainText(`Done by ${recruiter.name}`);
  await expect(checklist.getByText(`1 of ${titles.length} steps done or skipped`)).toBeVisible();

  await step(titles[1]).getByRole("button", { name: `Skip: ${titles[1]}` }).click();
  await expect(step(titles[1])).toContainText("Skipped");
  await expect(checklist.getByText(`2 of ${titles.length} steps done or skipped`)).toBeVisible();

  await step(titles[2]).getByText(`Guidance, add a note for ${titles[2]}`).click();
  await step(titles[2]).getByLabel(`Note on “${titles[2]}” (optional)`).fill("Left a voicemail; will try again at 4pm.");
  await step(titles[2]).getByRole("button", { name: `Save note: ${titles[2]}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Note saved." })).toBeVisible();
  await page.reload();
  await step(titles[2]).getByText(`Guidance and note for ${titles[2]}`).click();
  await expect(step(titles[2]).getByLabel(`Note on “${titles[2]}” (optional)`)).toHaveValue("Left a voicemail; will try again at 4pm.");

  await step(titles[0]).getByRole("button", { name: `Undo: ${titles[0]}` }).click();
  await expect(step(titles[0]).getByRole("button", { name: `Mark done: ${titles[0]}` })).toBeVisible();
  await expect(checklist.getByText(`1 of ${titles.length} steps done or skipped`)).toBeVisible();

  // Every tick lands on the candidate's timeline.
  await page.goto(`/candidates/${candidateId}`);
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByText(`Checklist step skipped: ${titles[1]}`)).toBeVisible();
  await expect(timeline.getByText("Recovery checklist started", { exact: false })).toBeVisible();
});

test("removing the flag cancels the checklist, visibly", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId } = await createCandidateWithInterview(recruiter.id);
  await flagInterview(page, interviewId);

  await page.getByRole("link", { name: "Remove flag" }).click();
  await page.getByRole("button", { name: "Yes, remove the flag" }).click();
  await expect(page.getByText(/Checklist cancelled when the flag was removed on/)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Mark done:/ })).toHaveCount(0);
});

test("a manager changes the playbook: running checklists keep their version, new flags get the new one", async ({
  page,
  login,
}) => {
  const manager = await login({ role: "manager" });
  const before = await createCandidateWithInterview(manager.id);
  await flagInterview(page, before.interviewId);
  const oldTitles = currentPlaybookTitles();

  await page.goto("/settings/checklist");
  await waitForHydration(page);
  const version = Number((await page.getByText(/^Version \d+/).first().textContent())?.match(/\d+/)?.[0]);
  const newTitle = `Breathe, then write it down ${Date.now().toString(36)}`;
  const first = page.getByRole("group", { name: "Step 1", exact: true });
  await first.getByLabel("Title").fill(newTitle);
  await page.getByRole("button", { name: "Save checklist" }).click();
  await expect(page.getByText(`Checklist saved as version ${version + 1}.`)).toBeVisible();
  expect(currentPlaybookTitles()[0]).toBe(newTitle);

  // The checklist that was already running keeps the old wording.
  await page.goto(`/interviews/${before.interviewId}`);
  const running = page.getByRole("region", { name: "Recovery checklist" });
  await expect(running.getByRole("heading", { name: oldTitles[0], exact: true })).toBeVisible();
  await expect(running.getByRole("heading", { name: newTitle })).toHaveCount(0);

  const after = await createCandidateWithInterview(manager.id);
  await flagInterview(page, after.interviewId);
  await expect(page.getByRole("region", { name: "Recovery checklist" }).getByRole("heading", { name: newTitle })).toBeVisible();
});

test("a field error on the playbook keeps the manager's edits and saves nothing", async ({ page, login }) => {
  await login({ role: "manager" });
  const titles = currentPlaybookTitles();
  await page.goto("/settings/checklist");
  await waitForHydration(page);
  const second = page.getByRole("group", { name: "Step 2", exact: true });
  await second.getByLabel("Title").fill("");
  await second.getByLabel("Guidance").fill("Kept while the title is fixed.");
  await page.getByRole("button", { name: "Save checklist" }).click();
  await expect(second.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(second.getByLabel("Guidance")).toHaveValue("Kept while the title is fixed.");
  expect(currentPlaybookTitles()).toEqual(titles);
});
