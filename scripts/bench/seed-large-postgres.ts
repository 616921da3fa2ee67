// `npm run seed:large -- --db postgresql://…`: the same large data set on PostgreSQL. The rows are generated once,
// by the SQLite seed (scripts/seed-large.ts into a temporary file, or an already seeded file given with --from: the
// generator, the summary columns and their checks stay one piece of code), then copied table by table with
// `INSERT … SELECT FROM unnest($1::type[], …)`, thousands of rows per statement, in one transaction. Foreign keys and
// secondary indexes are dropped for the load and re-added at the end (the keys check every row, as SQLite's
// foreign_key_check does); then VACUUM ANALYZE.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { migrateDatabase } from "../prepare.ts";

/** `from`: an already seeded SQLite file to copy instead of generating the rows again (11 minutes at 1m). */
export type PostgresSeedOptions = { url: string; force: boolean; candidates: number; interviews: number; from?: string };

type Column = { table: string; column: string; udt: string };

/** Rows per INSERT: each column goes as one array parameter, so the count is bounded by memory, not parameters. */
const BATCH = 5_000;

function convert(value: unknown, udt: string) {
  if (value === null || value === undefined) return null;
  if (udt === "bool") return value === 1 || value === 1n || value === true || value === "1";
  // Prisma's SQLite adapter stores DateTime as ISO text (or, for old rows, epoch milliseconds).
  if (udt.startsWith("timestamp") && typeof value === "number") return new Date(value).toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** Runs the SQLite seed into a temporary file: the generator, the summary columns and their checks stay one piece. */
function generateRows(dir: string, options: PostgresSeedOptions) {
  const file = path.join(dir, "large.db");
  console.log(`Generating the rows in a temporary SQLite file (${file})…`);
  const seeded = spawnSync(
    path.resolve("node_modules/.bin/tsx"),
    [
      path.resolve("scripts/seed-large.ts"),
      "--db",
      file,
      "--candidates",
      String(options.candidates),
      "--interviews",
      String(options.interviews),
    ],
    { stdio: "inherit", env: { ...process.env, LARGE_DATABASE_URL: "" } },
  );
  if (seeded.status !== 0) throw new Error("Generating the large data set in SQLite failed.");
  return file;
}

export async function seedLargePostgres(options: PostgresSeedOptions) {
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  await migrateDatabase(options.url);

  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    const existing = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Candidate"`)).rows[0].n);
    if (existing > 0 && !options.force) {
      console.error(
        `The database already has ${existing} candidates; nothing was written. Re-run with --force to empty every ` +
          "table (users, the agency and the playbook included) and seed it again.",
      );
      process.exit(1);
    }

    if (options.from && !existsSync(options.from)) {
      console.error(`--from ${options.from}: no such file.`);
      process.exit(1);
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), "rebound-large-"));
    try {
      const file = options.from ? path.resolve(options.from) : generateRows(dir, options);
      const sqlite = new Database(file, { readonly: true });
      const columns = (
        await client.query<Column>(
          `SELECT table_name AS "table", column_name AS "column", udt_name AS udt FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`,
        )
      ).rows;
      const tables = [...new Set(columns.map((c) => c.table))];
      const sqliteTables = new Set(
        sqlite.prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`).all().map((t) => t.name),
      );

      console.log(`Copying ${tables.length} tables to PostgreSQL…`);
      await client.query("BEGIN");
      // The target gets exactly SQLite's rows, including those the migrations themselves insert.
      await client.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(", ")}`);
      const foreignKeys = (
        await client.query<{ table: string; name: string; definition: string }>(
          `SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS definition
           FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace`,
        )
      ).rows;
      for (const fk of foreignKeys) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
      // Indexes other than the primary keys are built after the load, as the SQLite seed does: far faster than
      // inserting millions of rows into each of them. Inside the transaction, so a failure keeps them.
      const indexes = (
        await client.query<{ name: string; definition: string }>(
          `SELECT i.relname AS name, pg_get_indexdef(ix.indexrelid) AS definition
           FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
           WHERE t.relnamespace = current_schema()::regnamespace
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid)`,
        )
      ).rows;
      for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);

      // Triggers off for the load (rows arrive in any order, so a trigger reading another table would see it half
      // copied); what they keep is then computed in bulk below.
      for (const table of tables) await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
      let copied = 0;
      for (const table of tables) {
        if (!sqliteTables.has(table)) continue;
        const sqliteColumns = new Set(
          sqlite.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`).all().map((c) => c.name),
        );
        const shared = columns.filter((c) => c.table === table && sqliteColumns.has(c.column));
        const names = shared.map((c) => `"${c.column}"`).join(", ");
        const insert =
          `INSERT INTO "${table}" (${names}) SELECT * FROM unnest(` +
          shared.map((c, i) => `$${i + 1}::${c.udt}[]`).join(", ") +
          ")";
        const rows = sqlite.prepare(`SELECT ${names} FROM "${table}"`).raw().iterate() as IterableIterator<unknown[]>;
        let batch: unknown[][] = shared.map(() => []);
        let inBatch = 0;
        const flush = async () => {
          if (inBatch === 0) return;
          await client.query(insert, batch);
          copied += inBatch;
          batch = shared.map(() => []);
          inBatch = 0;
        };
        for (const row of rows) {
          row.forEach((value, i) => batch[i].push(convert(value, shared[i].udt)));
          if (++inBatch === BATCH) await flush();
        }
        await flush();
      }
      sqlite.close();
      for (const table of tables) await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
      await client.query("SELECT rebound_fill_interview_search()");
      console.log(`${copied} rows copied (${elapsed()}); building ${indexes.length} indexes…`);
      await client.query(`SET LOCAL maintenance_work_mem = '1GB'`);
      for (const index of indexes) await client.query(index.definition);
      console.log(`Indexes built (${elapsed()}); checking foreign keys…`);
      for (const fk of foreignKeys) {
        await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition}`);
      }
      // Serial columns (if any) continue after the copied ids.
      const serials = (
        await client.query<{ table: string; column: string }>(
          `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
           WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`,
        )
      ).rows;
      for (const s of serials) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence('"${s.table}"', '${s.column}'), COALESCE((SELECT max("${s.column}") FROM "${s.table}"), 0) + 1, false)`,
        );
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // VACUUM as well: a bulk load leaves the visibility map empty, so index-only scans would still visit the heap.
    console.log(`Committed (${elapsed()}); VACUUM ANALYZE…`);
    await client.query("VACUUM ANALYZE");
    const count = async (table: string) => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
    console.log(
      `Done in ${elapsed()}: ${await count("Candidate")} candidates, ${await count("Interview")} interviews, ` +
        `${await count("InterviewFlag")} flags on PostgreSQL. Log in as manager@example.com or recruiter@example.com ` +
        `(password rebound-demo) with DATABASE_URL=${options.url.replace(/:[^:@/]*@/, ":…@")}`,
    );
  } finally {
    await client.end();
  }
}
