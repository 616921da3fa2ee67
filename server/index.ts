// The HTTP server: security headers, request limits and CSRF checks (server/http-guards.ts), static files, and the
// Remix request handler with the client's address and the CSP nonce.
import { existsSync, statSync, watch } from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import {
  MAX_HEADER_BYTES,
  refuseCrossSiteWrites,
  refuseDeclaredLargeBodies,
  refuseLegacyDataRequests,
  refuseLongUrls,
  refuseNonFormBodies,
  refuseOtherMethods,
} from "./http-guards.ts";
import { remixHandler } from "./remix-handler.ts";
import { securityHeaders } from "./security-headers.ts";

const BUILD_PATH = path.resolve("build/index.js");

async function importBuild(): Promise<ServerBuild> {
  // The query string makes Node load a rebuilt bundle in development instead of its cached module.
  const version = existsSync(BUILD_PATH) ? statSync(BUILD_PATH).mtimeMs : 0;
  return import(`${pathToFileURL(BUILD_PATH).href}?v=${version}`);
}

export type ServerOptions = {
  port: number;
  /** The interface to listen on (HOST). */
  host: string;
  /** express's `trust proxy` (TRUST_PROXY): whose X-Forwarded-For and X-Forwarded-Proto to believe. */
  trustProxy: false | number | string[];
  /** APP_URL: the origin our own pages post from. */
  appUrl: string;
  mode: "production" | "development";
};

export async function startServer({ port, host, trustProxy, appUrl, mode }: ServerOptions) {
  let build = await importBuild();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);
  app.use(securityHeaders({ development: mode === "development" }));
  app.use(refuseLongUrls);
  // Compression (brotli for browsers that offer it, at the package's quality 4; gzip otherwise): the JavaScript
  // bundles at gzip's default level (read on phones on mobile data, docs/benchmarks.md); pages and data, built per
  // request, at gzip level 1, where the default's extra few percent cost about a millisecond a page (brotli's quality
  // 4 measured the same as level 1: 17.5 against 17.9 ms for /interviews at a million).
  app.use("/build", compression(), express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(compression({ level: 1 }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.use(refuseLegacyDataRequests);
  app.use(refuseOtherMethods);
  app.use(refuseCrossSiteWrites(appUrl));
  app.use(refuseNonFormBodies);
  app.use(refuseDeclaredLargeBodies);
  app.all("*", remixHandler(() => build, mode));

  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app);
  server.listen(port, host, () => {
    const shown = host.includes(":") ? `[${host}]` : host;
    console.log(`Rebound is listening on http://${shown}:${port}`);
    if (mode === "development") void broadcastDevReady(build);
  });
  if (mode === "development") {
    watch(path.dirname(BUILD_PATH), { persistent: false }, async () => {
      build = await importBuild();
      void broadcastDevReady(build);
    });
  }

  const shutdown = () => {
    // The email worker finishes the message in flight and releases the rest (docs/decisions/005-email-outbox.md).
    // The scheduler stops claiming, finishes the job in flight and releases the rest (docs/decisions/010-scheduler.md).
    const entry = build.entry.module as { stopEmailWorker?: () => Promise<void>; stopJobWorker?: () => Promise<void> };
    const workerStopped = Promise.all([
      Promise.resolve(entry.stopEmailWorker?.()).catch((error: unknown) => console.error(error)),
      Promise.resolve(entry.stopJobWorker?.()).catch((error: unknown) => console.error(error)),
    ]);
    server.close(() => void workerStopped.then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return server;
}
