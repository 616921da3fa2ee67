// Small response helpers shared by loaders and actions.

export function forbidden(message = "You are not allowed to do that.") {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

/** What server/remix-handler.ts passes to loaders, actions and the entry as `context`. */
export type LoadContext = {
  /** The client's address; from X-Forwarded-For only when TRUST_PROXY names the proxy. */
  clientIp: string;
  /** This response's Content-Security-Policy nonce, for Remix's inline scripts. */
  cspNonce: string;
  /** Set by handleError when SQLite was locked, so the server answers 503 instead of 500. */
  databaseBusy?: boolean;
  /** Set by handleError when Conform could not read the posted form, so the server answers 400 instead of 500. */
  malformedForm?: boolean;
};

/**
 * Conform throws (a SyntaxError, an invariant) when its reserved fields `__intent__` or `__state__` hold something
 * its own forms never send; every action reads its form through Conform, so that is a bad request, not a bug.
 */
export function isMalformedConformForm(error: unknown) {
  return error instanceof Error && /[\\/]@conform-to[\\/]/.test(error.stack ?? "");
}

/** The client's address as the express server saw it (see server/index.ts). */
export function clientIp(context: unknown) {
  const ip = (context as { clientIp?: string } | undefined)?.clientIp;
  return ip || "unknown";
}

/** Throws a response (404 unless told otherwise) when a condition fails, so the route's ErrorBoundary shows it. */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: ResponseInit = { status: 404 },
): asserts condition {
  if (!condition) throw new Response(message, { statusText: init.status === 404 ? "Not Found" : undefined, ...init });
}
