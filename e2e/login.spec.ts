// Signing in and out through the real login form.
import type { Page } from "playwright/test";
import { createUser, deleteUsersByEmail, DEMO_PASSWORD, demoUsers, expect, test, uniqueEmail, waitForHydration } from "./fixtures";

const GENERIC_ERROR = /^\W*Email or password is incorrect\.$/;

async function openLoginPage(page: Page, path = "/login") {
  await page.goto(path);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "Log in to Rebound" })).toBeVisible();
}

async function submitLogin(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** The form-level messages of the login form (each starts with a decorative ⚠, hence \W* in GENERIC_ERROR). */
function loginErrors(page: Page) {
  return page.getByRole("main").getByRole("listitem");
}

for (const demo of [
  { ...demoUsers.manager, roleLabel: "Manager", firstName: "Morgan", seesManagerLinks: true },
  { ...demoUsers.recruiter, roleLabel: "Recruiter", firstName: "Riley", seesManagerLinks: false },
]) {
  test(`the demo ${demo.role} logs in, sees their name and role in the shell, and logs out`, async ({ page }) => {
    await openLoginPage(page);
    await submitLogin(page, demo.email, DEMO_PASSWORD);

    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { name: `Welcome, ${demo.firstName}` })).toBeVisible();
    const header = page.getByRole("banner");
    await expect(header.getByText(demo.name, { exact: true })).toBeVisible();
    await expect(header.getByText(demo.roleLabel, { exact: true })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const link of ["Dashboard", "Candidates", "Interviews", "Emails"]) {
      await expect(nav.getByRole("link", { name: link })).toBeVisible();
    }
    for (const link of ["Stats", "Settings"]) {
      await expect(nav.getByRole("link", { name: link })).toHaveCount(demo.seesManagerLinks ? 1 : 0);
    }

    await header.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL("/login");
    await expect(page.getByRole("heading", { name: "Log in to Rebound" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

    await page.goto("/");
    await expect(page).toHaveURL("/login");
    await expect(page.getByRole("heading", { name: "Log in to Rebound" })).toBeVisible();
  });
}

test("a wrong password shows only the generic error, keeps the typed email and clears the password", async ({ page }) => {
  const user = await createUser();
  try {
    await openLoginPage(page);
    await submitLogin(page, user.email, "not-the-right-password");

    await expect(loginErrors(page)).toHaveText([GENERIC_ERROR]);
    await expect(page).toHaveURL("/login");
    await expect(page.getByLabel("Email")).toHaveValue(user.email);
    await expect(page.getByLabel("Password")).toHaveValue("");
  } finally {
    deleteUsersByEmail(user.email);
  }
});

test("an unknown email shows the same generic error", async ({ page }) => {
  const email = uniqueEmail("nobody");
  await openLoginPage(page);
  await submitLogin(page, email, "whatever-password");

  await expect(loginErrors(page)).toHaveText([GENERIC_ERROR]);
  await expect(page).toHaveURL("/login");
  await expect(page.getByLabel("Email")).toHaveValue(email);
});

test("logging in from a redirectTo link lands on the page that was asked for", async ({ page }) => {
  await openLoginPage(page, "/login?redirectTo=/emails");
  await submitLogin(page, demoUsers.recruiter.email, DEMO_PASSWORD);

  await expect(page).toHaveURL("/emails");
  await expect(page.getByRole("heading", { name: "Emails", level: 1 })).toBeVisible();
});
