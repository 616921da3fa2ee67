import { expect, test } from "vitest";
import { completeSetup } from "~/models/agency/setup.server";
import { localClock } from "~/utils/zoned-time";
import { loader as loginLoader } from "~/routes/login";
import { action, loader } from "~/routes/setup";
import { prisma } from "~/utils/db.server";

// One file, one database: these tests run in order from an empty installation to a set-up one.

function post(fields: Record<string, string>) {
  return new Request("http://localhost/setup", { method: "POST", body: new URLSearchParams(fields) });
}

const good = {
  agencyName: "Harbour Talent",
  timeZone: "Europe/Lisbon",
  name: "Ines Costa",
  email: "Ines@Harbour.example",
  password: "a-long-first-password",
  confirm: "a-long-first-password",
};

async function settle(promise: Promise<unknown>) {
  try {
    return await promise;
  } catch (error) {
    return error;
  }
}

test("an empty installation sends the login page to setup", async () => {
  const result = await settle(loginLoader({ request: new Request("http://localhost/login"), params: {}, context: {} }));
  expect(result).toBeInstanceOf(Response);
  expect((result as Response).headers.get("Location")).toBe("/setup");
  expect(await loader({ request: new Request("http://localhost/setup"), params: {}, context: {} })).toMatchObject({
    timeZones: expect.arrayContaining(["UTC", "Europe/Lisbon"]),
  });
});

test("bad input gets field messages and creates nothing", async () => {
  const result = (await action({ request: post({ ...good, email: "nope", password: "short", confirm: "x", timeZone: "Mars/Base" }), params: {}, context: {} })) as unknown as {
    init: ResponseInit;
    data: { result: { error: Record<string, string[]> } };
  };
  expect(result.init.status).toBe(400);
  expect(result.data.result.error).toMatchObject({
    email: ["Enter a valid email address, like name@example.com."],
    password: ["A password needs at least 12 characters."],
    timeZone: ["Choose a time zone from the list."],
  });
  expect(await prisma.user.count()).toBe(0);
});

test("two setups at the same moment create one first manager", async () => {
  const input = { agencyName: "Race", timeZone: "UTC", password: "a-long-first-password" };
  const results = await Promise.all([
    completeSetup({ ...input, name: "First", email: "first@race.example" }),
    completeSetup({ ...input, name: "Second", email: "second@race.example" }),
    completeSetup({ ...input, name: "Third", email: "third@race.example" }),
  ]);
  expect(results.filter(Boolean)).toHaveLength(1);
  expect(await prisma.user.count()).toBe(1);
  // Start this file's installation again for the next test.
  await prisma.auditEvent.deleteMany();
  await prisma.user.deleteMany();
  await prisma.agency.update({ where: { id: 1 }, data: { setupCompletedAt: null } });
});

test("setup creates the agency and its first manager, signs them in, and is then gone for good", async () => {
  const result = (await action({ request: post({ ...good, timeZone: "America/New_York" }), params: {}, context: {} })) as Response;
  expect(result.status).toBe(302);
  expect(result.headers.get("Set-Cookie")).toMatch(/^rebound_session=/);
  const manager = await prisma.user.findUniqueOrThrow({ where: { email: "ines@harbour.example" } });
  expect(manager).toMatchObject({ name: "Ines Costa", role: "manager", active: true });
  expect(await prisma.agency.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ name: "Harbour Talent", timeZone: "America/New_York" });
  // The morning digest is planned for 08:00 on the agency's own clock.
  const digest = await prisma.job.findUniqueOrThrow({ where: { key: "digest.morning" } });
  expect(localClock(digest.runAt, "America/New_York")).toMatchObject({ hour: 8 });
  expect(digest.runAt.getTime()).toBeGreaterThan(Date.now());
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "agency.setup_completed" } });
  expect(audit.actorId).toBe(manager.id);

  const again = await settle(loader({ request: new Request("http://localhost/setup"), params: {}, context: {} }));
  expect((again as Response).status).toBe(404);
  const replay = await settle(action({ request: post({ ...good, email: "intruder@example.com" }), params: {}, context: {} }));
  expect((replay as Response).status).toBe(404);
  expect(await prisma.user.count()).toBe(1);
});
