// Playwright helpers: the e2e database, rows made in it by the same builders as the Vitest tests, and a `login`
// fixture that skips the form.
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { test as base, expect, type BrowserContext, type Page } from "playwright/test";
import type { Role } from "../app/models/enums";

export { expect } from "playwright/test";

export const DEMO_PASSWORD = "rebound-demo";
export const demoUsers = {
  manager: { email: "manager@example.com", name: "Morgan Reyes", role: "manager" },
  recruiter: { email: "recruiter@example.com", name: "Riley Chen", role: "recruiter" },
} as const;

let connection: Database.Database | undefined;

/** The database the web server under test uses (playwright.config.ts puts its path in E2E_DATABASE). */
export function database() {
  if (!connection) {
    const file = process.env.E2E_DATABASE;
    if (!file) throw new Error("E2E_DATABASE is not set: run the e2e suite with `npx playwright test`.");
    connection = new Database(file, { fileMustExist: true });
    // The server may be writing at the same moment (WAL mode): wait for its lock instead of failing.
    connection.pragma("busy_timeout = 5000");
  }
  return connection;
}

function suffix() {
  return randomBytes(4).toString("hex");
}

/** An address no other test or earlier run has used. */
export function uniqueEmail(label = "user") {
  return `${label}-${Date.now().toString(36)}-${suffix()}@e2e.example.com`;
}

/** A person's name that is unique, so a row or button can be found by it. */
export function uniqueName(first = "Alex") {
  return `${first} Tester-${suffix()}`;
}

export type TestUser = { id: string; name: string; email: string; role: Role; password: string };

type UserRow = { id: string; name: string; email: string; role: Role; active: 0 | 1; passwordHash: string | null };

export function findUserByEmail(email: string) {
  return database()
    .prepare<[string], UserRow>("SELECT id, name, email, role, active, passwordHash FROM User WHERE email = ?")
    .get(email.trim().toLowerCase());
}

export function countUsersNamed(name: string) {
  const row = database().prepare<[string], { n: number }>("SELECT count(*) AS n FROM User WHERE name = ?").get(name);
  return row?.n ?? 0;
}

/**
 * Points the app's configuration at the server under test (its database and session secret), then loads app code.
 * The app reads its configuration once, when first imported, so every app import here goes through this.
 */
async function importApp<T>(load: () => Promise<T>): Promise<T> {
  if (!process.env.E2E_SESSION_SECRET) throw new Error("E2E_SESSION_SECRET is not set.");
  Object.assign(process.env, {
    NODE_ENV: "production",
    DATABASE_URL: `file:${process.env.E2E_DATABASE}`,
    SESSION_SECRET: process.env.E2E_SESSION_SECRET,
    SEED_DEMO: "true",
  });
  return load();
}

/** The Vitest builders, writing to the e2e database, so summary columns stay right here too. */
const builders = () =>
  importApp(async () => ({
    ...(await import("../tests/builders/users")),
    ...(await import("../tests/builders/candidates")),
    ...(await import("../tests/builders/interviews")),
    ...(await import("../tests/builders/flags")),
  }));

/** An active user with a password, as the app would store it. */
export async function createUser({
  name = uniqueName(),
  email = uniqueEmail(),
  role = "recruiter",
  password = `pw-${suffix()}-${suffix()}`,
}: Partial<Omit<TestUser, "id">> = {}): Promise<TestUser> {
  const { makeUser } = await builders();
  const user = await makeUser({ name, email, role, password });
  return { id: user.id, name: user.name, email: user.email, role, password };
}

/**
 * Removes test users with the candidates, interviews and flags they own (cascades take the rest); their one-time
 * links go with them, and audit events keep their rows.
 */
export function deleteUsersByEmail(...emails: string[]) {
  const db = database();
  const statements = [
    'DELETE FROM "InterviewFlag" WHERE "flaggedById" = (SELECT id FROM "User" WHERE email = ?)',
    'DELETE FROM "Interview" WHERE "recruiterId" = (SELECT id FROM "User" WHERE email = ?)',
    'DELETE FROM "Candidate" WHERE "recruiterId" = (SELECT id FROM "User" WHERE email = ?)',
    'DELETE FROM "User" WHERE email = ?',
  ].map((sql) => db.prepare(sql));
  const removeAll = db.transaction((email: string) => statements.forEach((statement) => statement.run(email)));
  for (const email of emails) removeAll(email.trim().toLowerCase());
}

/**
 * The Set-Cookie header of a valid session for this user: the app's own createUserSession, run against the e2e
 * database with the server's configuration, so a real Session row stands behind it.
 */
export async function sessionCookieFor(userId: string) {
  const { createUserSession } = await importApp(() => import("../app/utils/session.server"));
  const response = await createUserSession(userId, "/", new Request("http://e2e.invalid/", { headers: { "User-Agent": "Playwright e2e" } }));
  return response.headers.get("Set-Cookie")!;
}

/**
 * Signs a browser context in as this user. The browser must receive the cookie the way the server sends it: a
 * __Host- cookie can't be planted through addCookies on http://localhost, so a stubbed page answers with the header.
 */
export async function signInContext(context: BrowserContext, baseURL: string, userId: string) {
  const setCookie = await sessionCookieFor(userId);
  const url = new URL("/__e2e-sign-in", baseURL).href;
  await context.route(url, (route) => route.fulfill({ status: 200, contentType: "text/plain", body: "signed in", headers: { "Set-Cookie": setCookie } }));
  const page = await context.newPage();
  await page.goto(url);
  await page.close();
  await context.unroute(url);
}

/**
 * Posts a form from outside the browser (no client-side checks) as the signed-in page. Playwright's request client
 * won't send a Secure (__Host-) cookie to http://localhost, as Chromium does, so the header is passed by hand.
 */
export async function postAsPage(page: Page, url: string, form: Record<string, string>) {
  const cookies = await page.context().cookies();
  const header = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  return page.request.post(url, { form, headers: { Cookie: header } });
}

/**
 * Resolves once React has hydrated the page: React tags hydrated elements with a `__reactFiber$` key, and <body>
 * is tagged in the same task that commits the root (so event handlers and layout effects are in place).
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(
    () => document.readyState === "complete" && Object.keys(document.body).some((key) => key.startsWith("__reactFiber$")),
  );
}

type LoginOptions = { email: string } | { role?: Role; name?: string };

export const test = base.extend<{
  /**
   * Signs the page's browser context in without the form. With `{ email }` it uses that existing user; otherwise it
   * creates a fresh user (recruiter unless `role` says otherwise) and deletes it after the test.
   */
  login: (options?: LoginOptions) => Promise<TestUser>;
}>({
  // The callback is named `provide`, not `use`, so the React hooks lint rule doesn't mistake it for a hook.
  login: async ({ page, baseURL }, provide) => {
    const created: string[] = [];
    await provide(async (options = {}) => {
      let user: TestUser;
      if ("email" in options) {
        const row = findUserByEmail(options.email);
        if (!row) throw new Error(`No user with the email ${options.email} in the e2e database.`);
        user = { id: row.id, name: row.name, email: row.email, role: row.role, password: "" };
      } else {
        user = await createUser({ role: options.role, name: options.name });
        created.push(user.email);
      }
      await signInContext(page.context(), baseURL!, user.id);
      return user;
    });
    deleteUsersByEmail(...created);
  },
});

/** A candidate of this recruiter with one past interview at the first demo company; returns their ids and name. */
export async function createCandidateWithInterview(recruiterId: string, { hoursAgo = 3 } = {}) {
  const { makeCandidate, makeInterview } = await builders();
  const company = database().prepare<[], { id: string; name: string }>(`SELECT id, name FROM "Company" ORDER BY name LIMIT 1`).get();
  if (!company) throw new Error("The e2e database has no companies: is the demo seeded?");
  const candidate = await makeCandidate({ name: uniqueName("Casey"), email: uniqueEmail("candidate"), recruiterId });
  const interview = await makeInterview({
    candidateId: candidate.id,
    companyId: company.id,
    recruiterId,
    roleTitle: "Office Manager",
    format: "in_person",
    scheduledAt: new Date(Date.now() - hoursAgo * 3600_000),
  });
  return { candidateId: candidate.id, interviewId: interview.id, name: candidate.name, companyName: company.name };
}

/** The titles of the current playbook's steps, in order. */
export function currentPlaybookTitles() {
  return database()
    .prepare<[], { title: string }>(
      `SELECT s.title FROM "PlaybookStep" s JOIN "PlaybookVersion" v ON v.id = s.versionId
       WHERE v.version = (SELECT MAX(version) FROM "PlaybookVersion") ORDER BY s.position`,
    )
    .all()
    .map((row) => row.title);
}

/** Flags the interview from its page (which starts the checklist) and creates the candidate's link; returns its path. */
export async function flagAndCreateLink(page: Page, interviewId: string) {
  await page.goto(`/interviews/${interviewId}?flag=new`);
  await waitForHydration(page);
  await page.getByRole("checkbox", { name: "Called the interviewer by the wrong name" }).check();
  await page.getByLabel("Severity").selectOption({ label: "Minor" });
  await page.getByRole("button", { name: "Flag interview" }).click();
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();
  await page.getByRole("button", { name: /^(Create a link|New link)$/ }).click();
  // The link is shown once, in a dialog; Escape closes it and the panel says the link is active.
  const dialog = page.getByRole("dialog", { name: "The candidate's link" });
  await expect(dialog).toBeVisible();
  const url = (await dialog.getByLabel("Candidate link").inputValue()).trim();
  expect(url).toMatch(/\/coach\/[A-Za-z0-9_-]{43}$/);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/^Link active, expires /)).toBeVisible();
  return new URL(url).pathname;
}

/**
 * Flags the interview straight in the database (no checklist), as logged when it ended; with `closed`, its recovery
 * is closed for that reason. For tests about what a recovery's state allows, such as which emails apply.
 */
export async function flagInterviewDirectly(interviewId: string, closed?: { reason: string; at?: Date }) {
  const { makeFlag, closeRecovery } = await builders();
  const flag = await makeFlag(interviewId, { reasons: ["late"] });
  if (closed) await closeRecovery(flag.id, { closedReason: closed.reason, closedAt: closed.at ?? new Date() });
  return flag.id;
}
