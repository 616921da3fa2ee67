// The HTTP server: static files, security headers, and the Remix request handler with the client's address.
import { existsSync, statSync, watch } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import express from "express";

const BUILD_PATH = path.resolve("build/index.js");

async function importBuild(): Promise<ServerBuild> {
  // The query string makes Node load a rebuilt bundle in development instead of its cached module.
  const version = existsSync(BUILD_PATH) ? statSync(BUILD_PATH).mtimeMs : 0;
  return import(`${pathToFileURL(BUILD_PATH).href}?v=${version}`);
}

export async function startServer({ port, mode }: { port: number; mode: "production" | "development" }) {
  let build = await importBuild();
  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    res.set({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY" });
    // The candidate's coaching page sets a stricter policy of its own (its URL holds the token).
    if (!req.path.startsWith("/coach/")) res.set("Referrer-Policy", "same-origin");
    next();
  });
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  const getLoadContext = (req: express.Request) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "" });
  if (mode === "development") {
    app.all("*", (req, res, next) => createRequestHandler({ build, mode, getLoadContext })(req, res, next));
  } else {
    app.all("*", createRequestHandler({ build, mode, getLoadContext }));
  }

  const server = app.listen(port, () => {
    console.log(`Rebound is listening on http://localhost:${port}`);
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
    const entry = build.entry.module as { stopEmailWorker?: () => Promise<void> };
    const workerStopped = Promise.resolve(entry.stopEmailWorker?.()).catch((error: unknown) => console.error(error));
    server.close(() => void workerStopped.then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
  return server;
}
