// The manager edits the agency's own settings: name, time zone, email sender and the recovery settings.
import type { Page } from "playwright/test";
import { database, expect, test, waitForHydration } from "./fixtures";

type AgencyRow = { name: string; timeZone: string; senderName: string; replyTo: string | null; quietAfterDays: number; overdueGraceHours: number };

function readAgency() {
  return database()
    .prepare<[], AgencyRow>("SELECT name, timeZone, senderName, replyTo, quietAfterDays, overdueGraceHours FROM Agency WHERE id = 1")
    .get();
}

// The agency is one shared row: put it back as it was so other specs see the demo agency.
let original: AgencyRow | undefined;
test.beforeEach(() => {
  original = readAgency();
});
test.afterEach(() => {
  if (!original) return;
  database()
    .prepare(
      "UPDATE Agency SET name = @name, timeZone = @timeZone, senderName = @senderName, replyTo = @replyTo, quietAfterDays = @quietAfterDays, overdueGraceHours = @overdueGraceHours WHERE id = 1",
    )
    .run(original);
});

async function openAgencySettings(page: Page) {
  await page.goto("/settings/agency");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "Agency" })).toBeVisible();
}

function uniqueAgencyName() {
  return `Harbour Talent ${Math.random().toString(36).slice(2, 8)}`;
}

test("the manager renames the agency and changes its time zone; the header shows the new name", async ({
  page,
  login,
}) => {
  await login({ role: "manager" });
  const name = uniqueAgencyName();
  const timeZone = original?.timeZone === "Europe/Lisbon" ? "America/Chicago" : "Europe/Lisbon";

  await openAgencySettings(page);
  await page.getByLabel("Agency name").fill(name);
  await page.getByLabel("Time zone").selectOption(timeZone);
  await page.getByRole("button", { name: "Save settings" }).click();

  await expect(page.getByRole("status")).toHaveText(/Agency settings saved\./);
  await expect(page.getByRole("banner")).toContainText(name);
  await expect(page.getByLabel("Agency name")).toHaveValue(name);
  await expect(page.getByLabel("Time zone")).toHaveValue(timeZone);

  // Still there after a full reload, straight from the server.
  await page.reload();
  await expect(page.getByRole("banner")).toContainText(name);
  await expect(page.getByLabel("Time zone")).toHaveValue(timeZone);
  expect(readAgency()).toMatchObject({ name, timeZone });
});

test("an invalid reply-to address shows a field error and keeps the other values", async ({ page, login }) => {
  await login({ role: "manager" });
  const name = uniqueAgencyName();
  const before = readAgency();

  await openAgencySettings(page);
  await page.getByLabel("Agency name").fill(name);
  await page.getByLabel("Time zone").selectOption("Asia/Tokyo");
  await page.getByLabel("Sender name").fill("Harbour Talent Team");
  await page.getByLabel("Reply-to address").fill("replies-at-harbour");
  await page.getByRole("button", { name: "Save settings" }).click();

  const replyTo = page.getByLabel("Reply-to address");
  await expect(replyTo).toHaveAccessibleDescription(/Enter a valid email address, like team@example\.com\./);
  await expect(replyTo).toHaveAttribute("aria-invalid", "true");
  await expect(replyTo).toHaveValue("replies-at-harbour");
  await expect(page.getByLabel("Agency name")).toHaveValue(name);
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  await expect(page.getByLabel("Sender name")).toHaveValue("Harbour Talent Team");
  await expect(page.getByRole("status")).toHaveCount(0);
  await expect(page.getByRole("banner")).not.toContainText(name);
  expect(readAgency()).toEqual(before);
});

test("the manager sets when a quiet recovery closes and the grace for late steps; a bad value is refused at its field", async ({
  page,
  login,
}) => {
  await login({ role: "manager" });
  await openAgencySettings(page);
  const quiet = page.getByLabel("Close a quiet recovery after (days)");
  const grace = page.getByLabel("Grace for steps already late (hours)");
  await expect(quiet).toHaveValue(String(original?.quietAfterDays));

  await quiet.fill("0");
  await grace.fill("49");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(quiet).toHaveAccessibleDescription(/Enter a whole number of days from 1 to 365\./);
  await expect(grace).toHaveAccessibleDescription(/Enter a whole number of hours from 0 to 48\./);
  await expect(quiet).toHaveAttribute("aria-invalid", "true");
  expect(readAgency()).toEqual(original);

  await quiet.fill("45");
  await grace.fill("4");
  // Leaving the field revalidates it: the errors go (and the button moves up) before the click.
  await grace.press("Tab");
  await expect(grace).not.toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toHaveText(/Agency settings saved\./);
  await page.reload();
  await expect(page.getByLabel("Close a quiet recovery after (days)")).toHaveValue("45");
  await expect(page.getByLabel("Grace for steps already late (hours)")).toHaveValue("4");
  expect(readAgency()).toMatchObject({ quietAfterDays: 45, overdueGraceHours: 4 });
});
