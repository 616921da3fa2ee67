// Signed-in browsers, kept server-side: signing out, a new password or deactivation ends them at once.
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "~/models/audit/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { readBoolean, readDate } from "~/utils/sql-dialect.server";

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 12;
// "Last seen" is refreshed at most this often, so reading a page doesn't cost a write.
export const LAST_SEEN_EVERY_MS = 5 * 60_000;

function hashSessionToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

/** Opens a session and returns the token for the cookie (never stored as such). */
export async function startSession(userId: string, userAgent: string | null, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: {
      id: hashSessionToken(token),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      userAgent: userAgent?.slice(0, 300) || null,
    },
  });
  // Expired rows of anyone are useless; clearing them here keeps the table small without a scheduled job.
  await prisma.session.deleteMany({ where: { expiresAt: { lt: now } } });
  return token;
}

/** The active user behind a session token, with the session's id; null when it is unknown, expired or the user inactive. */
export async function getSessionUser(token: string, now = new Date()) {
  const id = hashSessionToken(token);
  // Every signed-in request runs this: one statement for the session and its user (Prisma's nested select sends two).
  const [row] = await prisma.$queryRaw<SessionRow[]>`
    SELECT s."id", s."expiresAt", s."lastSeenAt", u."id" AS "userId", u."name", u."email", u."role", u."active"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."id" = ${id}`;
  if (!row) return null;
  const expiresAt = readDate(row.expiresAt);
  const lastSeenAt = readDate(row.lastSeenAt);
  // SQLite answers booleans as 0/1, PostgreSQL as true/false.
  if (!expiresAt || expiresAt <= now || !lastSeenAt || !readBoolean(row.active)) return null;
  if (now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
    await prisma.session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  return { sessionId: row.id, user: { id: row.userId, name: row.name, email: row.email, role: row.role } };
}

type SessionRow = {
  id: string;
  expiresAt: unknown;
  lastSeenAt: unknown;
  userId: string;
  name: string;
  email: string;
  role: string;
  active: unknown;
};

/** Ends the session behind a token (signing out). Unknown tokens are ignored. */
export async function endSessionByToken(token: string) {
  await prisma.session.deleteMany({ where: { id: hashSessionToken(token) } });
}

export function sessionIdOf(token: string) {
  return hashSessionToken(token);
}

/** Ends every session of the user, or every one but `exceptId`; for a new password or deactivation, inside its transaction. */
export async function endUserSessions(tx: Tx, userId: string, exceptId?: string) {
  const { count } = await tx.session.deleteMany({ where: { userId, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  return count;
}

/** The user's own unexpired sessions for "My profile", the current one first. */
export async function listUserSessions(userId: string, currentId: string, now = new Date()) {
  const sessions = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: now } },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true },
    orderBy: { lastSeenAt: "desc" },
  });
  return sessions
    .map(({ id, ...rest }) => ({
      // The list exposes a short handle, not the stored id, so the page never shows anything cookie-like.
      key: id.slice(0, 16),
      current: id === currentId,
      ...rest,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the user's own sessions, picked by its handle on "My profile". */
export async function endOwnSession(userId: string, key: string, currentId: string) {
  if (!/^[0-9a-f]{16}$/.test(key)) throw new RuleViolation("That session has already ended.");
  return prisma.$transaction(async (tx) => {
    const session = await tx.session.findFirst({ where: { userId, id: { startsWith: key } }, select: { id: true } });
    if (!session) throw new RuleViolation("That session has already ended.");
    if (session.id === currentId) throw new RuleViolation("Use “Log out” to end this session.");
    // deleteMany: two clicks at once, or a sign-out meanwhile, find the session gone, which is not an error.
    await tx.session.deleteMany({ where: { id: session.id } });
    await recordAudit(tx, { actor: { userId }, action: "user.session_ended", entityId: userId });
  });
}

/** Ends every other session of the user (keeps the one making the request). */
export async function endOtherOwnSessions(userId: string, currentId: string) {
  return prisma.$transaction(async (tx) => {
    const ended = await endUserSessions(tx, userId, currentId);
    if (ended > 0) {
      await recordAudit(tx, {
        actor: { userId },
        action: "user.other_sessions_ended",
       
        entityId: userId,
        after: { ended },
      });
    }
    return ended;
  });
}
