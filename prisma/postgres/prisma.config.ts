// Loaded only by the Prisma CLI for the PostgreSQL schema (`--config prisma/postgres/prisma.config.ts`): generate and
// migrate diff. Migrations are applied by scripts/pg-migrate.ts instead of `migrate deploy`, which the pg adapter
// breaks in Prisma 6.19 (docs/decisions/012-postgres.md).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Every CLI command on a postgresql schema, generate included, needs a postgresql URL (any host will do for generate
// and diff); otherwise the CLI tries to download an engine binary.
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
  process.env.DATABASE_URL = "postgresql://rebound@127.0.0.1:5432/rebound";
}

// The WebAssembly schema engine and the pool leave timers armed, so commands would hang after finishing.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetTimeout(handler, ms, ...args);
  if ((ms ?? 0) >= 10_000) timer.unref?.();
  return timer;
}) as typeof setTimeout;

export default defineConfig({
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL! });
  },
});
