// My profile's sessions, the sign-in pause with its unlock email, and the agency's candidate visibility setting.
import { createCandidateWithInterview, createUser, database, deleteUsersByEmail, expect, signInContext, test, waitForHydration } from "./fixtures";

test("a recruiter sees where they are signed in and ends another session", async ({ page, login, baseURL, browser }) => {
  const me = await login({ role: "recruiter" });
  const phone = await browser.newContext();
  await signInContext(phone, baseURL!, me.id);

  await page.goto("/");
  await page.getByRole("link", { name: `My profile (${me.name})` }).click();
  await expect(page.getByRole("heading", { name: "Where you are signed in" })).toBeVisible();
  const sessions = page.getByRole("listitem").filter({ hasText: "Signed in" });
  await expect(sessions).toHaveCount(2);
  await expect(page.getByText("This browser")).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 800 });
  await page.screenshot({ path: "test-results/screens/profile-1366.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: "test-results/screens/profile-375.png", fullPage: true });

  await waitForHydration(page);
  await page.getByRole("button", { name: /^End session/ }).click();
  await expect(page.getByText("That session has ended.")).toBeVisible();
  await expect(sessions).toHaveCount(1);

  // The other browser is signed out for real.
  const other = await phone.newPage();
  await other.goto("/candidates");
  await expect(other).toHaveURL(/\/login\?redirectTo=%2Fcandidates/);
  await phone.close();
});

test("after failed sign-ins the page asks to wait and offers the unlock email", async ({ page }) => {
  const user = await createUser();
  try {
    for (let i = 0; i < 4; i++) {
      await page.goto("/login");
      await waitForHydration(page);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(`wrong-guess-${i}`);
      await page.getByRole("button", { name: "Log in" }).click();
      await expect(page.getByRole("alert")).toContainText("Email or password is incorrect.");
    }
    const offer = page.getByRole("button", { name: "Email me a link to set a new password" });
    await expect(offer).toBeVisible();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: "test-results/screens/login-unlock-375.png", fullPage: true });
    await offer.click();
    await expect(page.getByRole("status").filter({ hasText: "we have emailed it a link" })).toBeVisible();
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.screenshot({ path: "test-results/screens/login-unlock-1366.png", fullPage: true });
    const setups = database().prepare<[string], { n: number }>(`SELECT count(*) AS n FROM "PasswordSetup" WHERE "userId" = ?`).get(user.id);
    expect(setups?.n).toBe(1);
  } finally {
    deleteUsersByEmail(user.email);
  }
});

test("with 'recruiters see only their own candidates' on, another recruiter's candidate is a 404 and missing from the table", async ({
  page,
  login,
  baseURL,
  browser,
}) => {
  const owner = await createUser();
  const { candidateId, name } = await createCandidateWithInterview(owner.id);
  await login({ role: "manager" });
  const setVisibility = async (label: RegExp) => {
    await page.goto("/settings/agency");
    await waitForHydration(page);
    await page.getByRole("radio", { name: label }).check();
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Agency settings saved.")).toBeVisible();
  };
  const recruiter = await createUser();
  const context = await browser.newContext();
  try {
    await setVisibility(/Recruiters see only their own candidates/);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.screenshot({ path: "test-results/screens/agency-1366.png", fullPage: true });
    await page.setViewportSize({ width: 375, height: 900 });
    await page.screenshot({ path: "test-results/screens/agency-375.png", fullPage: true });

    await signInContext(context, baseURL!, recruiter.id);
    const theirs = await context.newPage();
    const response = await theirs.goto(`/candidates/${candidateId}`);
    expect(response?.status()).toBe(404);
    await theirs.goto(`/candidates?q=${encodeURIComponent(name)}`);
    await expect(theirs.getByRole("link", { name })).toHaveCount(0);

    await setVisibility(/Shared pool/);
    expect((await theirs.goto(`/candidates/${candidateId}`))?.status()).toBe(200);
  } finally {
    database().prepare(`UPDATE "Agency" SET "recruitersSeeOwnCandidatesOnly" = 0`).run();
    await context.close();
    deleteUsersByEmail(owner.email, recruiter.email);
  }
});
