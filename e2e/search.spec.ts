// Search: the header's box on every staff page (type-ahead, keyboard, Enter for the results page) and /interviews?q=.
import { createCandidateWithInterview, database, expect, test, uniqueEmail, uniqueName, waitForHydration } from "./fixtures";

// Each journey signs in, makes its data and visits several pages: on a loaded 2-core machine that can pass 30 s.
test.describe.configure({ timeout: 90_000 });

/** A candidate with a one-off email domain, so part of the address finds exactly them. */
async function candidateWithOddEmail(recruiterId: string) {
  const made = await createCandidateWithInterview(recruiterId);
  const domain = `qx${Date.now().toString(36)}mail`;
  const email = `${made.name.split(" ")[0].toLowerCase()}.${domain}@e2e.example.com`;
  database().prepare(`UPDATE "Candidate" SET email = ? WHERE id = ?`).run(email, made.candidateId);
  return { ...made, email, domain };
}

test("the header search finds a candidate by part of an email as you type, by keyboard from `/`", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const casey = await candidateWithOddEmail(recruiter.id);

  await page.goto("/interviews");
  await waitForHydration(page);
  // "/" focuses the box, unless the user is typing in another field.
  await page.getByLabel("Search candidate, company or role").focus();
  await page.keyboard.press("/");
  await expect(page.getByLabel("Search candidate, company or role")).toHaveValue("/");
  await page.getByLabel("Search candidate, company or role").fill("");
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("/");
  const box = page.getByRole("combobox", { name: "Search candidates and companies" });
  await expect(box).toBeFocused();

  await page.keyboard.type(casey.domain.slice(2, 9));
  const suggestions = page.getByRole("listbox", { name: "Search suggestions" });
  await expect(suggestions.getByRole("option", { name: new RegExp(casey.name) })).toBeVisible();
  await expect(suggestions.getByRole("option", { name: new RegExp(casey.email.replace(/\./g, "\\.")) })).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");

  await page.keyboard.press("ArrowDown");
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await expect(suggestions.getByRole("option", { selected: true })).toContainText(casey.name);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/candidates/${casey.candidateId}$`));
  await expect(page.getByRole("heading", { level: 1, name: casey.name })).toBeVisible();
});

test("Enter in the header search opens the results page with owner and companies; it works without JavaScript", async ({
  page,
  login,
  browser,
  baseURL,
}) => {
  const recruiter = await login({ role: "recruiter" });
  const casey = await candidateWithOddEmail(recruiter.id);

  await page.goto("/");
  await waitForHydration(page);
  const box = page.getByRole("combobox", { name: "Search candidates and companies" });
  await box.fill(casey.domain);
  await box.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${casey.domain}`));
  await expect(page.getByRole("heading", { level: 1, name: `Search results for “${casey.domain}”` })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: casey.email });
  await expect(row.getByRole("link", { name: casey.name })).toHaveAttribute("href", `/candidates/${casey.candidateId}`);
  await expect(row).toContainText(recruiter.name);
  await expect(page.getByRole("heading", { name: "Candidates (1)" })).toBeVisible();

  // A company by part of its name, with its interview count, linking to its interviews.
  const company = casey.companyName;
  await box.fill(company.slice(0, 5));
  await box.press("Enter");
  const companies = page.getByRole("region", { name: /^Companies/ });
  await expect(companies.getByRole("link", { name: company })).toBeVisible();
  await expect(companies.getByRole("listitem").filter({ hasText: company })).toContainText(/\d+ interviews?/);

  // Too short: a message at the field, nothing searched.
  await box.fill("ab");
  await box.press("Enter");
  await expect(page.getByText("Type at least 3 characters to search.")).toBeVisible();

  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`/search?q=${casey.domain}`);
  await page.screenshot({ path: "test-results/screens/search-results-1366.png", fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: "test-results/screens/search-results-375.png", fullPage: true });
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(375);

  // Without JavaScript the box is a plain GET form to /search.
  const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL });
  await noJs.addCookies(await page.context().cookies());
  const plain = await noJs.newPage();
  await plain.goto("/candidates");
  await plain.getByRole("combobox", { name: "Search candidates and companies" }).fill(casey.domain);
  await plain.getByRole("combobox", { name: "Search candidates and companies" }).press("Enter");
  await expect(plain.getByRole("row").filter({ hasText: casey.email })).toBeVisible();
  await noJs.close();
});

test("the header search suggestions at 1366 and 375 px", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const casey = await candidateWithOddEmail(recruiter.id);
  for (const width of [1366, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto("/candidates");
    await waitForHydration(page);
    const box = page.getByRole("combobox", { name: "Search candidates and companies" });
    await box.fill(casey.domain);
    await expect(page.getByRole("option", { name: new RegExp(casey.name) })).toBeVisible();
    await page.screenshot({ path: `test-results/screens/header-search-${width}.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  }
});

test("/interviews?q= narrows the table by candidate, company or role, with the other filters", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const name = uniqueName("Quinn");
  const one = await createCandidateWithInterview(recruiter.id);
  database().prepare(`UPDATE "Candidate" SET name = ?, email = ? WHERE id = ?`).run(name, uniqueEmail("quinn"), one.candidateId);
  const surname = name.split(" ")[1];

  await page.goto("/interviews");
  const search = page.getByLabel("Search candidate, company or role");
  await search.fill(surname);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(surname)}`));
  const table = page.getByRole("table", { name: /Interviews/ });
  await expect(table.getByRole("link", { name })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);

  // Combined with another filter that excludes it.
  await page.getByRole("search", { name: "Filter interviews" }).getByLabel("Round").selectOption({ label: "Final" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No interviews match these filters.")).toBeVisible();

  // Too short: said at the field, and the table is not narrowed by it.
  await page.goto("/interviews?q=ab");
  await expect(page.getByText("Type at least 3 characters to search. This search was not applied.")).toBeVisible();
  await expect(page.getByLabel("Search candidate, company or role")).toHaveAttribute("aria-invalid", "true");
});

test("/candidates?q= finds a candidate by name or phone through the search index; too short is said at the field", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const name = uniqueName("Rowan");
  const one = await createCandidateWithInterview(recruiter.id);
  database()
    .prepare(`UPDATE "Candidate" SET name = ?, email = ?, phone = ? WHERE id = ?`)
    .run(name, uniqueEmail("rowan"), "07700 955123", one.candidateId);

  await page.goto("/candidates");
  const search = page.getByLabel("Search name, email or phone");
  await search.fill(name.split(" ")[1]);
  await search.press("Enter");
  const table = page.getByRole("table", { name: /Candidates/ });
  await expect(table.getByRole("link", { name })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(2);

  await page.goto(`/candidates?q=${encodeURIComponent("955123")}`);
  await expect(table.getByRole("link", { name })).toBeVisible();

  await page.goto("/candidates?q=ro");
  await expect(page.getByText("Type at least 3 characters to search. This search was not applied.")).toBeVisible();
  await expect(page.getByLabel("Search name, email or phone")).toHaveAttribute("aria-invalid", "true");
});
