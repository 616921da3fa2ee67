import { expect, test } from "vitest";
import { action } from "~/routes/login";
import { makeUser } from "../db-utils";

function attempt(email: string, password: string, clientIp = "203.0.113.5") {
  const request = new Request("http://localhost/login", {
    method: "POST",
    body: new URLSearchParams({ email, password }),
  });
  return action({ request, context: { clientIp }, params: {} }) as Promise<Response | { init: ResponseInit | null; data: unknown }>;
}

const statusOf = (result: Awaited<ReturnType<typeof attempt>>) =>
  result instanceof Response ? result.status : (result.init?.status ?? 200);

test("after five wrong passwords the account is locked for a while, even with the right one", async () => {
  await makeUser({ email: "target@example.com", password: "the-right-password" });
  for (let i = 0; i < 5; i++) expect(statusOf(await attempt("target@example.com", `guess-${i}`))).toBe(400);
  const locked = await attempt("target@example.com", "the-right-password");
  expect(statusOf(locked)).toBe(429);
  expect(JSON.stringify(locked)).toContain("Too many failed attempts. Try again in 15 minutes.");
});

test("a right password signs in and redirects with a session cookie", async () => {
  await makeUser({ email: "fine@example.com", password: "the-right-password" });
  const result = await attempt("fine@example.com", "the-right-password", "203.0.113.9");
  expect(result).toBeInstanceOf(Response);
  expect((result as Response).status).toBe(302);
  expect((result as Response).headers.get("Set-Cookie")).toMatch(/^__rebound_session=/);
});

test("a wrong password and an unknown email get the same answer", async () => {
  await makeUser({ email: "known@example.com", password: "the-right-password" });
  const wrong = await attempt("known@example.com", "nope-nope-nope", "203.0.113.10");
  const unknown = await attempt("unknown@example.com", "nope-nope-nope", "203.0.113.10");
  const errorsOf = (r: unknown) => (r as { data: { result: { error: unknown } } }).data.result.error;
  expect(errorsOf(wrong)).toEqual({ "": ["Email or password is incorrect."] });
  expect(errorsOf(unknown)).toEqual(errorsOf(wrong));
});
