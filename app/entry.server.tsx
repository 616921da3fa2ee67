// Remix's default Node entry (streaming render; bots get the whole page at once), plus the one-time start of the
// email sender worker (docs/decisions/005-email-outbox.md) and the scheduler (docs/decisions/010-scheduler.md), which
// live in the server process.
import { Transform } from "node:stream";
import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
  type HandleErrorFunction,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { ensureEmailWorkerStarted } from "~/models/email/email-worker.server";
import { ensureJobWorkerStarted } from "~/models/jobs/jobs.server";
import { isDatabaseBusy } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { isMalformedConformForm, type LoadContext } from "~/utils/http.server";
import { NonceProvider } from "~/utils/nonce";

// Tests drive the workers' passes themselves.
if (env.NODE_ENV !== "test") {
  ensureEmailWorkerStarted();
  ensureJobWorkerStarted();
}

/** The server's shutdown calls these (through the build's entry module) so a restart sends and runs nothing twice. */
export { stopEmailWorker } from "~/models/email/email-worker.server";
export { stopJobWorker } from "~/models/jobs/jobs.server";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as Partial<LoadContext>).cspNonce ?? "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = coalescedChunks();
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
      },
    );
    // Abort a little after streamTimeout so pending promises can reject with their own errors first.
    setTimeout(abort, streamTimeout + 1_000);
  });
}

/**
 * The page's bytes as React writes them, joined per pass: React writes about 2 kB at a time, and each piece would
 * otherwise cross the web stream, express and gzip on its own (a table page at a million: 50 pieces, 7 ms of gzip's
 * round trips, docs/benchmarks.md). What one synchronous pass wrote leaves as one chunk on the next turn; a streamed
 * page's later passes (deferred data) still leave as they come. It accepts every write at once, so a slow client's
 * page waits here rather than in React: one page at most, and Remix's copy to the socket ignores backpressure anyway.
 */
function coalescedChunks() {
  let pending: Buffer[] = [];
  let scheduled = false;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      pending.push(chunk);
      if (!scheduled) {
        scheduled = true;
        setImmediate(release);
      }
      done();
    },
    flush(done) {
      release();
      done();
    },
  });
  function release() {
    scheduled = false;
    if (pending.length === 0) return;
    const joined = Buffer.concat(pending);
    pending = [];
    stream.push(joined);
  }
  return stream;
}

/**
 * Remix answers 500 for any error a loader or action throws. A locked SQLite database and a form Conform can't read
 * are no bugs: mark the request so the server answers 503 with Retry-After or 400 instead (server/remix-handler.ts),
 * and log one line, not a stack.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  // Token pages' URLs are credentials: keep the token out of the log.
  const path = new URL(request.url).pathname.replace(/^(\/(?:coach|unsubscribe|set-password)\/)[^/]+/, "$1…");
  const where = `${request.method} ${path}`;
  if (isDatabaseBusy(error)) {
    (context as Partial<LoadContext>).databaseBusy = true;
    console.warn(`Database busy: ${where} answered 503.`);
    return;
  }
  if (isMalformedConformForm(error)) {
    (context as Partial<LoadContext>).malformedForm = true;
    console.warn(`Unreadable form: ${where} answered 400.`);
    return;
  }
  if (!request.signal.aborted) console.error(error);
};
