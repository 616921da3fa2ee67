// The login page's action keeps the form contract (decision 008): one schema with an intent, field errors at 400,
// an unknown intent refused with 400, and the password never sent back.
import { expect, test } from "vitest";
import { action } from "~/routes/login";
import { prisma } from "~/utils/db.server";
import { fieldErrorsOf, statusOf } from "../builders/interviews";
import { makeUser } from "../builders/users";

const post = (fields: Record<string, string>, clientIp = "203.0.113.77") =>
  action({
    request: new Request("http://localhost/login", { method: "POST", body: new URLSearchParams(fields) }),
    context: { clientIp },
    params: {},
  });

type Reply = {
  init: ResponseInit;
  data: {
    intent: string | null;
    offerUnlock?: boolean;
    result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
  };
};

test("a malformed email answers 400 with the message at the email field, keeps the email and never echoes the password", async () => {
  const result = (await post({ intent: "login", email: "not-an-email", password: "secret-password-typed" })) as unknown as Reply;
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result).email).toEqual(["Enter a valid email address, like name@example.com."]);
  expect(result.data.intent).toBe("login");
  expect(result.data.result.initialValue.email).toBe("not-an-email");
  expect(JSON.stringify(result)).not.toContain("secret-password-typed");
  expect(await prisma.session.count()).toBe(0);
});

test("an unlock request with a malformed email answers 400 at the email field and sends nothing", async () => {
  const result = (await post({ intent: "unlock", email: "nope" })) as unknown as Reply;
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result).email?.[0]).toMatch(/valid email address/);
  expect(result.data.offerUnlock).toBe(true);
  expect(await prisma.auditEvent.count({ where: { action: "user.unlock_email_requested" } })).toBe(0);
});

test.each([{ intent: "delete-everything" }, {} as Record<string, string>])(
  "an unknown or missing intent (%j) is refused with 400 and signs nobody in",
  async (extra) => {
    const email = `intent-${Object.keys(extra).length}@example.com`;
    await makeUser({ email, password: "the-right-password" });
    const result = (await post({ ...extra, email, password: "the-right-password" }, "203.0.113.78")) as unknown as Reply;
    expect(statusOf(result)).toBe(400);
    expect(result.data.intent).toBeNull();
    expect(result.data.result.error[""]?.[0]).toMatch(/not understood/);
    expect(await prisma.session.count()).toBe(0);
  },
);

test("while slowed down, the answer is 429 with Retry-After and the wait at the form", async () => {
  await makeUser({ email: "slow@example.com", password: "the-right-password" });
  for (let i = 0; i < 4; i++) await post({ intent: "login", email: "slow@example.com", password: `guess-${i}` }, "203.0.113.79");
  const result = (await post({ intent: "login", email: "slow@example.com", password: "the-right-password" }, "203.0.113.79")) as unknown as Reply;
  expect(statusOf(result)).toBe(429);
  expect(Number(new Headers(result.init.headers).get("Retry-After"))).toBeGreaterThan(0);
  expect(result.data.intent).toBe("login");
  expect(result.data.offerUnlock).toBe(true);
  expect(result.data.result.error[""]?.[0]).toMatch(/Too many failed attempts/);
});
