// /unsubscribe/:token keeps the form contract (decision 008) while still taking RFC 8058 one-click posts.
import { expect, test } from "vitest";
import { action } from "~/routes/unsubscribe.$token";
import { prisma } from "~/utils/db.server";
import { makeEmailRecipient, makeUnsubscribeToken } from "../builders/emails";
import { fieldErrorsOf, statusOf } from "../builders/interviews";

let n = 0;
async function recipient() {
  const { candidate } = await makeEmailRecipient({
    name: "Ada Okafor",
    email: `ada-contract-${++n}@example.net`,
  });
  return { candidate, token: await makeUnsubscribeToken(candidate.id) };
}

const post = (token: string, body: string) =>
  action({
    request: new Request(`http://localhost/unsubscribe/${token}`, {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
    params: { token },
    context: { clientIp: `192.0.2.${++n}` },
  });

const optedOut = async (id: string) => (await prisma.candidate.findUniqueOrThrow({ where: { id } })).emailOptOut;

test("the page's own button (intent=unsubscribe) unsubscribes", async () => {
  const { candidate, token } = await recipient();
  const result = await post(token, "intent=unsubscribe");
  expect((result as { data: unknown }).data).toEqual({ unsubscribed: true });
  expect(await optedOut(candidate.id)).toBe(true);
});

test("a one-click post with the wrong value answers 400 at that field, with the page's headers, and changes nothing", async () => {
  const { candidate, token } = await recipient();
  const result = await post(token, "List-Unsubscribe=Two-Clicks");
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result)["List-Unsubscribe"]?.[0]).toMatch(/List-Unsubscribe=One-Click/);
  expect(new Headers((result as { init: ResponseInit }).init.headers).get("Cache-Control")).toBe("no-store");
  expect(await optedOut(candidate.id)).toBe(false);
});

test("an unknown intent is refused with 400 and changes nothing", async () => {
  const { candidate, token } = await recipient();
  const result = await post(token, "intent=resubscribe");
  expect(statusOf(result)).toBe(400);
  expect((result as { data: { result: { error: Record<string, string[]> } } }).data.result.error[""]?.[0]).toMatch(
    /not understood/
  );
  expect(await optedOut(candidate.id)).toBe(false);
});

test("a body that isn't a form is refused with 400, not a failure, and changes nothing", async () => {
  const { candidate, token } = await recipient();
  const result = await action({
    request: new Request(`http://localhost/unsubscribe/${token}`, {
      method: "POST",
      body: '{"List-Unsubscribe":"One-Click"}',
      headers: { "Content-Type": "application/json" },
    }),
    params: { token },
    context: { clientIp: `192.0.2.${++n}` },
  });
  expect(statusOf(result)).toBe(400);
  expect(await optedOut(candidate.id)).toBe(false);
});
