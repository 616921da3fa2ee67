// Which database `npm run seed:large` and `npm run bench` work on: never the demo database by accident. A SQLite
// file by default; a postgresql:// URL selects PostgreSQL (docs/benchmarks.md).
import path from "node:path";

export const DEFAULT_LARGE_DATABASE_URL = "file:./data/large.db";

/** `--db <path>` wins, then LARGE_DATABASE_URL, then data/large.db. DATABASE_URL is deliberately not used. */
export function largeDatabaseUrl(dbOption: string | undefined, environment: Record<string, string | undefined>) {
  const chosen = dbOption ?? (environment.LARGE_DATABASE_URL || DEFAULT_LARGE_DATABASE_URL);
  if (/^postgres(ql)?:\/\//.test(chosen)) return { url: chosen, file: "", postgres: true };
  const file = chosen.replace(/^file:/, "").split("?")[0];
  return { url: `file:${path.resolve(file)}`, file: path.resolve(file), postgres: false };
}
