import { expect, test } from "vitest";
import { action, loader } from "~/routes/candidates.$candidateId";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { makeUser } from "../builders/users";
import { signedInRequest } from "../builders/session";

type Reply = { data: { intent: string | null; result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } | null } ; init: ResponseInit | null };

async function post(candidateId: string, userId: string, fields: Record<string, string>) {
  const request = await signedInRequest(userId, `http://localhost/candidates/${candidateId}`, {
    method: "POST",
    body: new URLSearchParams(fields),
  });
  return action({ request, params: { candidateId }, context: {} }) as Promise<Response | Reply>;
}

const statusOf = (result: Response | Reply) => (result instanceof Response ? result.status : (result.init?.status ?? 200));

test("a 10,000-character name is refused at the name field and nothing is written", async () => {
  const me = await makeUser();
  const candidate = await makeCandidate({ name: "Dana Reyes" });
  const result = await post(candidate.id, me.id, {
    intent: "update-contact",
    name: "x".repeat(10_000),
    email: candidate.email,
  });
  expect(statusOf(result)).toBe(400);
  const reply = result as Reply;
  expect(reply.data.intent).toBe("update-contact");
  expect(reply.data.result?.error?.name).toEqual(["A name is at most 100 characters."]);
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).name).toBe("Dana Reyes");
  expect(await prisma.auditEvent.count({ where: { candidateId: candidate.id } })).toBe(0);
});

test("a duplicate email comes back at the email field with the typed values kept", async () => {
  const me = await makeUser();
  await makeCandidate({ email: "taken@example.net" });
  const candidate = await makeCandidate({ email: "mine@example.net" });
  const result = await post(candidate.id, me.id, {
    intent: "update-contact",
    name: "Typed Name",
    email: "taken@example.net",
    phone: "0123 456 789",
  });
  expect(statusOf(result)).toBe(400);
  const reply = result as Reply;
  expect(reply.data.result?.error?.email?.[0]).toMatch(/already has this email/);
  expect(reply.data.result?.initialValue).toMatchObject({ name: "Typed Name", email: "taken@example.net", phone: "0123 456 789" });
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).email).toBe("mine@example.net");
});

test("a bad phone, LinkedIn address or status gets a field error, not a 500", async () => {
  const me = await makeUser();
  const candidate = await makeCandidate();
  const contact = (await post(candidate.id, me.id, {
    intent: "update-contact",
    name: "Dana",
    email: candidate.email,
    phone: "call me maybe",
    linkedinUrl: "javascript:alert(1)",
  })) as Reply;
  expect(statusOf(contact)).toBe(400);
  expect(Object.keys(contact.data.result?.error ?? {}).sort()).toEqual(["linkedinUrl", "phone"]);
  const status = (await post(candidate.id, me.id, { intent: "change-status", status: "vanished" })) as Reply;
  expect(statusOf(status)).toBe(400);
  expect(status.data.result?.error?.status).toEqual(["Choose open, recovering, hired or closed."]);
  const unknownRecruiter = (await post(candidate.id, me.id, { intent: "reassign", recruiterId: "nobody" })) as Reply;
  expect(statusOf(unknownRecruiter)).toBe(400);
  expect(unknownRecruiter.data.result?.error?.recruiterId).toEqual(["Choose an active recruiter or manager."]);
  expect(statusOf(await post(candidate.id, me.id, { intent: "drop-tables" }))).toBe(400);
});

test("a valid change redirects back to the profile", async () => {
  const me = await makeUser();
  const candidate = await makeCandidate({ status: "open" });
  const result = await post(candidate.id, me.id, { intent: "change-status", status: "recovering" });
  expect(result).toBeInstanceOf(Response);
  expect((result as Response).status).toBe(302);
  expect((result as Response).headers.get("Location")).toBe(`/candidates/${candidate.id}`);
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).status).toBe("recovering");
});

test("an unknown candidate is a 404", async () => {
  const me = await makeUser();
  const request = await signedInRequest(me.id, "http://localhost/candidates/nope");
  const thrown = await Promise.resolve(loader({ request, params: { candidateId: "nope" }, context: {} })).catch((e: unknown) => e);
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(404);
});

test("someone signed out is sent to the login page", async () => {
  const candidate = await makeCandidate();
  const request = new Request(`http://localhost/candidates/${candidate.id}`);
  const thrown = await Promise.resolve(loader({ request, params: { candidateId: candidate.id }, context: {} })).catch((e: unknown) => e);
  expect((thrown as Response).status).toBe(302);
  expect((thrown as Response).headers.get("Location")).toMatch(/^\/login/);
});

test("saving contact details someone else changed meanwhile is refused for review, keeps the typed values, and a second save wins", async () => {
  const me = await makeUser();
  const other = await makeUser();
  const candidate = await makeCandidate({ name: "Dana Reyes", email: "dana@example.net" });
  const request = await signedInRequest(me.id, `http://localhost/candidates/${candidate.id}`);
  const page = (await loader({ request, params: { candidateId: candidate.id }, context: {} })) as { candidate: { contactVersion: string } };
  const shownVersion = page.candidate.contactVersion;

  // A colleague saves a new phone number while the form is open.
  expect(statusOf(await post(candidate.id, other.id, { intent: "update-contact", name: "Dana Reyes", email: "dana@example.net", phone: "020 7946 0000", baseVersion: shownVersion }))).toBe(302);

  const mine = { intent: "update-contact", name: "Dana Reyes-Okafor", email: "dana@example.net", phone: "", baseVersion: shownVersion };
  const refused = (await post(candidate.id, me.id, mine)) as Reply & { data: { currentVersion?: string } };
  expect(statusOf(refused)).toBe(400);
  const formError = refused.data.result?.error?.[""]?.[0];
  expect(formError).toMatch(/^Someone else saved a change while you were editing\./);
  expect(formError).toContain("phone “020 7946 0000”");
  expect(refused.data.result?.initialValue).toMatchObject({ name: "Dana Reyes-Okafor" });
  expect(await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).toMatchObject({ name: "Dana Reyes", phone: "020 7946 0000" });

  // Having reviewed it, saving again (against the version the refusal handed back) replaces the colleague's change.
  expect(statusOf(await post(candidate.id, me.id, { ...mine, baseVersion: refused.data.currentVersion! }))).toBe(302);
  expect(await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).toMatchObject({ name: "Dana Reyes-Okafor", phone: null });
});
