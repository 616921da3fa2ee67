// The candidate's check-in, as the people involved live it: the recruiter logs an interview that ended a few hours
// ago, Rebound's scheduler sends "How did it go?", the candidate answers "badly" on a phone, and the recruiter finds a
// flagged interview and a notification under the bell.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { sqlDate } from "../app/utils/sql-dialect.server";
import { database, expect, test, uniqueEmail, uniqueName, waitForHydration } from "./fixtures";

test("a logged interview gets a check-in; “badly” on a phone flags it and tells the recruiter under the bell", async ({ page, browser, login }) => {
  // Two people's whole flow, with the scheduler's poll in the middle: more than one page's worth of time.
  test.setTimeout(90_000);
  await login({ role: "recruiter" });
  const name = uniqueName("Robin");
  const zone = database().prepare<[], { timeZone: string }>(`SELECT timeZone FROM "Agency" WHERE id = 1`).get()?.timeZone ?? "UTC";
  // Started four hours ago, for an hour: it ended three hours ago, so the check-in (2 hours after) is due now.
  const startedAt = DateTime.now().setZone(zone).minus({ hours: 4 }).startOf("minute");

  await page.goto("/interviews/new");
  await waitForHydration(page);
  await page.getByRole("radio", { name: "A new candidate" }).check();
  await page.getByLabel("Candidate name").fill(name);
  await page.getByLabel("Candidate email").fill(uniqueEmail("robin"));
  await page.getByLabel("Client company").fill(`Harbour Freight ${randomBytes(3).toString("hex")}`);
  await page.getByLabel("Role title").fill("Dispatcher");
  await page.getByLabel("Date and time").fill(startedAt.toFormat("yyyy-MM-dd'T'HH:mm"));
  await expect(page.getByRole("checkbox", { name: "Ask the candidate how it went" })).toBeChecked();
  await page.getByRole("button", { name: "Log interview" }).click();
  await expect(page.getByRole("heading", { name: `Interview: ${name} at Harbour Freight`, exact: false })).toBeVisible();
  const interviewId = new URL(page.url()).pathname.split("/").pop()!;

  // The scheduler sends it through the outbox (captured here: no SMTP server in the e2e run).
  const checkInOf = () =>
    database().prepare<[string], { id: string; status: string }>(`SELECT id, status FROM "CheckIn" WHERE interviewId = ?`).get(interviewId);
  await expect.poll(() => checkInOf()?.status, { timeout: 20_000 }).toBe("sent");
  await page.reload();
  await expect(page.getByText(/Sent .*; no answer yet/)).toBeVisible();
  await page.goto("/emails");
  await expect(page.getByRole("row").filter({ hasText: name }).filter({ hasText: "Check-in: how did it go?" })).toHaveCount(1);

  // A captured email is never delivered, so give the candidate the link the worker would have minted.
  const token = randomBytes(32).toString("base64url");
  database()
    .prepare(`INSERT INTO "CheckInLink" (id, checkInId, tokenHash, expiresAt, createdAt) VALUES (?, ?, ?, ?, ?)`)
    .run(randomUUID(), checkInOf()!.id, createHash("sha256").update(token).digest("hex"), sqlDate(Date.now() + 7 * 24 * 3600_000), sqlDate(new Date()));

  // The candidate, on a phone, with no login.
  const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const inbox = await phone.newPage();
  await inbox.goto(`/check-in/${token}`);
  await expect(inbox.getByRole("heading", { name: /how did it go\?/ })).toBeVisible();
  expect(await inbox.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
  // Bad input keeps what they chose and says what is missing, at the field.
  await inbox.getByRole("radio", { name: "It went badly" }).check();
  await inbox.getByRole("button", { name: /^Send to / }).click();
  await expect(inbox.getByText("Tick what happened, or tell us in your own words below.")).toBeVisible();
  await expect(inbox.getByRole("radio", { name: "It went badly" })).toBeChecked();
  // The server checks this page's form (it loads no form library): the first thing to fix gets the focus.
  await expect(inbox.getByRole("checkbox", { name: "I was late, or had trouble getting there" })).toBeFocused();
  await inbox.getByRole("checkbox", { name: "My mind went blank on a question" }).check();
  await inbox.getByLabel(/Anything else you’d like/).fill("I froze on the first question about routes.");
  await inbox.getByRole("button", { name: /^Send to / }).click();
  await expect(inbox.getByRole("heading", { name: "Thank you for telling us" })).toBeVisible();
  await inbox.getByRole("link", { name: "Open your coaching page" }).click();
  await expect(inbox.getByRole("heading", { name: /let’s get you back on track/ })).toBeVisible();
  // Back on the check-in link later: answered once, and the coaching page is one button away.
  await inbox.goto(`/check-in/${token}`);
  await expect(inbox.getByRole("heading", { name: "You’ve already told us how it went" })).toBeVisible();
  await phone.close();

  // The recruiter: a flag from the candidate's own report, and a notification under the bell.
  await page.goto(`/interviews/${interviewId}`);
  await expect(page.getByText("Candidate self-report").first()).toBeVisible();
  await expect(page.getByText("I froze on the first question about routes.").first()).toBeVisible();
  const bell = page.getByRole("link", { name: /Notifications/ });
  await expect(bell).toContainText(/[1-9]/);
  await bell.click();
  await expect(page.getByRole("main").getByText(`${name} said the interview went badly`).first()).toBeVisible();
});
