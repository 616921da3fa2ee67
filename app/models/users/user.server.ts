// Users of Rebound (recruiters and managers): sign-in, and the manager's user administration.
import type { StaffActor } from "~/models/audit/events";
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "~/models/audit/audit.server";
import { isUniqueViolation, prisma, type Tx } from "~/utils/db.server";
import { lockActiveManagers } from "~/utils/sql-dialect.server";
import { RuleViolation } from "~/utils/errors.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import type { Role } from "../enums";
import { endUserSessions } from "./user-session.server";

export const PASSWORD_SETUP_HOURS = 72;

const publicUser = { id: true, name: true, email: true, role: true } as const;
export type SessionUser = { id: string; name: string; email: string; role: Role };

// The role column is a string in SQLite; its allowed values are enforced by the forms (app/models/enums.ts).
function toSessionUser(user: { id: string; name: string; email: string; role: string }): SessionUser {
  return { id: user.id, name: user.name, email: user.email, role: user.role as Role };
}

export async function getActiveUserById(id: string) {
  const user = await prisma.user.findFirst({ where: { id, active: true }, select: publicUser });
  return user ? toSessionUser(user) : null;
}

/** The user when the password matches an active account; null otherwise, whatever the reason. */
export async function verifyLogin(email: string, password: string) {
  const user = await prisma.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { ...publicUser, passwordHash: true, active: true },
  });
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || !user.active) return null;
  return toSessionUser(user);
}

export async function listUsers() {
  return prisma.user.findMany({
    select: { ...publicUser, active: true, passwordHash: true },
    orderBy: [{ active: "desc" }, { name: "asc" }],
  }).then((users) =>
    users.map(({ passwordHash, ...user }) => ({ ...user, role: user.role as Role, hasPassword: Boolean(passwordHash) })),
  );
}

function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export async function issuePasswordSetup(tx: Tx, userId: string) {
  const token = randomBytes(32).toString("base64url");
  await tx.passwordSetup.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
  await tx.passwordSetup.create({
    data: {
      userId,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + PASSWORD_SETUP_HOURS * 3600_000),
    },
  });
  return token;
}

type NewUser = { name: string; email: string; role: Role; password?: string };

/** Creates a user. Without a password, returns a one-time set-password token for the manager to pass on. */
export async function createUser(input: NewUser, actor: StaffActor | { label: "cli" }) {
  const email = input.email.trim().toLowerCase();
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new RuleViolation("A user with this email already exists.", "email");
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const created = prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { name: input.name.trim(), email, role: input.role, passwordHash },
      select: publicUser,
    });
    const setupToken = passwordHash ? null : await issuePasswordSetup(tx, user.id);
    await recordAudit(tx, {
      actor,
      action: "user.created",
      entityId: user.id,
      after: { name: user.name, email: user.email, role: user.role },
    });
    return { user, setupToken };
  });
  // Two managers adding the same person at once: the unique email has the last word, with the same message.
  return created.catch((error: unknown) => {
    if (isUniqueViolation(error)) throw new RuleViolation("A user with this email already exists.", "email");
    throw error;
  });
}

async function assertAnotherActiveManager(tx: Tx, userId: string, message: string) {
  // Two managers deactivated or demoted at once would each count the other: lock them all, then count.
  const lock = lockActiveManagers();
  if (lock) await tx.$queryRaw(lock);
  const others = await tx.user.count({ where: { role: "manager", active: true, id: { not: userId } } });
  if (others === 0) throw new RuleViolation(message);
}

async function getUserForChange(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { ...publicUser, active: true } });
  if (!user) throw new RuleViolation("That user no longer exists.");
  return user;
}

export async function changeRole(userId: string, role: Role, actor: StaffActor) {
  return prisma.$transaction(async (tx) => {
    const user = await getUserForChange(tx, userId);
    if (user.role === role) return;
    if (user.role === "manager" && user.active) {
      await assertAnotherActiveManager(tx, userId, "The agency needs at least one active manager.");
    }
    // Conditional on the role read above, so two changes at once can't both audit a "before" that is gone.
    const { count } = await tx.user.updateMany({ where: { id: userId, role: user.role }, data: { role } });
    if (!count) throw new RuleViolation("Someone changed this user's role meanwhile. Reload the page.");
    await recordAudit(tx, {
      actor,
      action: "user.role_changed",
      entityId: userId,
      before: { role: user.role },
      after: { role },
    });
  });
}

export async function deactivateUser(userId: string, actor: StaffActor) {
  if (userId === actor.userId) throw new RuleViolation("You can't deactivate your own account.");
  return prisma.$transaction(async (tx) => {
    const user = await getUserForChange(tx, userId);
    if (!user.active) return;
    if (user.role === "manager") {
      await assertAnotherActiveManager(tx, userId, "The agency needs at least one active manager.");
    }
    // Conditional, so two deactivations at once audit and end sessions once.
    const { count } = await tx.user.updateMany({ where: { id: userId, active: true }, data: { active: false } });
    if (!count) return;
    await endUserSessions(tx, userId);
    await recordAudit(tx, {
      actor,
      action: "user.deactivated",
      entityId: userId,
      before: { active: true },
      after: { active: false },
    });
  });
}

export async function reactivateUser(userId: string, actor: StaffActor) {
  return prisma.$transaction(async (tx) => {
    const user = await getUserForChange(tx, userId);
    if (user.active) return;
    const { count } = await tx.user.updateMany({ where: { id: userId, active: false }, data: { active: true } });
    if (!count) return;
    await recordAudit(tx, {
      actor,
      action: "user.reactivated",
      entityId: userId,
      before: { active: false },
      after: { active: true },
    });
  });
}

/** Clears the password and returns a fresh one-time set-password token. */
export async function resetPassword(userId: string, actor: StaffActor) {
  return prisma.$transaction(async (tx) => {
    await getUserForChange(tx, userId);
    await tx.user.update({ where: { id: userId }, data: { passwordHash: null } });
    await endUserSessions(tx, userId);
    const token = await issuePasswordSetup(tx, userId);
    await recordAudit(tx, { actor, action: "user.password_reset", entityId: userId });
    return token;
  });
}

/** The user a set-password token belongs to, when the token is unused, unexpired and the user active. */
export async function getPasswordSetup(token: string) {
  const setup = await prisma.passwordSetup.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, usedAt: true, expiresAt: true, user: { select: { ...publicUser, active: true } } },
  });
  if (!setup || setup.usedAt || setup.expiresAt < new Date() || !setup.user.active) return null;
  return setup;
}

export async function setPasswordWithToken(token: string, password: string) {
  const setup = await getPasswordSetup(token);
  if (!setup) throw new RuleViolation("This link is not valid any more. Ask your manager for a new one.");
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    // Marking it used inside the transaction, guarded on usedAt, makes the link truly single-use.
    const claimed = await tx.passwordSetup.updateMany({
      where: { id: setup.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    if (claimed.count === 0) throw new RuleViolation("This link has already been used.");
    await tx.user.update({ where: { id: setup.user.id }, data: { passwordHash } });
    // A new password signs out every browser; the set-password page then opens a fresh session.
    await endUserSessions(tx, setup.user.id);
    await recordAudit(tx, {
      actor: { userId: setup.user.id },
      action: "user.password_set",
      entityId: setup.user.id,
    });
    return toSessionUser(setup.user);
  });
}
