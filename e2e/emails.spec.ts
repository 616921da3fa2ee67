// Recovery emails: preview and send from the interview, find the message in /emails, unsubscribe through its link,
// and then sending to that candidate is refused.
import { sqlDate } from "../app/utils/sql-dialect.server";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createCandidateWithInterview, database, expect, flagInterviewDirectly, postAsPage, test, waitForHydration } from "./fixtures";

test("a recruiter previews and sends a recovery email, finds it in /emails, and after the candidate unsubscribes it is refused", async ({
  page,
  login,
  browser,
}) => {
  const recruiter = await login({ role: "recruiter" });
  const { candidateId, interviewId, name, companyName } = await createCandidateWithInterview(recruiter.id);
  const firstName = name.split(" ")[0];

  // Flag it first, so the email carries a link to the candidate's coaching page.
  await page.goto(`/interviews/${interviewId}?flag=new`);
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: "No copy of the résumé" }).check();
  await page.getByLabel("Severity").selectOption({ label: "Serious" });
  await page.getByRole("button", { name: "Flag interview" }).click();
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();

  await page.getByRole("link", { name: "Send a recovery email" }).click();
  await expect(page.getByRole("heading", { name: `Send a recovery email to ${name}` })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("radio", { name: "Thank-you and apology note" }).check();
  await expect(page.getByRole("heading", { name: "Preview: Thank-you and apology note" })).toBeVisible();
  const note = `See you Thursday at the office — ${randomBytes(3).toString("hex")}`;
  await page.getByLabel("Personal note (optional)").fill(note);
  await page.getByRole("button", { name: "Update preview" }).click();
  const text = page.getByLabel("Plain-text version");
  await expect(text).toContainText(note);
  await expect(text).toContainText(firstName);
  await expect(text).toContainText(companyName);
  // The tip for the flagged reason is in the email.
  const html = page.frameLocator('iframe[title="HTML preview: Thank-you and apology note"]');
  await expect(html.locator("body")).toContainText(firstName);
  await expect(html.locator("body")).not.toContainText("undefined");

  await page.getByRole("button", { name: "Send email" }).click();
  await expect(page.getByText(`Email to ${name} is in the outbox.`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/interviews/${interviewId}$`));

  // The outbox has it; without SMTP_URL the worker captures it instead of sending.
  await page.goto("/emails");
  await expect(page.getByText("Email is in capture mode: messages are stored here but not sent.")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await row.getByRole("link").first().click();
  await expect(page.getByRole("heading", { name: "Delivery" })).toBeVisible();
  await expect
    .poll(async () => {
      await page.reload();
      return page.getByRole("region", { name: "Delivery" }).innerText();
    })
    .toMatch(/Captured/);
  const textPart = await page.getByRole("region", { name: "Text version" }).locator("pre").innerText();
  expect(textPart).toContain(note);
  // Staff see the candidate's links redacted: the tokens are minted only when the worker delivers the email.
  expect(textPart).toContain("/coach/REDACTED-COACHING-TOKEN");
  expect(textPart).toContain("/unsubscribe/REDACTED-UNSUBSCRIBE-TOKEN");
  expect(textPart).not.toMatch(/\/coach\/(?!REDACTED)[A-Za-z0-9_-]{20,}/);
  // A captured email is never delivered, so give the candidate the link the worker would have minted.
  const token = randomBytes(32).toString("base64url");
  database()
    .prepare(`INSERT INTO "UnsubscribeLink" (id, candidateId, tokenHash, expiresAt, createdAt) VALUES (?, ?, ?, ?, ?)`)
    .run(
      randomUUID(),
      candidateId,
      createHash("sha256").update(token).digest("hex"),
      sqlDate(Date.now() + 30 * 24 * 3600_000),
      sqlDate(new Date()),
    );
  const unsubscribeUrl = `/unsubscribe/${token}`;

  // The candidate unsubscribes from the link in the email, with no login.
  const candidate = await browser.newContext();
  const inbox = await candidate.newPage();
  await inbox.goto(unsubscribeUrl!);
  await expect(inbox.getByRole("heading", { name: "Stop recovery emails?" })).toBeVisible();
  await inbox.getByRole("button", { name: /^Unsubscribe / }).click();
  await expect(inbox.getByRole("heading", { name: "You have been unsubscribed" })).toBeVisible();
  await candidate.close();

  // Now the page says why, offers no send button, and the server refuses a hand-made request.
  await page.goto(`/interviews/${interviewId}/email`);
  await expect(page.getByText(`${name} unsubscribed from our emails on`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Send email" })).toHaveCount(0);
  const refused = await postAsPage(page, `/interviews/${interviewId}/email`, { intent: "send", template: "rough_day", idempotencyKey: randomBytes(12).toString("hex") });
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain("unsubscribed");
});

test("a manager sees every template rendered with sample data", async ({ page, login }) => {
  await login({ role: "manager" });
  await page.goto("/emails/templates");
  await expect(page.getByRole("heading", { level: 1, name: "Email templates" })).toBeVisible();
  for (const label of [
    "Rough day — here's what to do next",
    "Thank-you and apology note",
    "Asking for a second interview",
    "Preparing for the second interview",
    "Keep going after a decline",
    "Reminder of overdue checklist steps",
  ]) {
    await expect(page.getByRole("heading", { name: label, exact: true })).toBeVisible();
    await expect(page.locator(`iframe[title="HTML preview: ${label}"]`)).toHaveCount(1);
  }
});

test("bulk send from the candidate table reports what happened to each selected candidate", async ({ page, login }) => {
  const recruiter = await login({ role: "recruiter" });
  const first = await createCandidateWithInterview(recruiter.id);
  const second = await createCandidateWithInterview(recruiter.id);
  // Both interviews went badly three hours ago, so "Rough day" applies to both.
  await flagInterviewDirectly(first.interviewId);
  await flagInterviewDirectly(second.interviewId);
  // Both names start with "Casey Tester-": search for this recruiter's candidates only.
  await page.goto(`/candidates?recruiter=${recruiter.id}`);
  await waitForHydration(page);
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(/Showing 1–2 of 2 candidates/);
  await page.getByRole("checkbox", { name: `Select ${first.name}` }).check();
  await page.getByRole("checkbox", { name: `Select ${second.name}` }).check();
  await expect(page.getByText("2 selected")).toBeVisible();
  await page.getByLabel("Email template").selectOption({ label: "Rough day — here's what to do next" });
  await page.getByRole("button", { name: "Review email to selected" }).click();
  // The confirmation lists both; nothing is sent until it is confirmed.
  const confirm = page.getByRole("region", { name: /^Confirm email/ });
  await expect(confirm.getByRole("row").filter({ hasText: first.name })).toBeVisible();
  await expect(confirm.getByRole("row").filter({ hasText: second.name })).toBeVisible();
  await confirm.getByRole("button", { name: "Send email to 2 candidates" }).click();

  const results = page.getByRole("region", { name: "Email results" });
  await expect(results.getByRole("listitem").filter({ hasText: first.name })).toContainText("Queued");
  await expect(results.getByRole("listitem").filter({ hasText: second.name })).toContainText("Queued");
  await page.goto(`/emails?recruiter=${recruiter.id}`);
  await expect(page.getByRole("status").filter({ hasText: "Showing" })).toHaveText(/of 2 emails/);
});
