// Who may open which page: managers-only pages, signed-out visitors, and URLs no route claims.
import { expect, test } from "./fixtures";

for (const path of ["/settings/users", "/settings/agency", "/settings/checklist", "/emails/templates", "/stats"]) {
  test(`a recruiter gets 403 and the "not allowed" page on ${path}`, async ({ page, login }) => {
    await login({ role: "recruiter" });
    const response = await page.goto(path);

    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You are not allowed to do that" })).toBeVisible();
    await expect(page.getByText("This page is for agency managers.")).toBeVisible();
    await expect(page).toHaveURL(path);
  });
}

test("a signed-out visitor to /candidates is sent to the login page, which remembers where they were going", async ({
  page,
}) => {
  await page.goto("/candidates");

  await expect(page).toHaveURL((url) => url.pathname === "/login" && url.searchParams.get("redirectTo") === "/candidates");
  await expect(page.getByRole("heading", { name: "Log in to Rebound" })).toBeVisible();
});

test("an unknown URL shows a 404 page inside the app shell", async ({ page, login }) => {
  const user = await login({ role: "recruiter" });
  const response = await page.goto("/no-such-page/anywhere");

  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("There is no page at /no-such-page/anywhere.")).toBeVisible();
  await expect(page.getByRole("banner").getByText(user.name, { exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the dashboard" })).toBeVisible();
});
