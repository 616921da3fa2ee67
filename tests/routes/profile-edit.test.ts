// My profile: a user edits their own name, phone and email signature, and changes their password.
import { expect, test } from "vitest";
import { action, loader } from "~/routes/profile";
import { prisma } from "~/utils/db.server";
import { verifyPassword } from "~/utils/password.server";
import { sessionCookie } from "../builders/session";
import { fieldErrorsOf, signedIn, statusOf } from "../builders/interviews";

const ip = () => ({ clientIp: `203.0.113.${Math.floor(Math.random() * 250) + 1}` });
const postAs = (me: Awaited<ReturnType<typeof signedIn>>, fields: Record<string, string>) =>
  action({ request: me.post("/profile", fields), params: {}, context: ip() });
const stored = (id: string) =>
  prisma.user.findUniqueOrThrow({ where: { id }, select: { name: true, phone: true, emailSignature: true, passwordHash: true } });

test("saves name, phone and signature, audits only what changed, and the page shows them", async () => {
  const me = await signedIn();
  const result = (await postAs(me, {
    intent: "update-details",
    name: "  Rita Recruiter ",
    phone: "+44 20 7946 0018",
    emailSignature: "Rita\nNorthbridge Staffing",
  })) as Response;
  expect(result.status).toBe(302);
  expect(await stored(me.user.id)).toMatchObject({ name: "Rita Recruiter", phone: "+44 20 7946 0018", emailSignature: "Rita\nNorthbridge Staffing" });
  const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.profile_updated", entityId: me.user.id } });
  expect(JSON.parse(event.after!)).toEqual({ name: "Rita Recruiter", phone: "+44 20 7946 0018", emailSignature: "Rita\nNorthbridge Staffing" });

  expect(statusOf(await postAs(me, { intent: "update-details", name: "Rita Recruiter", phone: "" }))).toBe(302);
  const second = await prisma.auditEvent.findMany({ where: { action: "user.profile_updated", entityId: me.user.id }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  expect(second).toHaveLength(2);
  expect(JSON.parse(second[1].before!)).toEqual({ phone: "+44 20 7946 0018", emailSignature: "Rita\nNorthbridge Staffing" });
  expect(JSON.parse(second[1].after!)).toEqual({ phone: null, emailSignature: null });

  const page = await loader({ request: me.get("/profile"), params: {}, context: {} });
  expect(page.user).toMatchObject({ name: "Rita Recruiter", phone: null });
});

test("a bad phone or an empty name is refused at the field and changes nothing", async () => {
  const me = await signedIn();
  const before = await stored(me.user.id);
  const badPhone = await postAs(me, { intent: "update-details", name: "New Name", phone: "call me maybe" });
  expect(statusOf(badPhone)).toBe(400);
  expect(fieldErrorsOf(badPhone).phone).toEqual(["Enter a phone number using digits, spaces and + ( ) - only."]);
  expect((badPhone as { data: { intent: string } }).data.intent).toBe("update-details");
  const noName = await postAs(me, { intent: "update-details", name: " ", phone: "" });
  expect(fieldErrorsOf(noName).name).toEqual(["Enter a name."]);
  const longSignature = await postAs(me, { intent: "update-details", name: "X", emailSignature: "s".repeat(501) });
  expect(fieldErrorsOf(longSignature).emailSignature).toEqual(["A signature is at most 500 characters."]);
  expect(await stored(me.user.id)).toEqual(before);
  expect(await prisma.auditEvent.count({ where: { entityId: me.user.id, action: "user.profile_updated" } })).toBe(0);
});

test("a wrong current password is refused at its field: nothing changes, no session ends, no password is echoed", async () => {
  const me = await signedIn();
  const otherBrowser = await sessionCookie(me.user.id);
  const before = await stored(me.user.id);
  const result = await postAs(me, {
    intent: "change-password",
    current: "not my password",
    password: "a brand new passphrase",
    confirm: "a brand new passphrase",
  });
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result).current).toEqual(["That is not your current password."]);
  expect(JSON.stringify(result)).not.toContain("a brand new passphrase");
  expect(JSON.stringify(result)).not.toContain("not my password");
  expect((await stored(me.user.id)).passwordHash).toBe(before.passwordHash);
  expect(await prisma.session.count({ where: { userId: me.user.id } })).toBe(2);
  expect(otherBrowser).toBeTruthy();
});

test("the new password follows the password rules and must be typed twice", async () => {
  const me = await signedIn();
  const short = await postAs(me, { intent: "change-password", current: "correct horse battery", password: "short", confirm: "short" });
  expect(fieldErrorsOf(short).password).toEqual(["A password needs at least 12 characters."]);
  const common = await postAs(me, { intent: "change-password", current: "correct horse battery", password: "password1234", confirm: "password1234" });
  expect(fieldErrorsOf(common).password).toEqual(["This is one of the commonest passwords; choose another."]);
  const differ = await postAs(me, {
    intent: "change-password",
    current: "correct horse battery",
    password: "a brand new passphrase",
    confirm: "a brand new passphrase!",
  });
  expect(fieldErrorsOf(differ).confirm).toEqual(["The two passwords differ."]);
  expect(await verifyPassword("correct horse battery", (await stored(me.user.id)).passwordHash)).toBe(true);
});

test("changing the password keeps this session, ends the others, and is audited", async () => {
  const me = await signedIn();
  await sessionCookie(me.user.id);
  await sessionCookie(me.user.id);
  expect(await prisma.session.count({ where: { userId: me.user.id } })).toBe(3);
  const result = (await postAs(me, {
    intent: "change-password",
    current: "correct horse battery",
    password: "a brand new passphrase",
    confirm: "a brand new passphrase",
  })) as Response;
  expect(result.status).toBe(302);
  expect(await verifyPassword("a brand new passphrase", (await stored(me.user.id)).passwordHash)).toBe(true);
  expect(await prisma.session.count({ where: { userId: me.user.id } })).toBe(1);
  // The remaining session is the one that made the change: the page still opens with its cookie.
  const page = await loader({ request: me.get("/profile"), params: {}, context: {} });
  expect(page.sessions).toHaveLength(1);
  const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.password_changed", entityId: me.user.id } });
  expect(JSON.parse(event.after!)).toEqual({ sessionsEnded: 2 });
});
