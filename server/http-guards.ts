// What the server refuses before Remix sees a request: oversized URLs and bodies, unknown methods, the legacy ?_data=
// protocol, cross-site writes and bodies that are not forms. See docs/security.md (HTTP) for the reasons.
import { Transform, type TransformCallback } from "node:stream";
import type { NextFunction, Request, Response } from "express";

/** Node answers 431 above this (the request line and all headers together). */
export const MAX_HEADER_BYTES = 16 * 1024;
/** Longer URLs get 414. The tables keep their state in the URL; their longest URLs stay well under 2 KB. */
export const MAX_URL_BYTES = 8 * 1024;
/** Form posts; a route that needs more gets its own entry in BODY_LIMITS. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
const BODY_LIMITS: { pattern: RegExp; bytes: number }[] = [];

const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);
const ALLOWED_METHODS = ["GET", "HEAD", "POST"];

/**
 * The RFC 8058 one-click unsubscribe POST comes from mail providers' servers with no Origin and any body: the
 * unguessable token in the URL is the authority, the action reads at most two form fields (refusing any other body
 * with a 400), and unsubscribing only reduces what we send.
 */
const TOKEN_AUTHORISED_POSTS = /^\/unsubscribe\/[^/]+(?:\.data)?$/;

function refuse(res: Response, status: number, message: string, headers: Record<string, string> = {}) {
  res.status(status).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers });
  res.end(`${message}\n`);
}

export function bodyLimitFor(path: string) {
  return BODY_LIMITS.find((entry) => entry.pattern.test(path))?.bytes ?? DEFAULT_BODY_LIMIT;
}

export function refuseLongUrls(req: Request, res: Response, next: NextFunction) {
  if (Buffer.byteLength(req.originalUrl) > MAX_URL_BYTES) return refuse(res, 414, "URL too long.");
  next();
}

/**
 * Remix's pre-single-fetch data protocol (`?_data=routeId`) is still answered by the runtime although this app uses
 * single fetch (`.data` URLs); it skipped the checks above and answered 500 on some loaders. Nothing of ours sends it.
 */
export function refuseLegacyDataRequests(req: Request, res: Response, next: NextFunction) {
  if (new URL(req.originalUrl, "http://x").searchParams.has("_data")) {
    return refuse(res, 400, "The ?_data= protocol is not supported.");
  }
  next();
}

export function refuseOtherMethods(req: Request, res: Response, next: NextFunction) {
  if (!ALLOWED_METHODS.includes(req.method)) {
    return refuse(res, 405, "Method not allowed.", { Allow: ALLOWED_METHODS.join(", ") });
  }
  next();
}

/** The origins a browser of ours posts from: APP_URL's, and on a loopback APP_URL its loopback twins. */
export function allowedOrigins(appUrl: string) {
  const url = new URL(appUrl);
  const origins = new Set([url.origin]);
  const loopback = ["localhost", "127.0.0.1", "[::1]"];
  if (loopback.includes(url.hostname)) {
    for (const host of loopback) origins.add(`${url.protocol}//${host}${url.port ? `:${url.port}` : ""}`);
  }
  return origins;
}

/**
 * A write must come from our own pages. Browsers send Origin on every POST (Sec-Fetch-Site as well, since 2023);
 * a request with neither comes from a script or a mail server carrying its own credentials, not from a victim's
 * browser, so it is let through (docs/security.md, CSRF).
 */
export function refuseCrossSiteWrites(appUrl: string) {
  const origins = allowedOrigins(appUrl);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === "GET" || req.method === "HEAD" || TOKEN_AUTHORISED_POSTS.test(req.path)) return next();
    const origin = req.get("origin");
    const site = req.get("sec-fetch-site");
    const sameOrigin = origin !== undefined ? origins.has(origin.toLowerCase()) : site === undefined || site === "same-origin";
    if (!sameOrigin) return refuse(res, 403, "Cross-site request refused.");
    next();
  };
}

function mediaType(req: Request) {
  return (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

export function refuseNonFormBodies(req: Request, res: Response, next: NextFunction) {
  if (req.method !== "POST" || TOKEN_AUTHORISED_POSTS.test(req.path)) return next();
  if (!FORM_TYPES.has(mediaType(req))) {
    return refuse(res, 415, "Send a form: application/x-www-form-urlencoded or multipart/form-data.");
  }
  next();
}

/** A declared Content-Length over the limit is refused before a byte of the body is read. */
export function refuseDeclaredLargeBodies(req: Request, res: Response, next: NextFunction) {
  const declared = Number(req.get("content-length") ?? 0);
  if (declared > bodyLimitFor(req.path)) return refuseTooLarge(req, res);
  next();
}

function refuseTooLarge(req: Request, res: Response) {
  // Drop the connection rather than read (and throw away) the rest of a large upload, but not at once: closing a
  // socket with unread data resets it, and the client would lose the 413 before reading it. Node itself would close
  // at once (it never keeps a connection whose request body is unfinished), hence the keep-alive flag.
  res.shouldKeepAlive = true;
  refuse(res, 413, "Request body too large.");
  res.once("finish", () => setTimeout(() => req.socket.destroy(), 1_000).unref());
}

class BodyError extends Error {}

/**
 * The request body as Remix will read it, counted as it streams. Past the limit it answers 413 at once and stops
 * reading; a multipart body that does not parse answers 400 (the actions would otherwise throw a 500). `onRefused`
 * aborts the Remix request, whose own answer is then dropped.
 */
export function guardedBody(req: Request, res: Response, onRefused: () => void) {
  const limit = bodyLimitFor(req.path);
  const contentType = req.get("content-type") ?? "";
  // The token-authorised posts read no body, so a sender's odd multipart does them no harm.
  const multipart = mediaType(req) === "multipart/form-data" && !TOKEN_AUTHORISED_POSTS.test(req.path);
  // Bounded by the limit: only multipart bodies are kept, to check that they parse before the action reads them.
  const kept: Buffer[] = [];
  let seen = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) {
        req.unpipe(stream);
        onRefused();
        if (!res.headersSent) refuseTooLarge(req, res);
        return callback(new BodyError("Request body too large."));
      }
      if (multipart) kept.push(chunk);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      if (!multipart) return callback();
      new globalThis.Response(Buffer.concat(kept), { headers: { "Content-Type": contentType } })
        .formData()
        .then(
          () => callback(),
          () => {
            onRefused();
            if (!res.headersSent) refuse(res, 400, "The form data could not be read (broken multipart body).");
            callback(new BodyError("Broken multipart body."));
          },
        );
    },
  });
  req.pipe(stream);
  return stream;
}
