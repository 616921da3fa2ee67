// Applies pending PostgreSQL migrations (prisma/postgres/migrations) without the Prisma CLI, which hits several
// defects through the pg adapter in 6.19 (docs/decisions/012-postgres.md). Each migration.sql goes as one
// simple-protocol query in a transaction, with the same _prisma_migrations row and sha256 checksum Prisma writes,
// under Prisma's own advisory lock: instances starting together apply each migration once (the others wait).
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** The key `prisma migrate` locks with, so the CLI and this runner never migrate at the same time either. */
export const MIGRATION_LOCK_KEY = 72707369;

const DEFAULT_MIGRATIONS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "prisma", "postgres", "migrations");

// Prisma's own table, as `prisma migrate deploy` creates it.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function migrationNames(dir = DEFAULT_MIGRATIONS) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d+_/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** Applies what is pending; returns the names it applied (empty when another instance got there first). */
export async function migratePostgres(connectionString: string, { dir = DEFAULT_MIGRATIONS } = {}) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        `SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`,
      );
      const failed = rows.find((r) => !r.finished_at && !r.rolled_back_at);
      if (failed) {
        throw new Error(
          `Migration ${failed.migration_name} failed earlier; fix the database, then mark it rolled back ` +
            `(UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "migration_name" = '${failed.migration_name}').`,
        );
      }
      const done = new Set(rows.filter((r) => r.finished_at).map((r) => r.migration_name));
      for (const name of migrationNames(dir)) {
        if (done.has(name)) continue;
        const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
        const checksum = createHash("sha256").update(sql).digest("hex");
        await client.query("BEGIN");
        try {
          // No parameters: pg sends it with the simple protocol, which runs several statements, function bodies
          // and strings containing ";" as written.
          await client.query(sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count")
             VALUES ($1, $2, now(), $3, now(), 1)`,
            [randomUUID(), checksum, name],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`Migration ${name} failed (nothing of it was applied): ${(error as Error).message}`, { cause: error });
        }
        applied.push(name);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
  return applied;
}

/** Runs `fn` while holding a session advisory lock on its own connection; other instances wait for it. */
export async function withPostgresLock<T>(connectionString: string, key: number, fn: () => Promise<T>) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [key]);
    return await fn();
  } finally {
    // Ending the session releases the lock too; unlocking first keeps the next instance from waiting on the socket.
    await client.query("SELECT pg_advisory_unlock($1)", [key]).catch(() => undefined);
    await client.end();
  }
}
