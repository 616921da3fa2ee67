// A manager administers users: adds them (with a password or a one-time link), and deactivates them.
import type { Browser, Page } from "playwright/test";
import {
  countUsersNamed,
  createUser,
  deleteUsersByEmail,
  expect,
  findUserByEmail,
  test,
  uniqueEmail,
  uniqueName,
  waitForHydration,
} from "./fixtures";

const GENERIC_ERROR = /^\W*Email or password is incorrect\.$/;

// Users added through the UI in a test; removed afterwards so the list stays short across runs.
const addedEmails: string[] = [];
test.afterEach(() => {
  deleteUsersByEmail(...addedEmails.splice(0));
});

async function openAddUserForm(page: Page) {
  await page.goto("/settings/users/new");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "Add a user" })).toBeVisible();
}

async function openUserList(page: Page) {
  await page.goto("/settings/users");
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
}

/** The list row whose row header starts with this name ("Name" or "Name (you)"). */
function userRow(page: Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
}

async function newPageIn(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

async function logInWithForm(page: Page, email: string, password: string) {
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

test("a recruiter added with a password can log in until the manager deactivates them", async ({
  page,
  login,
  browser,
  baseURL,
}) => {
  await login({ role: "manager" });
  const recruiter = { name: uniqueName("Jordan"), email: uniqueEmail("recruiter"), password: "first-day-at-work" };
  addedEmails.push(recruiter.email);

  await openAddUserForm(page);
  await page.getByLabel("Name").fill(recruiter.name);
  await page.getByLabel("Email").fill(recruiter.email);
  await page.getByLabel("Role").selectOption({ label: "Recruiter" });
  await page.getByRole("radio", { name: "I'll set an initial password" }).check();
  await page.getByLabel("Initial password", { exact: true }).fill(recruiter.password);
  await page.getByRole("button", { name: "Add user" }).click();

  await expect(page).toHaveURL("/settings/users");
  await expect(page.getByRole("status")).toContainText(
    `${recruiter.name} was added and can log in with the password you chose.`,
  );
  const row = userRow(page, recruiter.name);
  await expect(row.getByRole("cell")).toHaveText([recruiter.email, "Recruiter", "Active", /Change role/]);

  const recruiterPage = await newPageIn(browser, baseURL);
  await logInWithForm(recruiterPage, recruiter.email, recruiter.password);
  await expect(recruiterPage).toHaveURL("/");
  await expect(recruiterPage.getByRole("banner").getByText(recruiter.name, { exact: true })).toBeVisible();
  await expect(recruiterPage.getByRole("banner").getByText("Recruiter", { exact: true })).toBeVisible();

  await waitForHydration(page);
  await row.getByRole("button", { name: `Deactivate ${recruiter.name}` }).click();
  await expect(page.getByRole("status")).toContainText("User deactivated.");
  await expect(row.getByRole("cell").nth(2)).toHaveText("Deactivated");
  await expect(row.getByRole("button", { name: `Reactivate ${recruiter.name}` })).toBeVisible();

  // The session cookie the recruiter already holds no longer works.
  await recruiterPage.reload();
  await expect(recruiterPage).toHaveURL("/login");
  await expect(recruiterPage.getByRole("navigation", { name: "Main" })).toHaveCount(0);

  await logInWithForm(recruiterPage, recruiter.email, recruiter.password);
  await expect(recruiterPage.getByRole("main").getByRole("listitem")).toHaveText([GENERIC_ERROR]);
  await expect(recruiterPage).toHaveURL("/login");
  await recruiterPage.context().close();
});

test("a user added with a one-time link chooses a password through it, and the link works only once", async ({
  page,
  login,
  browser,
  baseURL,
}) => {
  await login({ role: "manager" });
  const newcomer = { name: uniqueName("Sam"), email: uniqueEmail("link") };
  addedEmails.push(newcomer.email);

  await openAddUserForm(page);
  await page.getByLabel("Name").fill(newcomer.name);
  await page.getByLabel("Email").fill(newcomer.email);
  await expect(page.getByRole("radio", { name: "Give me a one-time link to send them" })).toBeChecked();
  await expect(page.getByLabel("Initial password", { exact: true })).toBeHidden();
  await page.getByRole("button", { name: "Add user" }).click();

  await expect(page).toHaveURL("/settings/users");
  const confirmation = page.getByRole("status");
  await expect(confirmation).toContainText(`${newcomer.name} was added. Give them this one-time link`);
  const link = (await confirmation.textContent())?.match(/https?:\/\/\S+\/set-password\/[\w-]+/)?.[0];
  expect(link, "the confirmation shows a /set-password/ link").toBeTruthy();
  await expect(userRow(page, newcomer.name).getByRole("cell").nth(2)).toHaveText("Active · password not set yet");

  const newcomerPage = await newPageIn(browser, baseURL);
  await newcomerPage.goto(link!);
  await waitForHydration(newcomerPage);
  await expect(newcomerPage.getByRole("heading", { name: "Choose a password" })).toBeVisible();
  await expect(newcomerPage.getByText(newcomer.email)).toBeVisible();
  await newcomerPage.getByLabel("New password").fill("my-own-secret-42");
  await newcomerPage.getByLabel("Repeat the password").fill("my-own-secret-42");
  await newcomerPage.getByRole("button", { name: "Save password and log in" }).click();

  await expect(newcomerPage).toHaveURL("/");
  await expect(newcomerPage.getByRole("heading", { name: `Welcome, ${newcomer.name.split(" ")[0]}` })).toBeVisible();
  await expect(newcomerPage.getByRole("banner").getByText(newcomer.name, { exact: true })).toBeVisible();
  await newcomerPage.context().close();

  const secondVisit = await newPageIn(browser, baseURL);
  await secondVisit.goto(link!);
  await expect(secondVisit.getByRole("heading", { name: "Link not valid" })).toBeVisible();
  await expect(secondVisit.getByLabel("New password")).toHaveCount(0);
  await secondVisit.context().close();
});

test("the add-user form shows field errors next to the fields, keeps the name, and creates nobody", async ({
  page,
  login,
}) => {
  await login({ role: "manager" });
  const name = uniqueName("Robin");

  await openAddUserForm(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill("robin-at-example.com");
  await page.getByRole("radio", { name: "I'll set an initial password" }).check();
  await page.getByLabel("Initial password", { exact: true }).fill("abc");
  await page.getByRole("button", { name: "Add user" }).click();

  const email = page.getByLabel("Email");
  const password = page.getByLabel("Initial password", { exact: true });
  await expect(email).toHaveAccessibleDescription(/Enter a valid email address, like name@example\.com\./);
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(password).toHaveAccessibleDescription(/A password needs at least 12 characters\./);
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await expect(page.getByLabel("Name")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL("/settings/users/new");
  expect(countUsersNamed(name)).toBe(0);
});

test("adding a user whose email is already taken shows the message at the Email field", async ({ page, login }) => {
  await login({ role: "manager" });
  const existing = await createUser({ email: uniqueEmail("taken") });
  addedEmails.push(existing.email);
  const name = uniqueName("Kim");

  await openAddUserForm(page);
  await page.getByLabel("Name").fill(name);
  // Addresses are compared without regard to case.
  await page.getByLabel("Email").fill(existing.email.toUpperCase());
  await page.getByRole("button", { name: "Add user" }).click();

  const email = page.getByLabel("Email");
  await expect(email).toHaveAccessibleDescription(/A user with this email already exists\./);
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name")).toHaveValue(name);
  await expect(page).toHaveURL("/settings/users/new");
  expect(countUsersNamed(name)).toBe(0);
  expect(findUserByEmail(existing.email)?.name).toBe(existing.name);
});

test("a manager can't deactivate their own account", async ({ page, login }) => {
  const manager = await login({ role: "manager" });

  await openUserList(page);
  const ownRow = userRow(page, `${manager.name} (you)`);
  await ownRow.getByRole("button", { name: `Deactivate ${manager.name}` }).click();

  await expect(ownRow.getByRole("alert")).toHaveText(/You can't deactivate your own account\./);
  await expect(ownRow.getByRole("cell").nth(2)).toHaveText("Active");

  await page.reload();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(userRow(page, `${manager.name} (you)`).getByRole("cell").nth(2)).toHaveText("Active");
  expect(findUserByEmail(manager.email)?.active).toBe(1);
});
