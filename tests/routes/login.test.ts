import { expect, test } from "vitest";
import { action } from "~/routes/login";
import { prisma } from "~/utils/db.server";
import { makeUser } from "../builders/users";

function attempt(email: string, password: string, clientIp = "203.0.113.5", redirectTo = "") {
  const request = new Request("http://localhost/login", {
    method: "POST",
    body: new URLSearchParams({ intent: "login", email, password, redirectTo }),
  });
  return action({ request, context: { clientIp }, params: {} }) as Promise<Response | { init: ResponseInit | null; data: unknown }>;
}

const statusOf = (result: Awaited<ReturnType<typeof attempt>>) =>
  result instanceof Response ? result.status : (result.init?.status ?? 200);

test("after a few wrong passwords the account is slowed down, not locked: the page says how long and offers the unlock email", async () => {
  await makeUser({ email: "target@example.com", password: "the-right-password" });
  for (let i = 0; i < 3; i++) {
    const result = await attempt("target@example.com", `guess-${i}`);
    expect(statusOf(result)).toBe(400);
    expect(JSON.stringify(result)).toContain('"offerUnlock":false');
  }
  const fourth = await attempt("target@example.com", "guess-3");
  expect(JSON.stringify(fourth)).toContain('"offerUnlock":true');
  const slowed = await attempt("target@example.com", "the-right-password");
  expect(statusOf(slowed)).toBe(429);
  expect(JSON.stringify(slowed)).toMatch(/Too many failed attempts\. Wait \d seconds? and try again\./);
});

test("a right password signs in, redirects to the page asked for, and opens a server-side session", async () => {
  const user = await makeUser({ email: "fine@example.com", password: "the-right-password" });
  const result = await attempt("fine@example.com", "the-right-password", "203.0.113.9", "/candidates?page=2");
  expect(result).toBeInstanceOf(Response);
  expect((result as Response).status).toBe(302);
  expect((result as Response).headers.get("Location")).toBe("/candidates?page=2");
  expect((result as Response).headers.get("Set-Cookie")).toMatch(/^rebound_session=/);
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
});

test.each(["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example/"])(
  "after signing in, redirectTo=%j lands on the dashboard, not another site",
  async (redirectTo) => {
    await makeUser({ email: `hop-${redirectTo.length}-${redirectTo.charCodeAt(1)}@example.com`, password: "the-right-password" });
    const result = (await attempt(`hop-${redirectTo.length}-${redirectTo.charCodeAt(1)}@example.com`, "the-right-password", "203.0.113.11", redirectTo)) as Response;
    expect(result.headers.get("Location")).toBe("/");
  },
);

test("a wrong password and an unknown email get the same answer", async () => {
  await makeUser({ email: "known@example.com", password: "the-right-password" });
  const wrong = await attempt("known@example.com", "nope-nope-nope", "203.0.113.10");
  const unknown = await attempt("unknown@example.com", "nope-nope-nope", "203.0.113.10");
  const errorsOf = (r: unknown) => (r as { data: { result: { error: unknown } } }).data.result.error;
  expect(errorsOf(wrong)).toEqual({ "": ["Email or password is incorrect."] });
  expect(errorsOf(unknown)).toEqual(errorsOf(wrong));
});
