// Data rights in the browser: a manager erases a candidate, after which their profile, the tables, search and the
// timeline no longer show them; a recruiter is offered no erase form and is refused if they post one anyway.
import { createCandidateWithInterview, createUser, database, deleteUsersByEmail, expect, postAsPage, test, waitForHydration } from "./fixtures";

test.describe.configure({ timeout: 90_000 });

test("a manager erases a candidate: profile, tables, search and timeline no longer show them", async ({ page, login }) => {
  const recruiter = await createUser({ role: "recruiter" });
  try {
    const casey = await createCandidateWithInterview(recruiter.id);
    await login({ role: "manager" });

    await page.goto(`/candidates/${casey.candidateId}`);
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1, name: casey.name })).toBeVisible();
    await page.getByText("Erase this candidate", { exact: true }).first().click();
    const form = page.getByRole("form", { name: "Erase this candidate" });
    await form.getByLabel("Why").selectOption("candidate_request");
    // A wrong name is refused at the field and nothing is erased.
    await form.getByLabel(`Type “${casey.name}” to confirm`).fill("someone else");
    await form.getByRole("button", { name: "Erase this candidate" }).click();
    await expect(form.getByText(/exactly as shown/)).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: casey.name })).toBeVisible();

    // The export downloads a ZIP before anything is erased.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export this candidate's data" }).click();
    expect((await download).suggestedFilename()).toMatch(/^candidate-.+\.zip$/);

    await form.getByLabel(`Type “${casey.name}” to confirm`).fill(casey.name);
    await form.getByRole("button", { name: "Erase this candidate" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Erased candidate #/ })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "personal data was erased" })).toBeVisible();
    const timeline = page.getByRole("list", { name: "Timeline" });
    await expect(timeline.getByText("Personal data erased")).toBeVisible();
    await expect(page.locator("body")).not.toContainText(casey.name);

    await page.goto(`/candidates?who=all&q=${encodeURIComponent(casey.name)}`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.locator("main")).not.toContainText(casey.name);
    // The results page repeats the query; what matters is that nobody matches it.
    await page.goto(`/search?q=${encodeURIComponent(casey.name)}`);
    await expect(page.getByText("Candidates (0)")).toBeVisible();
    await expect(page.getByRole("link", { name: casey.name })).toHaveCount(0);
    await page.goto(`/interviews/${casey.interviewId}`);
    await expect(page.locator("main")).not.toContainText(casey.name);
  } finally {
    deleteUsersByEmail(recruiter.email);
  }
});

test("a recruiter sees no erase form or export link; posting or downloading anyway is refused with 403", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const casey = await createCandidateWithInterview(recruiter.id);
  await page.goto(`/candidates/${casey.candidateId}`);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { level: 1, name: casey.name })).toBeVisible();
  await expect(page.getByText("Erase this candidate")).toHaveCount(0);
  const response = await postAsPage(page, `/candidates/${casey.candidateId}`, { intent: "erase", reason: "candidate_request", confirmName: casey.name });
  expect(response.status()).toBe(403);
  await expect(page.getByRole("link", { name: "Export this candidate's data" })).toHaveCount(0);
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  expect((await page.request.get(`/candidates/${casey.candidateId}/export`, { headers: { Cookie: cookies } })).status()).toBe(403);
  for (const path of ["/settings/privacy", "/settings/audit", "/settings/audit.csv"]) {
    expect((await page.request.get(path, { headers: { Cookie: cookies } })).status(), path).toBe(403);
  }
  const row = database().prepare<[string], { name: string; erasedAt: string | null }>(`SELECT name, erasedAt FROM "Candidate" WHERE id = ?`).get(casey.candidateId);
  expect(row).toEqual({ name: casey.name, erasedAt: null });
});

test("a manager marks a candidate “do not contact” and finds the change in the audit log", async ({ page, login }) => {
  const recruiter = await createUser({ role: "recruiter" });
  try {
    const casey = await createCandidateWithInterview(recruiter.id);
    await login({ role: "manager" });
    await page.goto(`/candidates/${casey.candidateId}`);
    await waitForHydration(page);
    await expect(page.getByText("Emails allowed.")).toBeVisible();
    await page.getByText("Change privacy details").click();
    await page.getByLabel("Lawful basis").selectOption("legitimate_interest");
    await page.getByLabel(/^Do not contact/).check();
    await page.getByRole("button", { name: "Save privacy details" }).click();
    await expect(page.getByText(/Do not contact: staff set this on/)).toBeVisible();
    await expect(page.getByText(/^Lawful basis: Legitimate interest\. Privacy notice: not recorded/)).toBeVisible();

    await page.getByRole("link", { name: "This candidate in the audit log" }).click();
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: "candidate.privacy_updated" });
    await expect(row).toContainText("doNotContact: false → true");
    await expect(row).toContainText(casey.name);
  } finally {
    deleteUsersByEmail(recruiter.email);
  }
});
