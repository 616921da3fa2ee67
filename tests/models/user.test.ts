import { describe, expect, test } from "vitest";
import {
  changeRole,
  createUser,
  deactivateUser,
  getPasswordSetup,
  reactivateUser,
  resetPassword,
  setPasswordWithToken,
  verifyLogin,
} from "~/models/users/user.server";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { makeUser } from "../builders/users";

async function violation(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RuleViolation);
    return error as RuleViolation;
  }
  throw new Error("expected a RuleViolation");
}

const auditFor = (entityId: string) =>
  prisma.auditEvent.findMany({ where: { entityId }, orderBy: { at: "asc" } });

describe("adding users", () => {
  test("stores a lower-cased email and writes the audit event with it", async () => {
    const manager = await makeUser({ role: "manager" });
    const { user, setupToken } = await createUser(
      { name: "  Ada Lovelace ", email: "Ada@Agency.Example", role: "recruiter", password: "a-strong-password" },
      { userId: manager.id },
    );
    expect(user).toMatchObject({ name: "Ada Lovelace", email: "ada@agency.example", role: "recruiter" });
    expect(setupToken).toBeNull();
    const events = await auditFor(user.id);
    expect(events.map((e) => e.action)).toEqual(["user.created"]);
    expect(events[0].actorId).toBe(manager.id);
    expect(JSON.parse(events[0].after!)).toEqual({ name: "Ada Lovelace", email: "ada@agency.example", role: "recruiter" });
    expect(await verifyLogin("ADA@agency.example", "a-strong-password")).toMatchObject({ id: user.id });
  });

  test("refuses a taken email at the email field and writes nothing", async () => {
    const manager = await makeUser({ role: "manager" });
    await makeUser({ email: "taken@example.com" });
    const before = { users: await prisma.user.count(), events: await prisma.auditEvent.count() };
    const error = await violation(
      createUser({ name: "Copy", email: "TAKEN@example.com", role: "recruiter" }, { userId: manager.id }),
    );
    expect(error.field).toBe("email");
    expect({ users: await prisma.user.count(), events: await prisma.auditEvent.count() }).toEqual(before);
  });

  test("without a password, a one-time link lets the user choose one, once", async () => {
    const { user, setupToken } = await createUser(
      { name: "Link User", email: "link@example.com", role: "recruiter" },
      { label: "cli" },
    );
    expect(setupToken).toMatch(/^[\w-]{43}$/);
    expect(await verifyLogin("link@example.com", "")).toBeNull();
    expect((await getPasswordSetup(setupToken!))?.user.id).toBe(user.id);

    await setPasswordWithToken(setupToken!, "chosen-by-me-1");
    expect(await verifyLogin("link@example.com", "chosen-by-me-1")).toMatchObject({ id: user.id });
    expect(await getPasswordSetup(setupToken!)).toBeNull();
    await violation(setPasswordWithToken(setupToken!, "a-second-try-2"));
    expect(await verifyLogin("link@example.com", "a-second-try-2")).toBeNull();
    expect((await auditFor(user.id)).map((e) => e.action)).toEqual(["user.created", "user.password_set"]);
  });

  test("an expired set-password link is refused", async () => {
    const { user, setupToken } = await createUser({ name: "Late", email: "late@example.com", role: "recruiter" }, { label: "cli" });
    await prisma.passwordSetup.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getPasswordSetup(setupToken!)).toBeNull();
    await violation(setPasswordWithToken(setupToken!, "too-late-for-this"));
  });
});

describe("signing in", () => {
  test("refuses a wrong password, an unknown email and a deactivated user alike", async () => {
    await makeUser({ email: "active@example.com", password: "right-password" });
    await makeUser({ email: "gone@example.com", password: "right-password", active: false });
    expect(await verifyLogin("active@example.com", "wrong-password")).toBeNull();
    expect(await verifyLogin("nobody@example.com", "right-password")).toBeNull();
    expect(await verifyLogin("gone@example.com", "right-password")).toBeNull();
    expect(await verifyLogin(" Active@Example.com ", "right-password")).not.toBeNull();
  });
});

describe("the last active manager", () => {
  test("can be neither demoted nor deactivated, and nothing changes", async () => {
    const only = await makeUser({ role: "manager" });
    const other = await makeUser({ role: "manager" });
    // Earlier tests in this file made managers too: leave exactly one active.
    await prisma.user.updateMany({ where: { role: "manager", id: { not: only.id } }, data: { active: false } });
    const events = await prisma.auditEvent.count();

    expect((await violation(changeRole(only.id, "recruiter", { userId: other.id }))).message).toMatch(/at least one active manager/);
    expect((await violation(deactivateUser(only.id, { userId: other.id }))).message).toMatch(/at least one active manager/);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: only.id } })).toMatchObject({ role: "manager", active: true });
    expect(await prisma.auditEvent.count()).toBe(events);
  });

  test("can be demoted once another manager is active, with before and after in the audit log", async () => {
    const a = await makeUser({ role: "manager" });
    const b = await makeUser({ role: "manager" });
    await changeRole(a.id, "recruiter", { userId: b.id });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: a.id } })).role).toBe("recruiter");
    const [event] = await auditFor(a.id);
    expect(event.action).toBe("user.role_changed");
    expect(JSON.parse(event.before!)).toEqual({ role: "manager" });
    expect(JSON.parse(event.after!)).toEqual({ role: "recruiter" });
  });
});

describe("deactivating and reactivating", () => {
  test("a manager can't deactivate their own account", async () => {
    const me = await makeUser({ role: "manager" });
    await makeUser({ role: "manager" });
    expect((await violation(deactivateUser(me.id, { userId: me.id }))).message).toMatch(/your own account/);
  });

  test("a deactivated recruiter can't sign in until reactivated; both changes are audited", async () => {
    const manager = await makeUser({ role: "manager" });
    const recruiter = await makeUser({ email: "temp@example.com", password: "temp-password" });
    await deactivateUser(recruiter.id, { userId: manager.id });
    expect(await verifyLogin("temp@example.com", "temp-password")).toBeNull();
    await reactivateUser(recruiter.id, { userId: manager.id });
    expect(await verifyLogin("temp@example.com", "temp-password")).not.toBeNull();
    expect((await auditFor(recruiter.id)).map((e) => e.action)).toEqual(["user.deactivated", "user.reactivated"]);
  });
});

describe("resetting a password", () => {
  test("stops the old password at once and hands back a working one-time link", async () => {
    const manager = await makeUser({ role: "manager" });
    const user = await makeUser({ email: "reset@example.com", password: "old-password-1" });
    const token = await resetPassword(user.id, { userId: manager.id });
    expect(await verifyLogin("reset@example.com", "old-password-1")).toBeNull();
    await setPasswordWithToken(token, "new-password-2");
    expect(await verifyLogin("reset@example.com", "new-password-2")).not.toBeNull();
  });

  test("a new link replaces any earlier unused one", async () => {
    const manager = await makeUser({ role: "manager" });
    const user = await makeUser();
    const first = await resetPassword(user.id, { userId: manager.id });
    const second = await resetPassword(user.id, { userId: manager.id });
    expect(await getPasswordSetup(first)).toBeNull();
    expect(await getPasswordSetup(second)).not.toBeNull();
  });
});
