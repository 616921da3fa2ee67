// My profile → Notifications through the real route: a channel per kind and the two digest switches (checkboxes:
// unticked is off), the weekly summary only a manager's to change, and bad input refused with nothing changed.
import { expect, test } from "vitest";
import { action, loader } from "~/routes/profile_.notifications";
import { prisma } from "~/utils/db.server";
import { signedIn, statusOf } from "../builders/interviews";

const post = async (session: Awaited<ReturnType<typeof signedIn>>, fields: Record<string, string>) =>
  action({ request: session.post("/profile/notifications", fields), params: {}, context: {} });
const switches = (userId: string) => prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { morningDigest: true, weeklySummary: true } });

test("a recruiter switches the morning digest off and on; the weekly summary is not theirs to change", async () => {
  const session = await signedIn("recruiter");
  const page = await loader({ request: session.get("/profile/notifications"), params: {}, context: {} });
  expect(page.digests).toEqual({ morningDigest: true, weeklySummary: null });

  expect(((await post(session, { candidate_activity: "off", weeklySummary: "on" })) as Response).status).toBe(302);
  expect(await switches(session.user.id)).toEqual({ morningDigest: false, weeklySummary: true });
  expect(await prisma.notificationPreference.findFirst({ where: { userId: session.user.id, kind: "candidate_activity" } })).toMatchObject({ channel: "off" });

  await post(session, { morningDigest: "on" });
  expect(await switches(session.user.id)).toEqual({ morningDigest: true, weeklySummary: true });
});

test("a manager switches the weekly summary off", async () => {
  const session = await signedIn("manager");
  expect((await loader({ request: session.get("/profile/notifications"), params: {}, context: {} })).digests).toEqual({ morningDigest: true, weeklySummary: true });
  await post(session, { morningDigest: "on" });
  expect(await switches(session.user.id)).toEqual({ morningDigest: true, weeklySummary: false });
});

test("a channel that doesn't exist is a 400 at its field and changes nothing", async () => {
  const session = await signedIn("recruiter");
  const result = await post(session, { candidate_activity: "pigeon" });
  expect(statusOf(result)).toBe(400);
  expect(JSON.stringify(result)).toContain("Choose in the app, by email, both or off.");
  expect(await switches(session.user.id)).toEqual({ morningDigest: true, weeklySummary: true });
  expect(await prisma.notificationPreference.count({ where: { userId: session.user.id } })).toBe(0);
});
