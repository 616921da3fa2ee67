// Which database `npm run seed:large` and `npm run bench` work on: never the demo database by accident. A SQLite
// file by default; a postgresql:// URL selects PostgreSQL (docs/benchmarks.md).
import path from "node:path";

/** The two sizes issue 17 measures: `--scale 100k` (the default) and `--scale 1m`, each with a file of its own. */
export const SCALES = {
  "100k": { candidates: 100_000, interviews: 250_000, url: "file:./data/large.db" },
  "1m": { candidates: 1_000_000, interviews: 2_500_000, url: "file:./data/large-1m.db" },
} as const;
export type Scale = keyof typeof SCALES;
export const DEFAULT_LARGE_DATABASE_URL = SCALES["100k"].url;

export function parseScale(option: string | undefined): Scale | null {
  const scale = (option ?? "100k").toLowerCase();
  return scale in SCALES ? (scale as Scale) : null;
}

/** The scale a seeded database is at, from its candidates: what the page targets depend on. */
export const scaleOfData = (candidates: number): Scale => (candidates >= 500_000 ? "1m" : "100k");

/**
 * `--db <path>` wins, then LARGE_DATABASE_URL, then the scale's own file (data/large.db, data/large-1m.db).
 * DATABASE_URL is deliberately not used.
 */
export function largeDatabaseUrl(dbOption: string | undefined, environment: Record<string, string | undefined>, scale: Scale = "100k") {
  const chosen = dbOption ?? (environment.LARGE_DATABASE_URL || SCALES[scale].url);
  if (/^postgres(ql)?:\/\//.test(chosen)) return { url: chosen, file: "", postgres: true };
  const file = chosen.replace(/^file:/, "").split("?")[0];
  return { url: `file:${path.resolve(file)}`, file: path.resolve(file), postgres: false };
}
