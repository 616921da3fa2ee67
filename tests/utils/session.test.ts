import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import {
  createUserSession,
  getUserId,
  redirectWithToast,
  requireManager,
  requireUser,
  safeRedirect,
  sessionStorage,
  takeToast,
} from "~/utils/session.server";
import { makeUser } from "../db-utils";

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
    expect(setCookie).toMatch(/^__rebound_session=/);
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

  test("a tampered cookie is ignored", async () => {
    const user = await makeUser();
    const cookie = cookieFrom(await createUserSession(user.id, "/"));
    const [name, value] = cookie.split("=");
    const payload = decodeURIComponent(value);
    const forged = `${name}=${encodeURIComponent(btoa(JSON.stringify({ userId: "someone-else", expiresAt: Date.now() + 1e6 })) + payload.slice(payload.lastIndexOf(".")))}`;
    expect(await getUserId(requestWith(forged))).toBeNull();
  });

  test("an expired session is refused even though the cookie is validly signed", async () => {
    const user = await makeUser();
    const session = await sessionStorage.getSession();
    session.set("userId", user.id);
    session.set("expiresAt", Date.now() - 1000);
    const cookie = (await sessionStorage.commitSession(session)).split(";")[0];
    expect(await getUserId(requestWith(cookie))).toBeNull();
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

  test("a flash message shows once", async () => {
    const user = await makeUser();
    const cookie = cookieFrom(await createUserSession(user.id, "/"));
    const redirect = await redirectWithToast(requestWith(cookie), "/settings/users", { kind: "success", message: "Saved." });
    const withToast = cookieFrom(redirect);
    const first = await takeToast(requestWith(withToast));
    expect(first.toast).toEqual({ kind: "success", message: "Saved." });
    const second = await takeToast(requestWith(first.setCookie!.split(";")[0]));
    expect(second.toast).toBeNull();
    expect(await getUserId(requestWith(first.setCookie!.split(";")[0]))).toBe(user.id);
  });
});

describe("safeRedirect", () => {
  test.each(["//evil.example", "https://evil.example", "/\\evil.example", "", null, "candidates"])(
    "refuses %s and falls back to the dashboard",
    (to) => expect(safeRedirect(to)).toBe("/"),
  );
  test("keeps a same-site path with its query", () => {
    expect(safeRedirect("/candidates?status=open")).toBe("/candidates?status=open");
  });
});
