// Decision 008 without JavaScript: a refused form comes back as the page itself, with the message where it belongs.
import { createCandidateWithInterview, createUser, deleteUsersByEmail, expect, flagAndCreateLink, test } from "./fixtures";

test("without JavaScript, a refused sign-in shows its message on the page and keeps the typed email", async ({ browser, baseURL }) => {
  const user = await createUser();
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not-the-right-password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert")).toContainText("Email or password is incorrect.");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel("Email")).toHaveValue(user.email);
    await expect(page.getByLabel("Password")).toHaveValue("");
    for (const width of [1366, 375]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `test-results/screens/login-refused-nojs-${width}.png`, fullPage: true });
    }
  } finally {
    await context.close();
    deleteUsersByEmail(user.email);
  }
});

test("without JavaScript, a too-long reflection answer is refused at its field and keeps what was typed", async ({
  page,
  login,
  browser,
  baseURL,
}) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId } = await createCandidateWithInterview(recruiter.id);
  const path = await flagAndCreateLink(page, interviewId);
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    const candidate = await context.newPage();
    await candidate.goto(path);
    await candidate.getByLabel("What went well").fill("Kept calm.");
    await candidate.getByLabel("What went wrong").fill("x".repeat(5001));
    await candidate.getByRole("button", { name: "Save my reflection" }).click();
    const wentWrong = candidate.getByLabel("What went wrong");
    await expect(wentWrong).toHaveAttribute("aria-invalid", "true");
    await expect(candidate.getByText("What went wrong can be at most 5,000 characters.")).toBeVisible();
    await expect(candidate.getByLabel("What went well")).toHaveValue("Kept calm.");
    await expect(candidate.getByRole("status").filter({ hasText: "Not saved" })).toBeVisible();
    for (const width of [1366, 375]) {
      await candidate.setViewportSize({ width, height: 800 });
      await candidate.screenshot({ path: `test-results/screens/coach-refused-nojs-${width}.png`, fullPage: true });
    }
  } finally {
    await context.close();
  }
});
