// A request from a signed-in user, for calling loaders and actions directly: a real session made by the app's own code.
import { createUserSession } from "~/utils/session.server";

/** The Cookie header value of a fresh session for this user. */
export async function sessionCookie(userId: string) {
  const response = await createUserSession(userId, "/");
  return response.headers.get("Set-Cookie")!.split(";")[0];
}

export async function signedInRequest(userId: string, url: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("Cookie", await sessionCookie(userId));
  return new Request(url, { ...init, headers });
}
