// The PostgreSQL migration runner (scripts/pg-migrate.ts): what `npm start` and `npm run db:migrate` do on Postgres.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, test } from "vitest";
import { migratePostgres, migrationNames } from "../../scripts/pg-migrate";
import { databaseUrl } from "../setup/pg-global-setup";

const serverUrl = inject("postgresUrl");
const created: string[] = [];

async function admin<T>(fn: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function emptyDatabase() {
  const name = `rebound_migrate_${randomUUID().replace(/-/g, "")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  created.push(name);
  return databaseUrl(serverUrl, name);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const name of created) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
});

describe("the PostgreSQL migration runner", () => {
  test("three instances starting at once apply each migration exactly once, with Prisma's checksum", async () => {
    const url = await emptyDatabase();
    const results = await Promise.all([migratePostgres(url), migratePostgres(url), migratePostgres(url)]);
    const names = migrationNames();
    expect(names.length).toBeGreaterThan(0);
    // One instance applied everything; the others waited on the lock and found nothing left to do.
    expect(results.filter((r) => r.length > 0)).toEqual([names]);
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      url,
      `SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" ORDER BY "migration_name"`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = readFileSync(path.resolve("prisma/postgres/migrations", row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
    }
    // The schema is really there, the hand-written search pieces included.
    const tables = await query<{ n: string }>(url, `SELECT count(*) AS n FROM pg_tables WHERE tablename = 'Candidate'`);
    expect(Number(tables[0].n)).toBe(1);
    const fold = await query<{ f: string }>(url, `SELECT rebound_fold('Zoë ÅNGSTRÖM') AS f`);
    expect(fold[0].f).toBe("zoe angstrom");
    expect(await migratePostgres(url)).toEqual([]);
  });

  test("a failing migration leaves nothing of itself, says which it was, and the next run tries it again", async () => {
    const url = await emptyDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), "rebound-migrations-"));
    const write = (name: string, sql: string) => {
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, "migration.sql"), sql);
    };
    // A function body and a string holding ";" go through whole (Prisma's deploy through the adapter splits them).
    write(
      "20260101000000_first",
      `CREATE TABLE "A" ("id" INT PRIMARY KEY, "note" TEXT DEFAULT 'a;b');
       CREATE FUNCTION a_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM "A"; $$;`,
    );
    write("20260102000000_broken", `CREATE TABLE "B" ("id" INT PRIMARY KEY); INSERT INTO "Nowhere" VALUES (1);`);
    await expect(migratePostgres(url, { dir })).rejects.toThrow(/Migration 20260102000000_broken failed \(nothing of it was applied\)/);
    const applied = await query<{ migration_name: string }>(url, `SELECT "migration_name" FROM "_prisma_migrations"`);
    expect(applied.map((r) => r.migration_name)).toEqual(["20260101000000_first"]);
    expect(await query(url, `SELECT 1 FROM pg_tables WHERE tablename = 'B'`)).toEqual([]);
    expect(await query<{ n: string }>(url, `SELECT a_count() AS n`)).toEqual([{ n: "0" }]);

    writeFileSync(path.join(dir, "20260102000000_broken", "migration.sql"), `CREATE TABLE "B" ("id" INT PRIMARY KEY);`);
    expect(await migratePostgres(url, { dir })).toEqual(["20260102000000_broken"]);
  });
});
