// Second interviews: ask for another interview within the window, get it, schedule it, and record the hire.
import { createCandidateWithInterview, database, expect, test, waitForHydration } from "./fixtures";

test("a recruiter records a request inside the window, grants it, schedules the second interview and marks the hire", async ({
  page,
  login,
}) => {
  const recruiter = await login({ role: "recruiter" });
  const { interviewId, candidateId, name, companyName } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });

  await page.goto(`/interviews/${interviewId}?flag=new`);
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: "Nerves, rambling or over-long answers" }).check();
  await page.getByLabel("Severity").selectOption({ label: "Serious" });
  await page.getByRole("button", { name: "Flag interview" }).click();
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();

  const panel = page.getByRole("region", { name: "Second interview" });
  await panel.getByLabel("Asked by").selectOption({ label: "Candidate" });
  await panel.getByLabel("Channel").selectOption({ label: "Phone" });
  await panel.getByLabel("Note about the request").fill("Called the hiring manager, explained the bad day, asked for another chance.");
  await panel.getByRole("button", { name: "Record request" }).click();
  await expect(page.getByText("Second-interview request recorded: inside the 24-hour window.")).toBeVisible();

  await panel.getByLabel("Answer", { exact: true }).selectOption({ label: "Granted" });
  await panel.getByRole("button", { name: "Save answer" }).click();
  await expect(page.getByText("Second interview granted. Schedule it below.")).toBeVisible();

  const inThreeDays = new Date(Date.now() + 3 * 24 * 3600_000);
  const local = `${inThreeDays.toISOString().slice(0, 10)}T10:30`;
  await panel.getByLabel("Date and time of the second interview").fill(local);
  await panel.getByLabel("Format").selectOption({ label: "In person" });
  await panel.getByRole("button", { name: "Schedule the second interview" }).click();
  await expect(page.getByText("Second interview scheduled.")).toBeVisible();
  const second = database()
    .prepare<[string], { id: string; round: string; companyId: string }>(
      `SELECT i.id, i.round, i.companyId FROM "Interview" i JOIN "SecondInterviewRequest" r ON r.id = i.secondInterviewRequestId
       WHERE r.interviewId = ?`,
    )
    .get(interviewId);
  expect(second?.round).toBe("second");

  await panel.getByRole("link", { name: "Open the second interview" }).click();
  await expect(page).toHaveURL(`/interviews/${second!.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Interview: ${name} at ${companyName}`);

  // The hire, recorded from the second interview's page, closes the original application.
  await page.getByLabel("Outcome", { exact: true }).selectOption({ label: "Hired" });
  await page.getByLabel("Start date").fill(inThreeDays.toISOString().slice(0, 10));
  await page.getByRole("button", { name: "Record outcome" }).click();
  await expect(page.getByText("Outcome recorded: Hired. The candidate is now hired.")).toBeVisible();
  const outcome = database()
    .prepare<[string], { interviewId: string; outcome: string }>(`SELECT interviewId, outcome FROM "CandidacyOutcome" WHERE candidateId = ?`)
    .get(candidateId);
  expect(outcome).toEqual({ interviewId, outcome: "hired" });

  await page.goto(`/candidates/${candidateId}`);
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByText(/Second interview requested .*inside the 24-hour window/)).toBeVisible();
  await expect(timeline.getByText(`Outcome: Hired at ${companyName}`)).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a refused request shows its error at the field and keeps what was typed", async ({ page, login }) => {
    const recruiter = await login({ role: "recruiter" });
    const { interviewId } = await createCandidateWithInterview(recruiter.id, { hoursAgo: 4 });
    await page.goto(`/interviews/${interviewId}?flag=new`);
    await page.getByRole("checkbox", { name: "Blanked on a question" }).check();
    await page.getByRole("button", { name: "Flag interview" }).click();
    await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();

    const panel = page.getByRole("region", { name: "Second interview" });
    // Asked two days before the interview: the server refuses it.
    const before = new Date(Date.now() - 48 * 3600_000);
    const asked = `${before.toISOString().slice(0, 10)}T09:00`;
    await panel.getByLabel("Asked on").fill(asked);
    await panel.getByLabel("Note about the request").fill("Typed before the refusal");
    await panel.getByRole("button", { name: "Record request" }).click();

    const again = page.getByRole("region", { name: "Second interview" });
    await expect(again.getByLabel("Asked on")).toHaveAccessibleDescription(/after the interview/);
    await expect(again.getByLabel("Note about the request")).toHaveValue("Typed before the refusal");
    await expect(page.locator("body")).not.toContainText('"status":"error"');
    const requests = database().prepare<[string], { n: number }>(`SELECT count(*) AS n FROM "SecondInterviewRequest" WHERE interviewId = ?`).get(interviewId);
    expect(requests?.n).toBe(0);
  });
});
