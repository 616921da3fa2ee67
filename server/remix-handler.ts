// The Remix request handler for express, like @remix-run/express's but with a guarded body (size limit, multipart
// check), the load context (client address, CSP nonce), and 503 or 400 instead of 500 when SQLite was busy or the
// form was unreadable.
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import type { LoadContext } from "../app/utils/http.server.ts";
import { withRequestMemo } from "../app/utils/request-memo.server.ts";
import { guardedBody } from "./http-guards.ts";
import type { CspLocals } from "./security-headers.ts";

/** After SQLite was found busy, writes are refused at once for this long instead of each blocking on the lock. */
const BUSY_COOL_DOWN_MS = 1_000;
const RETRY_AFTER_SECONDS = 2;
const SESSION_COOKIE = /(?:^|;\s*)__(?:Host-)?rebound_session=/;

function busyResponse(res: Response) {
  res.status(503).set({
    "Retry-After": String(RETRY_AFTER_SECONDS),
    "Cache-Control": "no-store",
    "Content-Type": "text/plain; charset=utf-8",
  });
  res.end("The database is busy. Nothing was saved; please try again in a moment.\n");
}

function remixHeaders(req: Request) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

function remixRequest(req: Request, res: Response, onRefused: () => void) {
  // req.protocol and req.hostname honour TRUST_PROXY; the port comes from the Host header as in the express adapter.
  const port = req.get("host")?.split(":")[1];
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const controller = new AbortController();
  const abort = () => controller.abort();
  res.on("close", () => {
    if (!res.writableFinished) abort();
  });
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const body = hasBody
    ? createReadableStreamFromReadable(
        guardedBody(req, res, () => {
          abort();
          onRefused();
        }),
      )
    : undefined;
  const headers = remixHeaders(req);
  // The Origin has been checked against APP_URL already (refuseCrossSiteWrites). Remix would compare it again with
  // the Host header and answer 500 when they differ: behind a proxy that rewrites Host, and for the one-click
  // unsubscribe posts we accept from anywhere (Origin "null" included).
  if (hasBody) headers.delete("origin");
  return new globalThis.Request(url.href, {
    method: req.method,
    headers,
    signal: controller.signal,
    ...(body ? { body, duplex: "half" } : {}),
  } as RequestInit);
}

export function remixHandler(getBuild: () => ServerBuild, mode: "production" | "development") {
  let busyUntil = 0;
  let handle = createRequestHandler(getBuild(), mode);
  let handledBuild = getBuild();
  return async (req: Request, res: Response<unknown, CspLocals>, next: NextFunction) => {
    if (getBuild() !== handledBuild) {
      handledBuild = getBuild();
      handle = createRequestHandler(handledBuild, mode);
    }
    if (req.method === "POST" && Date.now() < busyUntil) return busyResponse(res);
    try {
      let refused = false;
      const request = remixRequest(req, res, () => (refused = true));
      const context: LoadContext = { clientIp: req.ip ?? req.socket.remoteAddress ?? "", cspNonce: res.locals.cspNonce };
      // A page read shares the session and settings reads among its loaders (app/utils/request-memo.server.ts).
      const response = await (req.method === "GET" || req.method === "HEAD" ? withRequestMemo(() => handle(request, context)) : handle(request, context));
      if (refused || res.headersSent) return;
      if (context.databaseBusy && response.status >= 500) {
        busyUntil = Date.now() + BUSY_COOL_DOWN_MS;
        return busyResponse(res);
      }
      if (context.malformedForm && response.status >= 500) {
        res.status(400).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
        return res.end("The form could not be read. Reload the page and try again.\n");
      }
      res.statusMessage = response.statusText;
      res.status(response.status);
      // The route's own headers (a stricter Referrer-Policy, say) replace the server's defaults.
      for (const [name, value] of response.headers) {
        if (name === "set-cookie") res.append(name, value);
        else res.setHeader(name, value);
      }
      const isData = req.path.endsWith(".data");
      const signedIn = SESSION_COOKIE.test(req.get("cookie") ?? "");
      // Pages and data are private (a signed-in user's, or a token holder's): never kept by a browser or a proxy.
      if (signedIn || isData || !response.headers.has("Cache-Control")) res.setHeader("Cache-Control", "no-store");
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    } catch (error) {
      next(error);
    }
  };
}
