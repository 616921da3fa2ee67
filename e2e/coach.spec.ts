// The candidate's own coaching page: opened from a link on a phone, no login, and refused once expired or revoked.
import { sqlDate } from "../app/utils/sql-dialect.server";
import { createCandidateWithInterview, flagAndCreateLink, database, expect, test, waitForHydration } from "./fixtures";

const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

function recruiterStepTitles() {
  return database()
    .prepare<[], { title: string }>(
      `SELECT s.title FROM "PlaybookStep" s JOIN "PlaybookVersion" v ON v.id = s.versionId
       WHERE v.version = (SELECT MAX(version) FROM "PlaybookVersion") AND s.owner = 'recruiter'`,
    )
    .all()
    .map((row) => row.title);
}

test("a candidate opens their link on a phone, ticks a step and fills the worksheet; the recruiter sees it", async ({
  page,
  login,
  browser,
}) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId, name } = await createCandidateWithInterview(recruiter.id);
  const path = await flagAndCreateLink(page, interviewId);
  // A private recruiter note on a step must never reach the candidate.
  const secret = `Private: client said ${Date.now().toString(36)}`;
  // The note opens on demand, under the step's "Guidance" disclosure.
  await page.getByText(/^Guidance, add a note for /).first().click();
  const firstNote = page.getByLabel(/^Note on/).first();
  await firstNote.fill(secret);
  await page.getByRole("button", { name: /^Save note:/ }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Note saved." })).toBeVisible();

  const candidateContext = await browser.newContext({ ...phone, baseURL: new URL(page.url()).origin });
  const mobile = await candidateContext.newPage();
  const response = await mobile.goto(path);
  expect(response?.status()).toBe(200);
  await waitForHydration(mobile);
  await expect(mobile.getByRole("heading", { level: 1 })).toHaveText(`Hi ${name.split(" ")[0]}, let’s get you back on track`);
  await expect(mobile.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  // Only the candidate's own steps: none of the recruiter's, no recruiter notes.
  for (const title of recruiterStepTitles()) await expect(mobile.getByText(title, { exact: true })).toHaveCount(0);
  await expect(mobile.getByText(secret)).toHaveCount(0);
  // Nothing sideways to scroll on a phone.
  expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  const markDone = mobile.getByRole("button", { name: /^Mark done:/ }).first();
  const stepName = ((await markDone.getAttribute("aria-label")) ?? (await markDone.textContent()) ?? "").replace(/^Mark done:\s*/, "");
  await markDone.click();
  await expect(mobile.getByRole("heading", { name: stepName, exact: true }).locator("xpath=..")).toContainText("Done");

  await mobile.getByRole("textbox", { name: "What went well" }).fill("I explained the budgeting project clearly.");
  await mobile.getByRole("textbox", { name: "What went wrong" }).fill("I called Dana 'Diane' twice and lost my thread.");
  await mobile.getByRole("textbox", { name: "The questions you were asked" }).fill("Tell me about a time you disagreed with a manager.");
  await mobile.getByRole("textbox", { name: "What you will do differently" }).fill("Write the panel's names on my notepad first.");
  await expect(mobile.getByRole("status").filter({ hasText: /Saved at \d{2}:\d{2}/ })).toBeVisible();
  await candidateContext.close();

  await page.goto(`/interviews/${interviewId}`);
  const panel = page.getByRole("region", { name: "Candidate's page" });
  await expect(panel.getByText("I called Dana 'Diane' twice and lost my thread.")).toBeVisible();
  await expect(panel.getByText("Write the panel's names on my notepad first.")).toBeVisible();
  const checklist = page.getByRole("region", { name: "Recovery checklist" });
  await expect(checklist.getByRole("listitem").filter({ has: page.getByRole("heading", { name: stepName, exact: true }) })).toContainText("by the candidate");
});

test("an expired link and a revoked link get the same plain 'not valid' page", async ({ page, login, browser }) => {
  const recruiter = await login({ role: "recruiter" });
  const first = await createCandidateWithInterview(recruiter.id);
  const expiredPath = await flagAndCreateLink(page, first.interviewId);
  database()
    .prepare(`UPDATE "CoachingLink" SET "expiresAt" = ? WHERE "runId" IN (SELECT id FROM "ChecklistRun" WHERE "interviewId" = ?)`)
    .run(sqlDate(Date.now() - 60_000), first.interviewId);

  const second = await createCandidateWithInterview(recruiter.id);
  const revokedPath = await flagAndCreateLink(page, second.interviewId);
  await page.getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByText("Candidate link revoked.")).toBeVisible();

  const visitor = await browser.newContext({ ...phone, baseURL: new URL(page.url()).origin });
  const candidatePage = await visitor.newPage();
  const bodies: string[] = [];
  for (const path of [expiredPath, revokedPath, "/coach/not-a-real-token-at-all"]) {
    const response = await candidatePage.goto(path);
    expect(response?.status()).toBe(404);
    await expect(candidatePage.getByRole("heading", { level: 1 })).toHaveText("This link is not valid");
    bodies.push(await candidatePage.locator("main").innerText());
  }
  expect(new Set(bodies).size).toBe(1);
  await visitor.close();
});
