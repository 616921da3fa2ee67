// Candidate reminders from the interview page: the recruiter switches them on by keyboard alone, sees when the next
// reminder is planned, and switches them off again.
import { createCandidateWithInterview, database, expect, test, waitForHydration } from "./fixtures";

test("the recruiter switches candidate reminders on by keyboard and sees the planned time, then off", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
  await page.goto(`/interviews/${interviewId}?flag=new`);
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: "Blanked on a question" }).check();
  await page.getByLabel("Severity").selectOption({ label: "Serious" });
  await page.getByRole("button", { name: "Flag interview" }).click();
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();

  const reminders = page.getByRole("region", { name: "Candidate reminders" });
  const toggle = reminders.getByRole("switch", { name: "Remind the candidate by email when a step is due" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(reminders.getByText(/^Off\. The candidate gets no reminders/)).toBeVisible();

  // Keyboard only: focus the switch and press Enter.
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  const state = reminders.getByText(/^On\. Next reminder planned for \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/);
  await expect(state).toBeVisible();
  // Focus lands on the state, which the page announces; the toast says the same.
  await expect(state).toBeFocused();
  await expect(page.getByText(/Candidate reminders are on: the next one goes out/).first()).toBeVisible();

  await page.setViewportSize({ width: 1366, height: 900 });
  await reminders.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/candidate-reminders-1366.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await reminders.scrollIntoViewIfNeeded();
  // The phone view where the switch is (a full 375 px page is too long to read).
  await page.screenshot({ path: "test-results/screens/candidate-reminders-375.png" });

  // Off again, with the space bar this time.
  await toggle.focus();
  await page.keyboard.press("Space");
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(reminders.getByText(/^Off\./)).toBeVisible();
  await expect(page.getByText("Candidate reminders are off.").first()).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the switch posts the page, comes back to it, and a refusal says why", async ({ page, login }) => {
    const recruiter = await login({ role: "recruiter" });
    const { interviewId, candidateId } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
    await page.goto(`/interviews/${interviewId}?flag=new`);
    await page.getByRole("checkbox", { name: "Blanked on a question" }).check();
    await page.getByRole("button", { name: "Flag interview" }).click();
    await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();

    const reminders = page.getByRole("region", { name: "Candidate reminders" });
    const toggle = reminders.getByRole("switch", { name: "Remind the candidate by email when a step is due" });
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await expect(reminders.getByText(/^On\. Next reminder planned for/)).toBeVisible();
    expect(new URL(page.url()).hash).toBe("#candidate-reminders");

    // Switched off, and the candidate unsubscribes meanwhile (in another tab, say): switching on again is refused.
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-checked", "false");
    database().prepare(`UPDATE "Candidate" SET "emailOptOut" = 1 WHERE id = ?`).run(candidateId);
    await toggle.click();
    await expect(reminders.getByRole("alert")).toContainText("unsubscribed from our emails, so Rebound can't remind them");
    await expect(toggle).toBeDisabled();
    await expect(reminders.getByText(/^Off\. Can't be switched on: the candidate unsubscribed from emails\./)).toBeVisible();
  });
});
