// Sessions live in a signed, httpOnly cookie; every request re-reads the user so deactivation is immediate.
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { getActiveUserById } from "~/models/user.server";
import { env } from "./env.server";
import { forbidden } from "./http.server";

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 12;

export const sessionStorage = createCookieSessionStorage({
  cookie: {
    name: "__rebound_session",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.isProduction,
    secrets: env.sessionSecrets,
    maxAge: SESSION_MAX_AGE_SECONDS,
  },
});

type SessionData = { userId?: string; expiresAt?: number };

async function readSession(request: Request) {
  return sessionStorage.getSession(request.headers.get("Cookie"));
}

export async function getUserId(request: Request) {
  const session = await readSession(request);
  const { userId, expiresAt } = session.data as SessionData;
  // The expiry travels inside the signed cookie, so an old cookie can't be kept alive by the browser.
  if (!userId || !expiresAt || expiresAt < Date.now()) return null;
  return userId;
}

export async function getUser(request: Request) {
  const userId = await getUserId(request);
  return userId ? getActiveUserById(userId) : null;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const redirectTo = url.pathname + url.search;
  const params = redirectTo === "/" ? "" : `?${new URLSearchParams({ redirectTo })}`;
  return `/login${params}`;
}

export async function requireUser(request: Request) {
  const user = await getUser(request);
  if (!user) {
    const session = await readSession(request);
    throw redirect(loginRedirect(request), {
      headers: { "Set-Cookie": await sessionStorage.destroySession(session) },
    });
  }
  return user;
}

export async function requireManager(request: Request) {
  const user = await requireUser(request);
  if (user.role !== "manager") throw forbidden("This page is for agency managers.");
  return user;
}

/** Starts a fresh session (a new cookie value, so any earlier one is not reused) and redirects. */
export async function createUserSession(userId: string, redirectTo: string) {
  const session = await sessionStorage.getSession();
  session.set("userId", userId);
  session.set("expiresAt", Date.now() + SESSION_MAX_AGE_SECONDS * 1000);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionStorage.commitSession(session) },
  });
}

export async function logout(request: Request) {
  const session = await readSession(request);
  return redirect("/login", {
    headers: { "Set-Cookie": await sessionStorage.destroySession(session) },
  });
}

/** Only same-site paths, so the login form can't be used to bounce users to another site. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (!to || typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}

export type Toast = { kind: "success" | "error"; message: string; detail?: string };

/** Redirects with a one-time message for the next page (a flash value in the session cookie). */
export async function redirectWithToast(request: Request, to: string, toast: Toast) {
  const session = await readSession(request);
  session.flash("toast", toast);
  return redirect(to, { headers: { "Set-Cookie": await sessionStorage.commitSession(session) } });
}

/** Reads and clears the flash message; send the returned header so it shows only once. */
export async function takeToast(request: Request) {
  const session = await readSession(request);
  const toast = (session.get("toast") as Toast | undefined) ?? null;
  const setCookie = toast ? await sessionStorage.commitSession(session) : null;
  return { toast, setCookie };
}
