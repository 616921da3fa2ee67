import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import {
  createUserSession,
  getUserId,
  redirectWithToast,
  requireManager,
  requireUser,
  getCurrentSession,
  logout,
  safeRedirect,
  takeToast,
} from "~/utils/session.server";
import { endOtherOwnSessions, endOwnSession, getSessionUser, LAST_SEEN_EVERY_MS, listUserSessions, startSession } from "~/models/users/user-session.server";
import { deactivateUser, reactivateUser, resetPassword, setPasswordWithToken } from "~/models/users/user.server";
import { makeUser } from "../builders/users";

function cookieFrom(response: Response) {
  const setCookie = response.headers.get("Set-Cookie");
  if (!setCookie) throw new Error("no Set-Cookie header");
  return setCookie.split(";")[0];
}

function requestWith(cookie: string, path = "/") {
  return new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
}

async function thrown(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as Response;
  }
  throw new Error("expected a thrown response");
}

describe("sessions", () => {
  test("signing in sets a signed, httpOnly, SameSite=Lax cookie that expires", async () => {
    const user = await makeUser();
    const response = await createUserSession(user.id, "/candidates");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/candidates");
    const setCookie = response.headers.get("Set-Cookie")!;
    // Outside production there is no __Host- prefix (it needs Secure, which plain-http development can't use).
    expect(setCookie).toMatch(/^rebound_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=43200/);
  });

  test("the cookie identifies the user on later requests", async () => {
    const user = await makeUser({ name: "Riley Test" });
    const cookie = cookieFrom(await createUserSession(user.id, "/"));
    expect(await getUserId(requestWith(cookie))).toBe(user.id);
    expect((await requireUser(requestWith(cookie))).name).toBe("Riley Test");
  });

  test("each sign-in issues a new cookie value", async () => {
    const user = await makeUser();
    const first = cookieFrom(await createUserSession(user.id, "/"));
    await new Promise((r) => setTimeout(r, 2));
    const second = cookieFrom(await createUserSession(user.id, "/"));
    expect(second).not.toBe(first);
  });

  test("a tampered or made-up cookie is ignored", async () => {
    const user = await makeUser();
    const cookie = cookieFrom(await createUserSession(user.id, "/"));
    const [name, value] = cookie.split("=");
    const payload = decodeURIComponent(value);
    const forged = `${name}=${encodeURIComponent(btoa(JSON.stringify("another-token")) + payload.slice(payload.lastIndexOf(".")))}`;
    expect(await getUserId(requestWith(forged))).toBeNull();
    expect(await getUserId(requestWith(`${name}=${encodeURIComponent(btoa(JSON.stringify(user.id)))}`))).toBeNull();
  });

  test("the cookie holds a random token; the table stores only its hash, with an expiry 12 hours ahead", async () => {
    const user = await makeUser();
    const before = Date.now();
    await createUserSession(user.id, "/", new Request("http://localhost/login", { headers: { "User-Agent": "Firefox/140" } }));
    const row = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    expect(row.userAgent).toBe("Firefox/140");
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(12 * 3600_000 - 1000);
    expect(row.expiresAt.getTime() - before).toBeLessThanOrEqual(12 * 3600_000 + 1000);
  });

  test("an expired session is refused even though the cookie is validly signed", async () => {
    const user = await makeUser();
    const cookie = cookieFrom(await createUserSession(user.id, "/"));
    await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getUserId(requestWith(cookie))).toBeNull();
  });

  test("logging out ends the session on the server: the old cookie no longer works", async () => {
    const user = await makeUser();
    const cookie = cookieFrom(await createUserSession(user.id, "/"));
    const response = await logout(requestWith(cookie));
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await getUserId(requestWith(cookie))).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  test("deactivation ends every session, and reactivation does not bring them back", async () => {
    const manager = await makeUser({ role: "manager" });
    const user = await makeUser();
    const laptop = cookieFrom(await createUserSession(user.id, "/"));
    const phone = cookieFrom(await createUserSession(user.id, "/"));
    await deactivateUser(user.id, { userId: manager.id });
    await reactivateUser(user.id, { userId: manager.id });
    expect(await getUserId(requestWith(laptop))).toBeNull();
    expect(await getUserId(requestWith(phone))).toBeNull();
  });

  test("a password reset by a manager, and a new password set through the link, end every session", async () => {
    const manager = await makeUser({ role: "manager" });
    const user = await makeUser();
    const before = cookieFrom(await createUserSession(user.id, "/"));
    const token = await resetPassword(user.id, { userId: manager.id });
    expect(await getUserId(requestWith(before))).toBeNull();
    const during = cookieFrom(await createUserSession(user.id, "/"));
    await setPasswordWithToken(token, "a-brand-new-password");
    expect(await getUserId(requestWith(during))).toBeNull();
  });

  test("a user lists their own sessions and ends one or all the others, never someone else's", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const here = cookieFrom(await createUserSession(user.id, "/", new Request("http://x/", { headers: { "User-Agent": "here" } })));
    const there = cookieFrom(await createUserSession(user.id, "/", new Request("http://x/", { headers: { "User-Agent": "there" } })));
    const third = cookieFrom(await createUserSession(user.id, "/"));
    const theirs = cookieFrom(await createUserSession(other.id, "/"));
    const current = (await getCurrentSession(requestWith(here)))!;
    const sessions = await listUserSessions(user.id, current.sessionId);
    expect(sessions).toHaveLength(3);
    expect(sessions[0]).toMatchObject({ current: true, userAgent: "here" });
    const theirKey = (await listUserSessions(other.id, "none"))[0].key;
    await expect(endOwnSession(user.id, theirKey, current.sessionId)).rejects.toThrow("already ended");
    await expect(endOwnSession(user.id, sessions[0].key, current.sessionId)).rejects.toThrow("Log out");
    await endOwnSession(user.id, sessions.find((s) => s.userAgent === "there")!.key, current.sessionId);
    expect(await getUserId(requestWith(there))).toBeNull();
    expect(await getUserId(requestWith(third))).toBe(user.id);
    expect(await endOtherOwnSessions(user.id, current.sessionId)).toBe(1);
    expect(await getUserId(requestWith(third))).toBeNull();
    expect(await getUserId(requestWith(here))).toBe(user.id);
    expect(await getUserId(requestWith(theirs))).toBe(other.id);
    const audit = await prisma.auditEvent.findMany({ where: { actorId: user.id }, select: { action: true } });
    expect(audit.map((a) => a.action).sort()).toEqual(["user.other_sessions_ended", "user.session_ended"]);
  });

  test("last seen is written at most every few minutes, not on every request", async () => {
    const user = await makeUser();
    const start = new Date("2026-11-30T09:00:00Z");
    const token = await startSession(user.id, null, start);
    const seen = async () => (await prisma.session.findFirstOrThrow({ where: { userId: user.id } })).lastSeenAt.getTime();
    await getSessionUser(token, new Date(start.getTime() + LAST_SEEN_EVERY_MS - 1));
    expect(await seen()).toBe(start.getTime());
    const later = new Date(start.getTime() + LAST_SEEN_EVERY_MS);
    await getSessionUser(token, later);
    expect(await seen()).toBe(later.getTime());
  });

  test("a deactivated user's session is refused: back to login, remembering the page, cookie cleared", async () => {
    const user = await makeUser();
    const cookie = cookieFrom(await createUserSession(user.id, "/"));
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    const response = await thrown(requireUser(requestWith(cookie, "/candidates?page=2")));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: "/candidates?page=2" })}`);
    expect(response.headers.get("Set-Cookie")).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  test("requireManager answers 403 to a recruiter and lets a manager through", async () => {
    const recruiter = await makeUser({ role: "recruiter" });
    const manager = await makeUser({ role: "manager" });
    const response = await thrown(requireManager(requestWith(cookieFrom(await createUserSession(recruiter.id, "/")))));
    expect(response.status).toBe(403);
    const me = await requireManager(requestWith(cookieFrom(await createUserSession(manager.id, "/"))));
    expect(me.id).toBe(manager.id);
  });

  test("a flash message shows once, in its own cookie beside the session", async () => {
    const user = await makeUser();
    const session = cookieFrom(await createUserSession(user.id, "/"));
    const redirect = await redirectWithToast(requestWith(session), "/settings/users", { kind: "success", message: "Saved." });
    const flash = cookieFrom(redirect);
    expect(flash).toMatch(/^rebound_flash=/);
    const first = await takeToast(requestWith(`${session}; ${flash}`));
    expect(first.toast).toEqual({ kind: "success", message: "Saved." });
    const cleared = first.setCookie!.split(";")[0];
    const second = await takeToast(requestWith(`${session}; ${cleared}`));
    expect(second.toast).toBeNull();
    expect(await getUserId(requestWith(`${session}; ${cleared}`))).toBe(user.id);
  });

});

describe("safeRedirect", () => {
  test.each([
    "//evil.example",
    "https://evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\\/evil.example",
    " //evil.example",
    "",
    null,
    "candidates",
    "javascript:alert(1)",
  ])(
    "refuses %s and falls back to the dashboard",
    (to) => expect(safeRedirect(to)).toBe("/"),
  );
  test("keeps a same-site path with its query", () => {
    expect(safeRedirect("/candidates?status=open")).toBe("/candidates?status=open");
  });
  test("returns the normalised path, so what is checked is what the browser follows", () => {
    expect(safeRedirect("/candidates/../interviews?x=1#top")).toBe("/interviews?x=1#top");
    expect(safeRedirect("/\tcandidates")).toBe("/candidates");
  });
});
