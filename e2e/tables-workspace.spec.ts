// The recruiter's tables: they open on "Mine" with one click to everyone, views are saved and reopened as tabs,
// bulk reassign asks before moving a colleague's candidates, the candidate's page names the recruiter, and the
// tables scroll inside their own box at 375 px.
import { createCandidateWithInterview, createUser, database, deleteUsersByEmail, expect, flagAndCreateLink, test, waitForHydration } from "./fixtures";

const SCREENSHOTS = "test-results/tables-workspace";

test("a recruiter opens /candidates on their own candidates and switches to everyone in one click", async ({ page, login }) => {
  const me = await login({ role: "recruiter" });
  const mine = await createCandidateWithInterview(me.id);
  await page.goto("/candidates");
  const whose = page.getByRole("navigation", { name: "Whose candidates" });
  await expect(whose.getByRole("link", { name: "My candidates" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(/Showing 1–1 of 1 candidate/);
  await expect(page.getByRole("link", { name: mine.name })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/candidates-mine-1366.png`, fullPage: true });

  await whose.getByRole("link", { name: "Everyone" }).click();
  await expect(whose.getByRole("link", { name: "Everyone" })).toHaveAttribute("aria-current", "page");
  await expect(whose.getByRole("link", { name: "My candidates" })).not.toHaveAttribute("aria-current", "page");
  const total = Number((await page.getByRole("status").filter({ hasText: "Showing" }).textContent())?.match(/of ([\d,]+)/)?.[1].replace(",", ""));
  expect(total).toBeGreaterThan(50);

  await page.goto("/interviews");
  await expect(page.getByRole("navigation", { name: "Whose interviews" }).getByRole("link", { name: "My interviews" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(/Showing 1–1 of 1 interview/);
});

test("a saved view round-trips: save, reload, open its tab, same filters", async ({ page, login }) => {
  test.slow(); // several page loads on a shared two-core machine
  await login({ role: "recruiter" });
  await page.goto("/candidates?who=all");
  await waitForHydration(page);
  const everyone = await page.getByRole("status").filter({ hasText: "Showing" }).textContent();
  const filters = page.getByRole("search", { name: "Filter candidates" });
  await filters.getByLabel("Status").selectOption({ label: "Recovering" });
  await filters.getByLabel("Only candidates with open flags").check();
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=recovering/);
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).not.toHaveText(everyone!);
  const filtered = await page.getByRole("status").filter({ hasText: "Showing" }).textContent();

  await page.getByText("Save this view").click();
  await page.getByLabel("View name").fill("Recovering, flagged");
  await page.getByLabel("Share with the team").check();
  await page.getByRole("button", { name: "Save view" }).click();
  // Generous: the save is a POST, a redirect and a page load on a shared two-core machine.
  await expect(page.getByRole("status").filter({ hasText: "Saved the view “Recovering, flagged”, shared with the team." })).toBeVisible({
    timeout: 30_000,
  });

  await page.goto("/candidates?who=all");
  await page.reload();
  const tabs = page.getByRole("navigation", { name: "Saved views" });
  await expect(tabs.getByRole("link", { name: /Recovering, flagged/ })).not.toHaveAttribute("aria-current", "page");
  await tabs.getByRole("link", { name: /Recovering, flagged/ }).click();
  await expect(tabs.getByRole("link", { name: /Recovering, flagged/ })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("search", { name: "Filter candidates" }).getByLabel("Status")).toHaveValue("recovering");
  await expect(page.getByRole("search", { name: "Filter candidates" }).getByLabel("Only candidates with open flags")).toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(filtered!);

  // A taken name is refused at the field.
  await page.getByText("Save this view").click();
  await page.getByLabel("View name").fill("recovering, FLAGGED");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByText("You already have a view with this name. Choose another.")).toBeVisible();
  await expect(page.getByLabel("View name")).toHaveAttribute("aria-invalid", "true");
});

test("bulk reassign names what moves, asks, then moves", async ({ page, login }) => {
  test.slow();
  const me = await login({ role: "recruiter" });
  const jamie = await createUser({ name: "Jamie Osei" });
  try {
    const a = await createCandidateWithInterview(jamie.id);
    const b = await createCandidateWithInterview(jamie.id);
    await page.goto(`/candidates?recruiter=${jamie.id}`);
    await waitForHydration(page);
    await page.getByRole("checkbox", { name: `Select ${a.name}` }).check();
    await page.getByRole("checkbox", { name: `Select ${b.name}` }).check();
    await page.getByLabel("Reassign to recruiter").selectOption({ label: me.name });
    await page.getByRole("button", { name: "Reassign selected" }).click();

    const confirm = page.getByRole("region", { name: "Move 2 of Jamie Osei’s candidates to you?" });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole("heading", { name: "Move 2 of Jamie Osei’s candidates to you?" })).toBeFocused();
    await expect(confirm.getByRole("link", { name: a.name })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/reassign-confirm-1366.png`, fullPage: true });
    // Nothing has moved yet.
    const owner = (id: string) => database().prepare<[string], { recruiterId: string }>(`SELECT recruiterId FROM "Candidate" WHERE id = ?`).get(id)!.recruiterId;
    expect(owner(a.candidateId)).toBe(jamie.id);

    await confirm.getByRole("button", { name: "Yes, move 2 candidates" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Reassigned 2 candidates to ${me.name}.` })).toBeVisible();
    expect(owner(a.candidateId)).toBe(me.id);
    expect(owner(b.candidateId)).toBe(me.id);
    const events = database()
      .prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE action = 'candidates.bulk_reassigned' AND entityId = ?`)
      .get(jamie.id);
    expect(events?.n).toBe(1);
  } finally {
    deleteUsersByEmail(jamie.email);
  }
});

test("the candidate's coaching page shows the recruiter's name and phone", async ({ page, login, browser }) => {
  test.slow();
  const me = await login({ role: "recruiter" });
  database().prepare(`UPDATE "User" SET phone = ? WHERE id = ?`).run("+44 20 7946 0018", me.id);
  const { interviewId } = await createCandidateWithInterview(me.id);
  const coachPath = await flagAndCreateLink(page, interviewId);
  const candidate = await browser.newContext();
  try {
    const coach = await candidate.newPage();
    await coach.setViewportSize({ width: 375, height: 800 });
    await coach.goto(coachPath);
    await expect(coach.getByRole("heading", { name: `Your recruiter: ${me.name}` })).toBeVisible();
    await expect(coach.getByRole("link", { name: "+44 20 7946 0018" })).toHaveAttribute("href", "tel:+442079460018");
    await expect(coach.getByRole("link", { name: me.email })).toBeVisible();
    await expect(coach.getByText("on their behalf")).toHaveCount(0);
    await coach.screenshot({ path: `${SCREENSHOTS}/coach-375.png`, fullPage: true });
  } finally {
    await candidate.close();
  }
});

test("at 375 px the tables scroll in their own box, never the page", async ({ page, login }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await login({ role: "recruiter" });
  for (const path of ["/candidates?who=all", "/interviews?who=all"]) {
    await page.goto(path);
    await expect(page.getByRole("table")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${SCREENSHOTS}${path.replace(/[/?=]/g, "-")}-375.png`, fullPage: true });
  }
});
