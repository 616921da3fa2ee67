// The manager's statistics: the funnel and a recruiter's recovery-to-hire rate follow what recruiters record, and
// each table downloads as the same numbers.
import { readFileSync } from "node:fs";
import type { Page } from "playwright/test";
import {
  createCandidateWithInterview,
  createUser,
  deleteUsersByEmail,
  expect,
  signInContext,
  test,
  waitForHydration,
} from "./fixtures";

/** The cells of one table row, found by its row header. */
async function rowCells(page: Page, caption: string, rowName: string) {
  const table = page.getByRole("table", { name: caption });
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: rowName, exact: true }) });
  return (await row.getByRole("cell").allTextContents()).map((text) => text.trim());
}

test("after a recruiter records a hire, the manager's funnel and that recruiter's rate change, and the CSV matches", async ({
  page,
  login,
  browser,
  baseURL,
}) => {
  const recruiter = await login({ role: "recruiter" });
  const manager = await createUser({ role: "manager" });
  const managerContext = await browser.newContext({ baseURL });
  await signInContext(managerContext, baseURL!, manager.id);
  const stats = await managerContext.newPage();
  const statsUrl = `/stats?recruiter=${recruiter.id}`;

  try {
    const { interviewId } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 5 });
    await page.goto(`/interviews/${interviewId}?flag=new`);
    await waitForHydration(page);
    await page.getByRole("checkbox", { name: "Blanked on a question" }).check();
    await page.getByLabel("Severity").selectOption({ label: "Critical" });
    await page.getByRole("button", { name: "Flag interview" }).click();
    await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();

    await stats.goto(statsUrl);
    await expect(stats.getByRole("heading", { level: 1, name: "Recovery statistics" })).toBeVisible();
    expect((await rowCells(stats, "Recovery funnel", "Interviews flagged"))[0]).toBe("1");
    expect((await rowCells(stats, "Recovery funnel", "Hired"))[0]).toBe("0");
    // Flagged, still in progress, closed, requested, granted, hired, hire rate (of closed): no closed recovery yet.
    expect(await rowCells(stats, "Recovery-to-hire rate by recruiter", recruiter.name)).toEqual(["1", "1", "0", "0", "0", "0", "—"]);

    // The recruiter asks, gets the second interview, and the candidate is hired.
    const panel = page.getByRole("region", { name: "Second interview" });
    await panel.getByRole("button", { name: "Record request" }).click();
    await expect(page.getByText("Second-interview request recorded: inside the 24-hour window.")).toBeVisible();
    await panel.getByLabel("Answer", { exact: true }).selectOption({ label: "Granted" });
    await panel.getByRole("button", { name: "Save answer" }).click();
    await expect(page.getByText("Second interview granted. Schedule it below.")).toBeVisible();
    // Scheduling is next; the outcome is one disclosure away.
    await panel.getByText("Record the outcome now").click();
    await page.getByLabel("Outcome", { exact: true }).selectOption({ label: "Hired" });
    await page.getByLabel("Start date").fill(new Date(Date.now() + 14 * 24 * 3600_000).toISOString().slice(0, 10));
    await page.getByRole("button", { name: "Record outcome" }).click();
    await expect(page.getByText("Outcome recorded: Hired.")).toBeVisible();

    await stats.reload();
    // "Of interviews flagged" is the last column.
    expect((await rowCells(stats, "Recovery funnel", "Second interview requested")).filter((_, i) => i !== 1)).toEqual(["1", "100.0%"]);
    expect(await rowCells(stats, "Recovery funnel", "Hired")).toEqual(["1", "100.0%", "100.0%"]);
    // The hire closed the recovery: one closed, hired, a rate over a small sample.
    expect(await rowCells(stats, "Recovery-to-hire rate by recruiter", recruiter.name)).toEqual([
      "1", "0", "1", "1", "1", "1", "100.0% (n=1, small sample)",
    ]);
    await expect(stats.getByRole("img", { name: /^Recovery funnel: Interviews flagged 1/ })).toBeVisible();

    // The download holds the same rows as the table on the page.
    const download = stats.waitForEvent("download");
    await stats.getByRole("link", { name: "Download CSV: Recovery funnel" }).click();
    const csv = readFileSync((await (await download).path())!, "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(csv[0]).toBe("Step,Interviews,Of the step before,Of interviews flagged");
    expect(csv).toContain("Hired,1,100.0%,100.0%");
    expect(csv).toHaveLength(6);
  } finally {
    await managerContext.close();
    deleteUsersByEmail(manager.email);
  }
});

test("/stats counts in-progress recoveries apart and each figure links to the interviews behind it", async ({
  page,
  login,
  browser,
  baseURL,
}) => {
  const recruiter = await login({ role: "recruiter" });
  const manager = await createUser({ role: "manager" });
  const managerContext = await browser.newContext({ baseURL });
  await signInContext(managerContext, baseURL!, manager.id);
  const stats = await managerContext.newPage();

  try {
    // Two flagged interviews of this recruiter's candidates: both recoveries are in progress.
    for (const hoursAgo of [5, 8]) {
      const { interviewId } = await createCandidateWithInterview(recruiter.id, { hoursAgo });
      await page.goto(`/interviews/${interviewId}?flag=new`);
      await waitForHydration(page);
      await page.getByRole("checkbox", { name: "Blanked on a question" }).check();
      await page.getByLabel("Severity").selectOption({ label: "Serious" });
      await page.getByRole("button", { name: "Flag interview" }).click();
      await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();
    }

    await stats.goto(`/stats?recruiter=${recruiter.id}`);
    await expect(stats.getByRole("link", { name: "still in progress: 2" })).toBeVisible();
    expect(await rowCells(stats, "Recoveries in progress and closed", "Still in progress")).toEqual(["2", ""]);
    expect(await rowCells(stats, "Recoveries in progress and closed", "Closed")).toEqual(["0", "—"]);
    // The month holding them is mostly in progress: marked in the table and under the chart, not drawn as 0%.
    const months = stats.getByRole("table", { name: "Recovery-to-hire rate by month" });
    await expect(months.getByRole("cell", { name: /^Mostly in progress \(2 of 2 open\)$/ })).toBeVisible();
    await expect(stats.getByText(/Mostly still in progress, so not drawn: .*\(2 of 2 open\)/)).toBeVisible();
    // The drawings load on demand, after the numbers: each chart's image fills in once its code has arrived.
    await expect(stats.getByRole("img", { name: /^Recovery funnel: / }).locator("svg.recharts-surface")).toBeVisible();
    await expect(stats.getByRole("img", { name: /^Hire rate of closed recoveries by month: / }).locator("svg.recharts-surface")).toBeVisible();

    // Following the recruiter's "still in progress" figure lands on the interviews table with that many rows.
    const byRecruiter = stats.getByRole("table", { name: "Recovery-to-hire rate by recruiter" });
    const row = byRecruiter.getByRole("row").filter({ has: stats.getByRole("rowheader", { name: recruiter.name, exact: true }) });
    await row.getByRole("link", { name: /^2: Still in progress/ }).click();
    await expect(stats).toHaveURL(/\/interviews\?.*recovery=in_progress/);
    await expect(stats.getByRole("heading", { level: 1, name: "Interviews" })).toBeVisible();
    await expect(stats.getByText("Showing 1–2 of 2 interviews")).toBeVisible();
    await expect(stats.getByRole("table", { name: /^Interviews/ }).getByRole("row")).toHaveCount(3);
    await expect(stats.getByLabel("Recovery", { exact: true })).toHaveValue("in_progress");
    await expect(stats.getByLabel("Candidate's recruiter")).toHaveValue(recruiter.id);

    // The "closed" figure (0) lists none.
    await stats.goBack();
    await row.getByRole("link", { name: /^0: Closed/ }).click();
    await expect(stats.getByText("No interviews match these filters.")).toBeVisible();
  } finally {
    await managerContext.close();
    deleteUsersByEmail(manager.email);
  }
});
