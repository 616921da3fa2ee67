// Remix's default Node entry (streaming render; bots get the whole page at once), plus the one-time start of the
// email sender worker, which lives in the server process (docs/decisions/005-email-outbox.md).
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { ensureEmailWorkerStarted } from "~/models/email-worker.server";
import { env } from "~/utils/env.server";

// Tests drive the worker's passes themselves.
if (env.NODE_ENV !== "test") ensureEmailWorkerStarted();

/** The server's shutdown calls this (through the build's entry module) so a restart sends nothing twice. */
export { stopEmailWorker } from "~/models/email-worker.server";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} />, {
      [waitForAll ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors before the shell is ready reject above and are logged by Remix.
        if (shellRendered) console.error(error);
      },
    });
    // Abort a little after streamTimeout so pending promises can reject with their own errors first.
    setTimeout(abort, streamTimeout + 1_000);
  });
}
