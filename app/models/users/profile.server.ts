// My profile: a user's own name, phone, email signature and password.
import { recordAudit } from "~/models/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { lockRow } from "~/utils/sql-dialect.server";
import { RuleViolation } from "~/utils/errors.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { endUserSessions } from "./user-session.server";

export async function getOwnProfile(userId: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true, phone: true, emailSignature: true },
  });
}

type Details = { name: string; phone: string | null; emailSignature: string | null };

/** Saves the user's own details; only the fields that changed are audited. Returns whether anything changed. */
export async function updateOwnProfile(userId: string, details: Details) {
  return prisma.$transaction(async (tx) => {
    // Two saves at once (two tabs): the second's audited "before" is the first's "after".
    const lock = lockRow("User", userId);
    if (lock) await tx.$queryRaw(lock);
    const current = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { name: true, phone: true, emailSignature: true },
    });
    const fields = (["name", "phone", "emailSignature"] as const).filter((f) => current[f] !== details[f]);
    if (!fields.length) return false;
    await tx.user.update({
      where: { id: userId },
      data: { name: details.name, phone: details.phone, emailSignature: details.emailSignature },
    });
    const pick = (from: Details) => Object.fromEntries(fields.map((f) => [f, from[f]]));
    await recordAudit(tx, {
      actor: { userId },
      action: "user.profile_updated",
      entityId: userId,
      before: pick(current),
      after: pick(details),
    });
    return true;
  });
}

/**
 * Changes the user's own password after checking the current one; every other session ends (a stolen session
 * must not outlive the password it was opened with), the one making the change stays.
 */
export async function changeOwnPassword(userId: string, currentSessionId: string, input: { current: string; password: string }) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(input.current, user.passwordHash))) {
    throw new RuleViolation("That is not your current password.", "current");
  }
  if (input.current === input.password) {
    throw new RuleViolation("Choose a password different from the current one.", "password");
  }
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    const ended = await endUserSessions(tx, userId, currentSessionId);
    await recordAudit(tx, { actor: { userId }, action: "user.password_changed", entityId: userId, after: { sessionsEnded: ended } });
    return { sessionsEnded: ended };
  });
}
