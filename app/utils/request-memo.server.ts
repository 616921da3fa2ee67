// Reads that several loaders of one page request share: the root loader and the page's loader each need the signed-in
// user and the agency's settings, and would each query them. server/remix-handler.ts opens one scope per GET request
// (AsyncLocalStorage); inside it a read runs once and its promise is shared. Nothing outlives the request, so a
// revoked session still stops working on the very next one, on every instance. Outside a scope (actions, tests,
// scripts, workers) nothing is shared: an action that changes a setting never meets its own stale read.
import { AsyncLocalStorage } from "node:async_hooks";

// On globalThis under a registered symbol: the server (server/remix-handler.ts) and the app's bundle load this
// module separately, and must share one store.
const storeKey = Symbol.for("rebound.requestMemo");
const holder = globalThis as { [storeKey]?: AsyncLocalStorage<Map<string, Promise<unknown>>> };
const storage = (holder[storeKey] ??= new AsyncLocalStorage<Map<string, Promise<unknown>>>());

/** Runs `handle` (one request) with its own memo. */
export function withRequestMemo<T>(handle: () => T): T {
  return storage.run(new Map(), handle);
}

/** `read()` once per request under `key`; outside a request scope, every call reads. */
export function memoForRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memo = storage.getStore();
  if (!memo) return read();
  const known = memo.get(key);
  if (known) return known as Promise<T>;
  const result = read();
  memo.set(key, result);
  return result;
}
