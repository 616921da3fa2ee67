// Sessions live server-side (app/models/users/user-session.server.ts); the cookie holds only a signed random token.
import { createCookie, createCookieSessionStorage, redirect } from "@remix-run/node";
import type { Role } from "~/models/enums";
import type { SessionUser } from "~/models/users/user.server";
import { endSessionByToken, getSessionUser, SESSION_MAX_AGE_SECONDS, startSession } from "~/models/users/user-session.server";
import { env } from "./env.server";
import { forbidden } from "./http.server";
import { memoForRequest } from "./request-memo.server";

export { SESSION_MAX_AGE_SECONDS };

// In production the __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and Path=/,
// so a sibling subdomain can't plant or overwrite it.
const cookiePrefix = env.isProduction ? "__Host-" : "";

export const sessionCookie = createCookie(`${cookiePrefix}rebound_session`, {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: env.isProduction,
  secrets: env.sessionSecrets,
  maxAge: SESSION_MAX_AGE_SECONDS,
});

// One-time messages for the next page travel in their own small cookie, apart from the session.
const flashStorage = createCookieSessionStorage({
  cookie: {
    name: `${cookiePrefix}rebound_flash`,
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.isProduction,
    secrets: env.sessionSecrets,
  },
});

async function readToken(request: Request) {
  const token: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof token === "string" && token.length > 0 ? token : null;
}

/** The signed-in user and the id of their session, or null. Read once per page request (root and page loaders share it). */
export function getCurrentSession(request: Request) {
  return memoForRequest("session", () => readCurrentSession(request));
}

async function readCurrentSession(request: Request) {
  const token = await readToken(request);
  if (!token) return null;
  const found = await getSessionUser(token);
  if (!found) return null;
  return { sessionId: found.sessionId, user: { ...found.user, role: found.user.role as Role } satisfies SessionUser };
}

export async function getUserId(request: Request) {
  return (await getCurrentSession(request))?.user.id ?? null;
}

export async function getUser(request: Request) {
  return (await getCurrentSession(request))?.user ?? null;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const redirectTo = url.pathname + url.search;
  const params = redirectTo === "/" ? "" : `?${new URLSearchParams({ redirectTo })}`;
  return `/login${params}`;
}

async function clearSessionCookie() {
  return sessionCookie.serialize("", { maxAge: 0, expires: new Date(0) });
}

/** The signed-in user and their session id; redirects to the login page (remembering this page) otherwise. */
export async function requireSession(request: Request) {
  const current = await getCurrentSession(request);
  if (!current) {
    throw redirect(loginRedirect(request), { headers: { "Set-Cookie": await clearSessionCookie() } });
  }
  return current;
}

export async function requireUser(request: Request) {
  return (await requireSession(request)).user;
}

export async function requireManager(request: Request) {
  const user = await requireUser(request);
  if (user.role !== "manager") throw forbidden("This page is for agency managers.");
  return user;
}

/** Starts a new server-side session (a fresh random token) and redirects. */
export async function createUserSession(userId: string, redirectTo: string, request?: Request) {
  const token = await startSession(userId, request?.headers.get("User-Agent") ?? null);
  return redirect(redirectTo, { headers: { "Set-Cookie": await sessionCookie.serialize(token) } });
}

/** Ends this browser's session on the server and clears its cookie. */
export async function logout(request: Request) {
  const token = await readToken(request);
  if (token) await endSessionByToken(token);
  return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

/**
 * Only same-origin paths, so the login form can't bounce users to another site. The URL parser decides (it drops
 * tabs and newlines and reads backslashes as slashes, as browsers do), not a pattern on the raw string.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string" || !to.startsWith("/")) return fallback;
  const base = "http://rebound.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = url.pathname + url.search + url.hash;
  // A normalised path starting with "//" would still read as another host when sent back in Location.
  return path.startsWith("//") ? fallback : path;
}

export type Toast = { kind: "success" | "error"; message: string; detail?: string };

/** Redirects with a one-time message for the next page (a flash value in its own cookie). */
export async function redirectWithToast(request: Request, to: string, toast: Toast) {
  const flash = await flashStorage.getSession(request.headers.get("Cookie"));
  flash.flash("toast", toast);
  return redirect(to, { headers: { "Set-Cookie": await flashStorage.commitSession(flash) } });
}

/** Reads and clears the flash message; send the returned header so it shows only once. */
export async function takeToast(request: Request) {
  const flash = await flashStorage.getSession(request.headers.get("Cookie"));
  const toast = (flash.get("toast") as Toast | undefined) ?? null;
  const setCookie = toast ? await flashStorage.destroySession(flash) : null;
  return { toast, setCookie };
}
