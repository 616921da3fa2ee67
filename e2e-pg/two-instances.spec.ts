// Two instances on one PostgreSQL, as behind a load balancer (docs/deploy.md): a sign-in on one is good on the other,
// what one writes the other shows, each email queued on either is delivered exactly once though both instances'
// workers poll the same outbox, and a sign-out on one is honoured by the other.
import { randomBytes } from "node:crypto";
import type { ParsedMail } from "mailparser";
import { request as playwrightRequest, type Page } from "playwright/test";
import { startSmtpSink, type SmtpSink } from "../tests/builders/smtp-sink";
import { DEMO_PASSWORD, demoUsers, expect, test, waitForHydration } from "../e2e/fixtures";
import { freshDatabase, makeSmokeData, query, startTwoInstances, type Instance, type SmokeCandidate } from "./instances";

let sink: SmtpSink;
let database: Awaited<ReturnType<typeof freshDatabase>>;
let a: Instance;
let b: Instance;
let candidates: SmokeCandidate[];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) throw new Error("TEST_POSTGRES_URL is not set: run npm run test:e2e:pg (its global setup starts PostgreSQL).");
  sink = await startSmtpSink();
  database = await freshDatabase(serverUrl);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    DATABASE_URL: database.url,
    // The same secret on both, as docs/deploy.md requires.
    SESSION_SECRET: randomBytes(32).toString("hex"),
    // Both start on an empty database together: one migrates and seeds the demo, the other waits and finds it done.
    SEED_DEMO: "true",
    SMTP_URL: sink.url,
  };
  [a, b] = await startTwoInstances(env);
  candidates = await makeSmokeData(demoUsers.recruiter.email, env);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sink?.stop();
  await database?.drop();
});

/** Every address a message was sent to. */
function recipients(mail: ParsedMail) {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((address) => address.address?.toLowerCase()));
}

async function flag(page: Page, instance: Instance, interviewId: string) {
  await page.goto(`${instance.baseURL}/interviews/${interviewId}?flag=new`);
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: "No copy of the résumé" }).check();
  await page.getByLabel("Severity").selectOption({ label: "Serious" });
  await page.getByRole("button", { name: "Flag interview" }).click();
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();
}

async function queueRecoveryEmail(page: Page, instance: Instance, candidate: SmokeCandidate) {
  await page.goto(`${instance.baseURL}/interviews/${candidate.interviewId}/email`);
  await expect(page.getByRole("heading", { name: `Send a recovery email to ${candidate.name}` })).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("radio", { name: "Thank-you and apology note" }).check();
  await expect(page.getByRole("heading", { name: "Preview: Thank-you and apology note" })).toBeVisible();
  await page.getByLabel("Personal note (optional)").fill(`Queued on instance ${instance.name}`);
  await page.getByRole("button", { name: "Send email" }).click();
  await expect(page.getByText(`Email to ${candidate.name} is in the outbox.`)).toBeVisible();
}

test("two instances share sign-ins, data and one outbox: each email arrives once, a sign-out holds on both", async ({ page, browser }) => {
  const [first, second] = candidates;
  const recruiter = demoUsers.recruiter;

  await test.step("both instances answer on the one database, which the demo was seeded into once", async () => {
    const users = await query<{ n: string }>(database.url, `SELECT count(*) AS n FROM "User" WHERE email = $1`, [recruiter.email]);
    expect(Number(users[0].n)).toBe(1);
    expect(a.baseURL).not.toBe(b.baseURL);
  });

  await test.step("log in through the form on A; the same session is good on B", async () => {
    await page.goto(`${a.baseURL}/login`);
    await waitForHydration(page);
    await page.getByLabel("Email").fill(recruiter.email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(`${a.baseURL}/`);
    await expect(page.getByRole("heading", { name: "Welcome, Riley" })).toBeVisible();

    // Cookies belong to the host, not the port, so this browser sends A's session cookie to B, as it would to
    // whichever instance a load balancer picks.
    await page.goto(`${b.baseURL}/`);
    await expect(page).toHaveURL(`${b.baseURL}/`);
    await expect(page.getByRole("heading", { name: "Welcome, Riley" })).toBeVisible();
    await expect(page.getByRole("banner").getByText(recruiter.name, { exact: true })).toBeVisible();

    // B does not simply let anyone in: a browser without the cookie is sent to sign in.
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`${b.baseURL}/`);
    await expect(strangerPage).toHaveURL(new RegExp(`^${b.baseURL}/login`));
    await stranger.close();
  });

  await test.step("flag an interview on B, see it flagged on A (and the other way round)", async () => {
    await flag(page, b, first.interviewId);
    await page.goto(`${a.baseURL}/interviews/${first.interviewId}`);
    await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();

    await flag(page, a, second.interviewId);
    await page.goto(`${b.baseURL}/interviews/${second.interviewId}`);
    await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();
  });

  await test.step("queue a recovery email on A and another on B: the sink receives each exactly once", async () => {
    await queueRecoveryEmail(page, a, first);
    await queueRecoveryEmail(page, b, second);

    // Once the outbox marks both sent, no worker will claim them again: the sink's count is final.
    const candidateIds = [first.candidateId, second.candidateId];
    await expect
      .poll(
        async () =>
          (
            await query<{ status: string }>(
              database.url,
              `SELECT status FROM "EmailMessage" WHERE "candidateId" = ANY($1) ORDER BY status`,
              [candidateIds],
            )
          ).map((row) => row.status),
        { timeout: 60_000 },
      )
      .toEqual(["sent", "sent"]);

    for (const candidate of [first, second]) {
      const delivered = sink.received.filter((mail) => recipients(mail).includes(candidate.email));
      expect(delivered, `messages to ${candidate.email}`).toHaveLength(1);
      expect(delivered[0].text).toContain(candidate === first ? "Queued on instance A" : "Queued on instance B");
    }
    // Nothing at all arrived twice (staff notifications included).
    const messageIds = sink.received.map((mail) => mail.messageId);
    expect(new Set(messageIds).size).toBe(messageIds.length);
  });

  await test.step("log out on A: B refuses the same session cookie from then on", async () => {
    const cookies = await page.context().cookies(a.baseURL);
    const cookieHeader = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
    // Playwright's request client won't send a Secure cookie to http://localhost on its own, so the header is set by hand.
    const client = await playwrightRequest.newContext();
    try {
      const before = await client.get(`${b.baseURL}/`, { headers: { Cookie: cookieHeader }, maxRedirects: 0 });
      expect(before.status()).toBe(200);

      await page.goto(`${a.baseURL}/`);
      await waitForHydration(page);
      await page.getByRole("banner").getByRole("button", { name: "Log out" }).click();
      await expect(page).toHaveURL(`${a.baseURL}/login`);

      const after = await client.get(`${b.baseURL}/`, { headers: { Cookie: cookieHeader }, maxRedirects: 0 });
      expect([302, 303]).toContain(after.status());
      expect(after.headers()["location"]).toMatch(/^\/login/);
    } finally {
      await client.dispose();
    }
  });
});
