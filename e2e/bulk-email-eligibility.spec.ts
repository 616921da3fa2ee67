// Bulk email in two steps: choose the template, read who will receive it (and about which interview) and who is
// skipped and why, then send. Of three selected candidates only one is in a recovery "Rough day" applies to.
import type { Page } from "playwright/test";
import { createCandidateWithInterview, expect, flagInterviewDirectly, signInContext, test, waitForHydration } from "./fixtures";

/** One candidate "Rough day" applies to, one whose only interview went well months ago, one already hired. */
async function threeCandidates(recruiterId: string) {
  const ready = await createCandidateWithInterview(recruiterId);
  await flagInterviewDirectly(ready.interviewId);
  const longAgo = await createCandidateWithInterview(recruiterId, { hoursAgo: 150 * 24 });
  const hired = await createCandidateWithInterview(recruiterId, { hoursAgo: 48 });
  await flagInterviewDirectly(hired.interviewId, { reason: "hired" });
  return { ready, longAgo, hired };
}

async function reviewAndSend(
  page: Page,
  recruiterId: string,
  { ready, longAgo, hired }: Awaited<ReturnType<typeof threeCandidates>>,
  { javaScript }: { javaScript: boolean },
) {
  await page.goto(`/candidates?recruiter=${recruiterId}`);
  if (javaScript) await waitForHydration(page);
  for (const c of [ready, longAgo, hired]) await page.getByRole("checkbox", { name: `Select ${c.name}` }).check();
  await page.getByLabel("Email template").selectOption({ label: "Rough day — here's what to do next" });
  await page.getByRole("button", { name: "Review email to selected" }).click();

  const confirm = page.getByRole("region", { name: "Confirm email: Rough day — here's what to do next" });
  await expect(confirm.getByRole("heading", { name: "Will receive it (1)" })).toBeVisible();
  // The one recipient, with the interview the email is about.
  const row = confirm.getByRole("row").filter({ hasText: ready.name });
  await expect(row).toContainText(`Office Manager at ${ready.companyName}`);
  await expect(confirm.getByRole("row").filter({ hasText: longAgo.name })).toHaveCount(0);
  // The two skipped, each with the reason in words.
  await expect(confirm.getByRole("heading", { name: "Skipped (2)" })).toBeVisible();
  await expect(confirm.getByRole("listitem").filter({ hasText: longAgo.name })).toContainText(
    "Skipped: None of their interviews is flagged, so there is no recovery to write about.",
  );
  await expect(confirm.getByRole("listitem").filter({ hasText: hired.name })).toContainText("Skipped: This recovery is closed (Hired).");

  await confirm.getByRole("button", { name: "Send email to 1 candidate" }).click();
  const results = page.getByRole("region", { name: "Email results" });
  await expect(results.getByRole("listitem").filter({ hasText: ready.name })).toContainText("Queued");
  await expect(results.getByRole("listitem")).toHaveCount(1);

  await page.goto(`/emails?recruiter=${recruiterId}`);
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(/ of 1 email/);
  await expect(page.getByRole("row").filter({ hasText: ready.name })).toHaveCount(1);
}

test("a bulk send to three candidates of whom two are not eligible confirms with reasons and sends one", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const three = await threeCandidates(recruiter.id);
  await reviewAndSend(page, recruiter.id, three, { javaScript: true });
  // Once sent, the confirmation is gone: only the results remain.
  await expect(page.getByRole("region", { name: /^Confirm email/ })).toHaveCount(0);
});

test("without JavaScript the same two steps work", async ({ browser, baseURL, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const three = await threeCandidates(recruiter.id);
  const context = await browser.newContext({ javaScriptEnabled: false });
  await signInContext(context, baseURL!, recruiter.id);
  const page = await context.newPage();
  await reviewAndSend(page, recruiter.id, three, { javaScript: false });
  await context.close();
});
