// A recruiter's core loop: log an interview for a new candidate, flag it, find it again in the tables, open the
// profile and export what the filters show. Then the ways bad input is refused without writing anything.
import { readFileSync } from "node:fs";
import { createCandidateWithInterview, database, expect, postAsPage, test, uniqueEmail, uniqueName, waitForHydration } from "./fixtures";

function suffix() {
  return Math.random().toString(36).slice(2, 8);
}

function countRows(table: "Candidate" | "Interview" | "Company" | "InterviewFlag") {
  return database().prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${table}"`).get()?.n ?? 0;
}

/** A tiny CSV reader for the exports (quoted fields, doubled quotes, CRLF, the leading byte-order mark). */
function parseCsv(text: string) {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const source = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

test("a recruiter logs an interview for a new candidate, flags it with two reasons, finds it in the tables, opens the profile and exports it", async ({
  page,
  login,
}) => {
  const recruiter = await login({ role: "recruiter" });
  const candidateName = uniqueName("Jordan");
  const candidateEmail = uniqueEmail("candidate");
  const company = `Acme Freight ${suffix()}`;

  await page.goto("/interviews/new");
  await waitForHydration(page);
  await page.getByRole("radio", { name: "A new candidate" }).check();
  await page.getByLabel("Candidate name").fill(candidateName);
  await page.getByLabel("Candidate email").fill(candidateEmail);
  await page.getByLabel("Client company").fill(company);
  await page.getByLabel("Role title").fill("Payroll Clerk");
  await page.getByLabel("Round").selectOption({ label: "First" });
  await page.getByLabel("Format").selectOption({ label: "Video" });
  await page.getByLabel("Date and time").fill("2026-11-23T10:00");
  await page.getByLabel("Interviewer's name (optional)").fill("Dana Whitfield");
  await page.getByLabel("Impression").selectOption({ label: "Went badly" });
  await page.getByRole("button", { name: "Log interview" }).click();

  // "Went badly" leads straight into the flag form.
  await expect(page).toHaveURL(/\/interviews\/[^/?]+\?flag=new$/);
  await expect(page.getByRole("heading", { name: "Flag as gone badly" })).toBeVisible();
  await page.getByRole("checkbox", { name: "Arrived late or transport trouble" }).check();
  await page.getByRole("checkbox", { name: "Blanked on a question" }).check();
  await page.getByLabel("Severity").selectOption({ label: "Serious" });
  await page.getByLabel("Source").selectOption({ label: "Recruiter observed" });
  await page.getByLabel("Description (optional)").fill("Bus broke down; froze on the budgeting question.");
  await page.getByRole("button", { name: "Flag interview" }).click();

  // The interview was days ago: the flag says plainly that the window had closed, and what to do.
  await expect(page.getByRole("status").filter({ hasText: "Interview flagged and its recovery checklist started." })).toContainText(
    /Logged \d+ hours after the interview: the 24-hour window had closed\. Call today anyway\./,
  );
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();
  await expect(page.getByText(/Recovery window: phone within 24 hours of the interview's end, by .*overdue by/)).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "the 24-hour window had closed" })).toBeVisible();
  const interviewUrl = new URL(page.url()).pathname;

  const stored = database()
    .prepare<[string], { name: string; recruiterId: string; openFlagCount: number; status: string }>(
      `SELECT name, recruiterId, openFlagCount, status FROM "Candidate" WHERE email = ?`,
    )
    .get(candidateEmail);
  expect(stored).toEqual({ name: candidateName, recruiterId: recruiter.id, openFlagCount: 1, status: "recovering" });

  // Find it again through the interview table's filters.
  await page.goto("/interviews");
  const filters = page.getByRole("search", { name: "Filter interviews" });
  await filters.getByLabel("Company", { exact: true }).selectOption({ label: company });
  await filters.getByLabel("Flag reason").selectOption({ label: "Blanked on a question" });
  await filters.getByLabel("Flagged only").check();
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(/Showing 1–1 of 1 interview/);
  const row = page.getByRole("row").filter({ hasText: candidateName });
  await expect(row).toContainText(company);
  await expect(row).toContainText("Serious");
  expect(new URL(page.url()).searchParams.get("flagged")).toBe("1");

  // The CSV holds exactly the filtered rows.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = parseCsv(readFileSync((await (await download).path())!, "utf8"));
  expect(csv[0]).toContain("Candidate");
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain(candidateName);
  expect(csv[1]).toContain(company);
  expect(csv[1]).toContain("Payroll Clerk");

  // The candidate table finds them by email; the profile shows the flag on the timeline.
  await page.goto("/candidates");
  await page.getByLabel("Search name, email or phone").fill(candidateEmail);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(/Showing 1–1 of 1 candidate/);
  await page.getByRole("link", { name: candidateName }).click();
  await expect(page.getByRole("heading", { level: 1, name: candidateName })).toBeVisible();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(
    timeline.getByText("Flagged as gone badly: Arrived late or transport trouble, Blanked on a question (serious)"),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Log an interview" })).toHaveAttribute("href", /candidate=/);
  await page.getByRole("link", { name: /23 Nov 2026/ }).first().click();
  await expect(page).toHaveURL(interviewUrl);
});

test("the candidate table sorts by a column, pages through, and keeps its state in the URL", async ({ page, login }) => {
  await login({ role: "recruiter" });
  // The whole agency: a recruiter's bare /candidates opens on their own (none here).
  await page.goto("/candidates?who=all");
  const table = page.getByRole("table");
  const total = Number((await page.getByRole("status").filter({ hasText: "Showing" }).textContent())?.match(/of ([\d,]+)/)?.[1].replace(",", ""));
  expect(total).toBeGreaterThan(50);

  await table.getByRole("link", { name: "Email", exact: true }).click();
  await expect(page).toHaveURL(/sort=email/);
  await expect(table.getByRole("columnheader", { name: "Email" })).toHaveAttribute("aria-sort", "ascending");
  const emailsOnPage = async () => {
    const cells = await table.getByRole("row").locator("td:nth-child(3)").allTextContents();
    return cells.map((c) => c.trim());
  };
  const firstPage = await emailsOnPage();
  expect(firstPage).toHaveLength(25);
  // The database orders text by code point, as a plain JavaScript sort does.
  expect([...firstPage].sort()).toEqual(firstPage);

  await table.getByRole("link", { name: "Email", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "Email" })).toHaveAttribute("aria-sort", "descending");

  await page.getByRole("link", { name: "Next page" }).click();
  await expect(page.getByText(`Page 2 of ${Math.ceil(total / 25)}`)).toBeVisible();
  await expect(page).toHaveURL(/page=2/);
  await page.reload();
  await expect(page.getByText(`Page 2 of ${Math.ceil(total / 25)}`)).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Email" })).toHaveAttribute("aria-sort", "descending");
  await page.goBack();
  await expect(page.getByText(`Page 1 of ${Math.ceil(total / 25)}`)).toBeVisible();

  await page.getByLabel("Rows per page").selectOption("50");
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(new RegExp(`Showing 1–50 of ${total}`));
});

test("a filtered candidate export has exactly the rows the table counts", async ({ page, login }) => {
  await login({ role: "manager" });
  await page.goto("/candidates?status=hired&pageSize=25");
  const shown = await page.getByRole("status").filter({ hasText: "Showing" }).textContent();
  const total = Number(shown?.match(/of ([\d,]+)/)?.[1]);
  expect(total).toBeGreaterThan(0);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const csv = parseCsv(readFileSync((await (await download).path())!, "utf8"));
  const header = csv[0];
  const statusColumn = header.indexOf("Status");
  expect(statusColumn).toBeGreaterThanOrEqual(0);
  expect(csv.slice(1)).toHaveLength(total);
  expect(csv.slice(1).every((row) => row[statusColumn] === "Hired")).toBe(true);
});

test("bad input on the log form gets field errors, keeps what was typed, and writes nothing", async ({ page, login }) => {
  await login({ role: "recruiter" });
  const before = { candidates: countRows("Candidate"), interviews: countRows("Interview"), companies: countRows("Company") };
  const email = uniqueEmail("toolong");

  await page.goto("/interviews/new");
  await waitForHydration(page);
  // Missing candidate.
  await page.getByLabel("Client company").fill("Nowhere Ltd");
  await page.getByLabel("Role title").fill("Clerk");
  await page.getByLabel("Date and time").fill("2026-11-23T10:00");
  await page.getByRole("button", { name: "Log interview" }).click();
  await expect(page.getByText("Choose a candidate, or choose “A new candidate” and enter their details.")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Find a candidate" })).toHaveAttribute("aria-invalid", "true");

  // A 10,000-character name.
  await page.getByRole("radio", { name: "A new candidate" }).check();
  // The field's maxlength stops a browser at 100 characters; take it off to reach the validation behind it.
  await page.getByLabel("Candidate name").evaluate((input) => input.removeAttribute("maxlength"));
  await page.getByLabel("Candidate name").fill("N".repeat(10_000));
  await page.getByLabel("Candidate email").fill(email);
  await page.getByRole("button", { name: "Log interview" }).click();
  await expect(page.getByText("A name is at most 100 characters.")).toBeVisible();
  await expect(page.getByLabel("Candidate name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Candidate email")).toHaveValue(email);
  await expect(page.getByLabel("Role title")).toHaveValue("Clerk");

  // The server is the real gate: a date that is not a date and a long name, posted without the browser's checks.
  const response = await postAsPage(page, "/interviews/new", {
    candidateMode: "new",
    candidateName: "N".repeat(10_000),
    candidateEmail: email,
    companyName: "Nowhere Ltd",
    roleTitle: "Clerk",
    round: "first",
    format: "video",
    scheduledAt: "next Tuesday-ish",
    impression: "unknown",
  });
  expect(response.status()).toBe(400);
  const html = await response.text();
  expect(html).toContain("A name is at most 100 characters.");
  expect(html).toContain("Enter a real date and time, like 2026-11-24 14:30.");

  expect({ candidates: countRows("Candidate"), interviews: countRows("Interview"), companies: countRows("Company") }).toEqual(before);
});

test("a flag with an unknown reason is refused at the reasons field and nothing is written", async ({ page, login }) => {
  await login({ role: "recruiter" });
  const interview = database()
    .prepare<[], { id: string }>(`SELECT id FROM "Interview" WHERE "flagSeverity" IS NULL ORDER BY "scheduledAt" DESC LIMIT 1`)
    .get();
  expect(interview).toBeTruthy();
  const flagsBefore = countRows("InterviewFlag");

  await page.goto(`/interviews/${interview!.id}?flag=new`);
  await waitForHydration(page);
  // Add a reason the list doesn't have, the way a hand-made request would, then submit through the real form. A new
  // element outside React's tree: React resets the `value` of an input it renders whenever the form re-renders.
  await page.locator("form#new-flag").evaluate((form) => {
    const box = document.createElement("input");
    Object.assign(box, { type: "checkbox", name: "reasons", value: "spilled-coffee", checked: true, hidden: true });
    form.append(box);
  });
  await page.getByRole("checkbox", { name: "Arrived late or transport trouble" }).check();
  await page.getByLabel("Severity").selectOption({ label: "Minor" });
  await page.getByRole("button", { name: "Flag interview" }).click();
  await expect(page.getByText("Choose reasons from the list.")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Arrived late or transport trouble" })).toBeChecked();
  expect(countRows("InterviewFlag")).toBe(flagsBefore);

  const response = await postAsPage(page, `/interviews/${interview!.id}`, { intent: "flag", reasons: "spilled-coffee", severity: "minor", source: "recruiter_observed" });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("Choose reasons from the list.");
  expect(countRows("InterviewFlag")).toBe(flagsBefore);
});

test("the type-ahead finds an existing candidate by part of their email, chosen with the keyboard", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const made = await createCandidateWithInterview(recruiter.id);
  const existing = database()
    .prepare<[string], { id: string; name: string; email: string }>(`SELECT id, name, email FROM "Candidate" WHERE id = ?`)
    .get(made.candidateId)!;
  await page.goto("/interviews/new");
  await waitForHydration(page);
  const finder = page.getByRole("combobox", { name: "Find a candidate" });
  // The unique middle of the address, as a recruiter would type what they remember.
  await finder.pressSequentially(existing.email.slice(10, 22), { delay: 20 });
  const option = page.getByRole("option", { name: new RegExp(existing.email.replace(/[.+]/g, "\\$&")) });
  await expect(option).toBeVisible();
  // Walk down the suggestions to this candidate and pick it with Enter.
  const options = page.getByRole("option");
  const index = (await options.allTextContents()).findIndex((text) => text.includes(existing.email));
  for (let i = 0; i <= index; i++) await finder.press("ArrowDown");
  await finder.press("Enter");
  await page.getByLabel("Client company").fill("Harbor Logistics");
  await page.getByLabel("Role title").fill("Dispatcher");
  await page.getByLabel("Date and time").fill("2026-11-25T09:30");
  await page.getByRole("button", { name: "Log interview" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Interview: ${existing.name} at Harbor Logistics`);
  const logged = database()
    .prepare<[string], { n: number }>(`SELECT count(*) AS n FROM "Interview" WHERE "candidateId" = ? AND "roleTitle" = 'Dispatcher'`)
    .get(existing.id);
  expect(logged?.n).toBe(1);
});
