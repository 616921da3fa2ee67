// Loaded only by the Prisma CLI. Uses the JS query/schema engines with the better-sqlite3 adapter,
// because no Prisma engine binary can be downloaded on our machines (docs/decisions/001-prisma-6-driver-adapter.md).
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The CLI does not read .env when this file exists.
try {
  process.loadEnvFile();
} catch {
  // no .env: fine
}
// This file is the SQLite schema's: a postgresql DATABASE_URL (in .env) belongs to prisma/postgres/prisma.config.ts.
if (!process.env.DATABASE_URL?.startsWith("file:")) process.env.DATABASE_URL = "file:./data/rebound.db";
// SQLite creates the file but not its folder.
mkdirSync(path.dirname(path.resolve(process.env.DATABASE_URL.replace(/^file:/, "").split("?")[0])), { recursive: true });

// The WebAssembly schema engine leaves a long timer armed, so CLI commands would hang for a minute
// after finishing. Unref long timers created from here on.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetTimeout(handler, ms, ...args);
  if ((ms ?? 0) >= 10_000) timer.unref?.();
  return timer;
}) as typeof setTimeout;

const searchTables = ["CandidateSearch", "CompanySearch", "InterviewSearch"].flatMap((table) =>
  ["", "_config", "_content", "_data", "_docsize", "_idx"].map((shadow) => `${table}${shadow}`),
);

type ShadowAdapter = {
  executeRaw(query: { sql: string; args: unknown[] }): Promise<number>;
  executeScript(script: string): Promise<void>;
};

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true, externalTables: true },
  // The full-text search tables (docs/decisions/011-search.md) are made by a hand-written migration; without this the
  // differ would write DROP TABLE for them into the next migration.
  tables: { external: searchTables },
  engine: "js",
  async adapter() {
    const factory = new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! });
    const connectToShadowDb = factory.connectToShadowDb?.bind(factory);
    if (connectToShadowDb) {
      // The shadow database replays each migration file as one raw statement, but better-sqlite3
      // runs one statement per call: send whole migration scripts to executeScript instead.
      factory.connectToShadowDb = async () => {
        const shadow = (await connectToShadowDb()) as unknown as ShadowAdapter;
        const executeRaw = shadow.executeRaw.bind(shadow);
        shadow.executeRaw = async (query) => {
          if (query.args.length === 0) {
            await shadow.executeScript(query.sql);
            return 0;
          }
          return executeRaw(query);
        };
        return shadow as never;
      };
    }
    return factory;
  },
});
