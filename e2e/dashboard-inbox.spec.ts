// The dashboard's inbox for today: what to do next above the fold for a recruiter and a manager on the demo data,
// every count a link to the whole list, the call marked done by keyboard, and no sideways scrolling on a phone.
import type { Page } from "playwright/test";
import { createCandidateWithInterview, database, demoUsers, expect, test, waitForHydration } from "./fixtures";

async function flagFromPage(page: Page, interviewId: string) {
  await page.goto(`/interviews/${interviewId}?flag=new`);
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: "Blanked on a question" }).check();
  await page.getByLabel("Severity").selectOption({ label: "Serious" });
  await page.getByRole("button", { name: "Flag interview" }).click();
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();
}

const inbox = (page: Page) => page.getByRole("region", { name: /inbox for today/ });

async function expectFirstActionAboveTheFold(page: Page) {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto("/");
  const firstItem = inbox(page).getByRole("listitem").first();
  await expect(firstItem).toBeVisible();
  const action = firstItem.getByRole("link").first();
  // Wholly inside the first 900 px of an unscrolled page (retried, so a late layout shift can't fool it).
  await expect(action).toBeInViewport({ ratio: 1 });
  const box = await action.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(900);
  // The page itself starts there: no scrolling happened to show it.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
}

test("a recruiter's first actionable item is above the fold at 1366×900 on the demo data", async ({ page, login }) => {
  await login({ email: demoUsers.recruiter.email });
  await expectFirstActionAboveTheFold(page);
  await expect(page.getByRole("heading", { name: /Calls due inside the 24-hour window/ })).toBeVisible();
});

test("a manager's first actionable item is above the fold, with the team's load below linking into each recruiter's lists", async ({ page, login }) => {
  await login({ email: demoUsers.manager.email });
  await expectFirstActionAboveTheFold(page);
  const team = page.getByRole("table", { name: /Each recruiter's open recoveries/ });
  await expect(team).toBeVisible();
  const riley = team.getByRole("row").filter({ hasText: demoUsers.recruiter.name });
  const calls = riley.getByRole("link", { name: new RegExp(`calls due for ${demoUsers.recruiter.name}`) });
  const n = Number(await calls.textContent());
  await calls.click();
  await expect(page.getByRole("heading", { level: 1, name: /Calls due/ })).toBeVisible();
  await expect(page.getByText(`${n} in all for ${demoUsers.recruiter.name}.`)).toBeVisible();
});

test("each section's “All N” leads to the full list, which shows all N", async ({ page, login }) => {
  await login({ email: demoUsers.manager.email });
  await page.goto("/");
  for (const section of ["Overdue steps", "Interviews today and tomorrow"]) {
    await page.goto("/");
    const region = page.getByRole("region", { name: new RegExp(section) });
    const all = region.getByRole("link", { name: /^All \d+/ });
    const n = Number((await all.textContent())!.match(/All (\d+)/)![1]);
    expect(n).toBeGreaterThan(0);
    await all.click();
    await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
    await expect(page.getByText(`${n} in all across the agency.`)).toBeVisible();
    // Every one of them, page by page.
    const items = () => page.getByRole("main").getByRole("list").first().getByRole("listitem").count();
    let shown = await items();
    while (await page.getByRole("link", { name: "Next page" }).count()) {
      await page.getByRole("link", { name: "Next page" }).click();
      await expect(page.getByText(/Page \d+ of \d+/)).toBeVisible();
      shown += await items();
    }
    expect(shown).toBe(n);
  }
});

test("the call is marked done from the dashboard by keyboard alone, and leaves the call list", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId, name, companyName } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
  await flagFromPage(page, interviewId);

  await page.goto("/");
  await waitForHydration(page);
  const calls = page.getByRole("region", { name: /Calls due/ });
  const item = calls.getByRole("link", { name: `${name} at ${companyName}` });
  await expect(item).toBeVisible();
  await expect(calls.getByText(/^\d+ h( \d+ min)? left$/)).toBeVisible();
  await item.focus();
  await page.keyboard.press("Tab");
  const button = calls.getByRole("button", { name: `Mark call done for ${name}` });
  await expect(button).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Call marked done." })).toBeVisible();
  await expect(calls.getByRole("link", { name: `${name} at ${companyName}` })).toHaveCount(0);

  const step = database()
    .prepare<[string], { status: string; completedById: string | null }>(
      `SELECT s.status, s.completedById FROM "ChecklistStepState" s JOIN "ChecklistRun" r ON r.id = s.runId
       JOIN "PlaybookStep" p ON p.id = s.stepId WHERE r.interviewId = ? AND p.dueOffsetMinutes = 1440`,
    )
    .get(interviewId);
  expect(step).toEqual({ status: "done", completedById: recruiter.id });
});

test("candidate activity stays until “Mark as seen”, which clears it", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId, candidateId, name } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
  await flagFromPage(page, interviewId);
  // The candidate unsubscribes on their own (the audit event a candidate's action writes).
  database()
    .prepare(`INSERT INTO "AuditEvent" (id, at, actorLabel, action, entityType, entityId, candidateId, before, after) VALUES (?, ?, 'candidate', 'candidate.unsubscribed', 'Candidate', ?, ?, ?, ?)`)
    .run(`e2e-${Date.now()}`, new Date().toISOString(), candidateId, candidateId, JSON.stringify({ emailOptOut: false }), JSON.stringify({ emailOptOut: true, queuedMessagesStopped: 0 }));

  await page.goto("/");
  const activity = page.getByRole("region", { name: /Candidate activity/ });
  await expect(activity.getByText(`${name} unsubscribed from emails`)).toBeVisible();
  await page.reload();
  await expect(activity.getByText(`${name} unsubscribed from emails`)).toBeVisible(); // looking is not "seen"
  await activity.getByRole("button", { name: "Mark as seen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Candidate activity marked as seen." })).toBeVisible();
  await expect(activity.getByText(`${name} unsubscribed from emails`)).toHaveCount(0);
  await expect(activity.getByText(/Nothing new from candidates/)).toBeVisible();
});

for (const who of ["recruiter", "manager"] as const) {
  test(`no horizontal page scroll on the dashboard at 375 px (${who})`, async ({ page, login }) => {
    await login({ email: demoUsers[who].email });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    // The header's parts stay inside the screen.
    for (const box of await page.locator("header").evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right))) {
      expect(box).toBeLessThanOrEqual(375);
    }
  });
}
