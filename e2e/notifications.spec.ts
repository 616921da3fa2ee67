// Notifications in the browser: a candidate's tick on their coaching page reaches the recruiter's bell; the
// recruiter opens it (which marks it read) and marks the other read; a kind switched off stays quiet.
import { createCandidateWithInterview, expect, flagAndCreateLink, test, waitForHydration, type TestUser } from "./fixtures";
import type { Browser, Page } from "playwright/test";

// Each journey flags an interview, creates a link and opens a second (phone) browser: more than the default 30 s
// on a busy machine.
test.describe.configure({ timeout: 180_000 });

const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

/** The candidate opens their link on a phone and ticks `count` of their steps; returns the steps' titles. */
async function candidateTicks(browser: Browser, page: Page, path: string, count: number) {
  const context = await browser.newContext({ ...phone, baseURL: new URL(page.url()).origin });
  const mobile = await context.newPage();
  await mobile.goto(path);
  await waitForHydration(mobile);
  const titles: string[] = [];
  for (let i = 0; i < count; i++) {
    const markDone = mobile.getByRole("button", { name: /^Mark done:/ }).first();
    const label = (await markDone.getAttribute("aria-label")) ?? (await markDone.textContent()) ?? "";
    const title = label.replace(/^Mark done:\s*/, "").trim();
    await markDone.click();
    await expect(mobile.getByRole("heading", { name: title, exact: true }).locator("xpath=..")).toContainText("Done");
    titles.push(title);
  }
  await context.close();
  return titles;
}

async function flaggedWithLink(page: Page, recruiter: TestUser) {
  const { interviewId, name } = await createCandidateWithInterview(recruiter.id);
  const path = await flagAndCreateLink(page, interviewId);
  return { interviewId, name, path };
}

test("a candidate's tick shows in the recruiter's bell; opening it marks it read, and so does 'Mark as read'", async ({ page, login, browser }) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId, name, path } = await flaggedWithLink(page, recruiter);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Notifications, none unread" })).toBeVisible();

  await candidateTicks(browser, page, path, 2);

  await page.reload();
  const bell = page.getByRole("link", { name: "Notifications, 2 unread" });
  await expect(bell).toBeVisible();
  // The count is text, not a coloured dot alone.
  await expect(bell).toContainText("2 unread");
  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByText("2 unread.")).toBeVisible();
  const items = page.getByRole("listitem").filter({ hasText: `${name} ticked a step` });
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText("Unread");

  // Opening a notification marks it read and leads to the interview it is about.
  await items.first().getByRole("button", { name: `${name} ticked a step`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/interviews/${interviewId}$`));
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();

  await page.goto("/notifications");
  await waitForHydration(page);
  await page.getByRole("button", { name: new RegExp(`^Mark as read\\s*:\\s*${name} ticked a step$`) }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked as read." })).toBeVisible();
  await expect(page.getByText("Nothing unread.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Notifications, none unread" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: `${name} ticked a step` }).filter({ hasText: "Unread" })).toHaveCount(0);
});

test("switched off under My profile → Notifications, candidate activity makes no notification", async ({ page, login, browser }) => {
  const recruiter = await login({ role: "recruiter" });
  await page.goto("/profile");
  await page.getByRole("link", { name: /Notifications: choose what Rebound tells you/ }).click();
  await expect(page).toHaveURL(/\/profile\/notifications$/);
  await waitForHydration(page);
  const activity = page.getByRole("group", { name: "Candidate activity" });
  await expect(activity.getByRole("radio", { name: "In the app", exact: true })).toBeChecked();
  // Window alerts default to the app and email.
  await expect(page.getByRole("group", { name: "Recovery window closing" }).getByRole("radio", { name: "In the app and by email" })).toBeChecked();
  // Managers' kinds are not offered to a recruiter.
  await expect(page.getByRole("group", { name: "Recovery window missed" })).toHaveCount(0);
  await activity.getByRole("radio", { name: "Off" }).check();
  // The morning digest is on by default; the weekly summary is a manager's and not offered here.
  const digests = page.getByRole("group", { name: "Email digests" });
  await expect(digests.getByRole("checkbox", { name: /Morning digest/ })).toBeChecked();
  await expect(digests.getByRole("checkbox", { name: /Weekly summary/ })).toHaveCount(0);
  await digests.getByRole("checkbox", { name: /Morning digest/ }).uncheck();
  await page.getByRole("button", { name: "Save notification choices" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your notification choices are saved." })).toBeVisible();
  await expect(page.getByRole("group", { name: "Candidate activity" }).getByRole("radio", { name: "Off" })).toBeChecked();
  await expect(page.getByRole("group", { name: "Email digests" }).getByRole("checkbox", { name: /Morning digest/ })).not.toBeChecked();

  const { name, path } = await flaggedWithLink(page, recruiter);
  await candidateTicks(browser, page, path, 1);
  await page.goto("/notifications");
  await expect(page.getByText(`${name} ticked a step`)).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Notifications, none unread" })).toBeVisible();
});
