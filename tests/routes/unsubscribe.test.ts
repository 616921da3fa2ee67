// /unsubscribe/:token without logging in: confirm page, POST and RFC 8058 one-click POST, unknown tokens, rate limit.
import { expect, test } from "vitest";
import { action, loader } from "~/routes/unsubscribe.$token";
import { prisma } from "~/utils/db.server";
import { UNSUBSCRIBE_LIMIT } from "~/utils/unsubscribe-rate-limit.server";
import { makeEmailRecipient, makeUnsubscribeToken } from "../builders/emails";

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

async function recipient() {
  const { candidate } = await makeEmailRecipient({ name: "Ada Okafor", email: `ada-${++ipCounter}@example.net` });
  await prisma.agency.upsert({ where: { id: 1 }, create: { id: 1, name: "Northbridge Staffing" }, update: { name: "Northbridge Staffing" } });
  return { candidate, token: await makeUnsubscribeToken(candidate.id) };
}

const get = (token: string, ip = freshIp()) =>
  loader({ request: new Request(`http://localhost/unsubscribe/${token}`), params: { token }, context: { clientIp: ip } });

const post = (token: string, body: BodyInit | null = null, ip = freshIp()) =>
  action({
    request: new Request(`http://localhost/unsubscribe/${token}`, {
      method: "POST",
      body,
      headers: body ? { "Content-Type": "application/x-www-form-urlencoded" } : {},
    }),
    params: { token },
    context: { clientIp: ip },
  });

const dataOf = (result: unknown) => (result as { data: Record<string, unknown> }).data;

async function thrown(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Response;
  }
  throw new Error("expected a thrown response");
}

test("opening the link asks to confirm with a masked address and the agency, and changes nothing", async () => {
  const { candidate, token } = await recipient();
  expect(dataOf(await get(token))).toEqual({
    firstName: "Ada",
    maskedEmail: expect.stringMatching(/^a\*\*\*@example\.net$/),
    optedOut: false,
    agencyName: "Northbridge Staffing",
  });
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).emailOptOut).toBe(false);
});

test("confirming records the opt-out with the candidate as the actor", async () => {
  const { candidate, token } = await recipient();
  expect(dataOf(await post(token))).toEqual({ unsubscribed: true });
  const after = await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } });
  expect(after.emailOptOut).toBe(true);
  const event = await prisma.auditEvent.findFirstOrThrow({ where: { candidateId: candidate.id, action: "candidate.unsubscribed" } });
  expect(event.actorLabel).toBe("candidate");
  expect(dataOf(await get(token))).toMatchObject({ optedOut: true });
});

test("a mail provider's one-click POST (List-Unsubscribe=One-Click) unsubscribes without a form token", async () => {
  const { candidate, token } = await recipient();
  expect(dataOf(await post(token, "List-Unsubscribe=One-Click"))).toEqual({ unsubscribed: true });
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).emailOptOut).toBe(true);
});

test("an unknown token gets a plain 'not valid' 404 for both GET and POST", async () => {
  for (const response of [await thrown(get("not-a-real-token")), await thrown(post("not-a-real-token"))]) {
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("This link is not valid");
  }
});

test("too many requests from one address are refused with Retry-After", async () => {
  const ip = freshIp();
  for (let i = 0; i < UNSUBSCRIBE_LIMIT; i++) await thrown(get("probe-" + i, ip));
  const limited = await thrown(get("probe-last", ip));
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
});
