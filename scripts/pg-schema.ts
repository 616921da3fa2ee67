// The PostgreSQL schema is generated from prisma/schema.prisma, the one source of the data model
// (docs/decisions/012-postgres.md): only the datasource provider and the generator's output differ.
//   npm run db:pg-schema                  rewrite prisma/postgres/schema.prisma
//   npm run db:pg-schema -- --check       exit 1 when it is stale or a SQLite migration has no Postgres twin
//                                         (tests/scripts/pg-schema.test.ts checks the same)
//   npm run db:pg-schema -- --baseline    rewrite the baseline migration: Prisma's diff from an empty database plus
//                                         prisma/postgres/baseline-additions.sql (only while no Postgres database
//                                         in use has applied it: its checksum changes)
//   npm run db:pg-schema -- --migration <folder> --from <old postgres schema>
//                                         the Postgres twin of one SQLite migration (npm run db:new-migration does it)
// Prisma's differ needs a reachable PostgreSQL: TEST_POSTGRES_URL, or the private one of scripts/pg-test-server.sh.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const POSTGRES_DIR = path.join(root, "prisma", "postgres");
export const POSTGRES_SCHEMA = path.join(POSTGRES_DIR, "schema.prisma");
export const POSTGRES_MIGRATIONS = path.join(POSTGRES_DIR, "migrations");
const SQLITE_MIGRATIONS = path.join(root, "prisma", "migrations");
const BASELINE_ADDITIONS = path.join(POSTGRES_DIR, "baseline-additions.sql");
const BASELINE_SUFFIX = "_postgres_baseline";

const HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:pg-schema`: edit that file, never this one.\n" +
  "// Only the datasource provider and the generated client's folder differ (docs/decisions/012-postgres.md).\n\n";

/** The Postgres schema text for a given SQLite schema text. Throws when the expected lines are missing. */
export function postgresSchema(source: string) {
  let replaced = 0;
  const out = source
    .replace(/(datasource db \{[^}]*provider\s*=\s*)"sqlite"/, (_, head: string) => {
      replaced++;
      return `${head}"postgresql"`;
    })
    .replace(/(generator client \{[^}]*output\s*=\s*)"\.\.\/app\/\.generated\/prisma"/, (_, head: string) => {
      replaced++;
      // One folder deeper than prisma/schema.prisma, and a second client beside the SQLite one.
      return `${head}"../../app/.generated/prisma-pg"`;
    });
  if (replaced !== 2) throw new Error("prisma/schema.prisma: expected the sqlite datasource and the generator output");
  return HEADER + out;
}

export function isPostgresSchemaCurrent() {
  let current = "";
  try {
    current = readFileSync(POSTGRES_SCHEMA, "utf8");
  } catch {
    return false;
  }
  return current === postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
}

export function writePostgresSchema() {
  const text = postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"));
  writeFileSync(POSTGRES_SCHEMA, text);
}

const folders = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && /^\d+_/.test(e.name))
        .map((e) => e.name)
        .sort()
    : [];
const timestamp = (folder: string) => folder.slice(0, folder.indexOf("_"));

/**
 * SQLite migrations without a Postgres twin of the same name. The baseline (named after the last SQLite migration it
 * covers) stands for every SQLite migration up to its timestamp.
 */
export function missingPostgresMigrations() {
  const postgres = folders(POSTGRES_MIGRATIONS);
  const baseline = postgres.find((name) => name.endsWith(BASELINE_SUFFIX));
  const covered = baseline ? timestamp(baseline) : "";
  return folders(SQLITE_MIGRATIONS).filter((name) => timestamp(name) > covered && !postgres.includes(name));
}

/** `prisma migrate diff … --script` against the Postgres schema; `from` is the diff's source arguments. */
function diff(from: string[]) {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("TEST_POSTGRES_URL is not set");
  const result = spawnSync(
    path.join(root, "node_modules", ".bin", "prisma"),
    ["migrate", "diff", "--config", path.join(POSTGRES_DIR, "prisma.config.ts"), ...from, "--to-schema-datamodel", POSTGRES_SCHEMA, "--script"],
    { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: url } },
  );
  if (result.status !== 0) throw new Error(`prisma migrate diff failed:\n${result.stderr}`);
  return result.stdout;
}

function writeMigration(folder: string, sql: string) {
  const dir = path.join(POSTGRES_MIGRATIONS, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  writeFileSync(path.join(POSTGRES_MIGRATIONS, "migration_lock.toml"), '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  console.log(`Wrote prisma/postgres/migrations/${folder}/migration.sql`);
}

export function writeBaseline() {
  const last = folders(SQLITE_MIGRATIONS).at(-1);
  if (!last) throw new Error("prisma/migrations has no migration");
  for (const old of folders(POSTGRES_MIGRATIONS)) {
    if (old.endsWith(BASELINE_SUFFIX) || timestamp(old) <= timestamp(last)) rmSync(path.join(POSTGRES_MIGRATIONS, old), { recursive: true });
  }
  const header =
    `-- The PostgreSQL baseline: every SQLite migration up to ${last}, generated by npm run db:pg-schema -- --baseline.\n\n`;
  writeMigration(`${timestamp(last)}${BASELINE_SUFFIX}`, header + diff(["--from-empty"]) + readFileSync(BASELINE_ADDITIONS, "utf8"));
}

export function writeMigrationTwin(folder: string, oldSchema: string) {
  writeMigration(folder, diff(["--from-schema-datamodel", oldSchema]));
}

function main(args: string[]) {
  if (args.includes("--check")) {
    const missing = missingPostgresMigrations();
    if (!isPostgresSchemaCurrent()) console.error("prisma/postgres/schema.prisma is stale: run npm run db:pg-schema");
    if (missing.length > 0) console.error(`No Postgres twin for: ${missing.join(", ")} (see README, "PostgreSQL")`);
    if (!isPostgresSchemaCurrent() || missing.length > 0) process.exit(1);
    console.log("prisma/postgres is current.");
    return;
  }
  writePostgresSchema();
  console.log("Wrote prisma/postgres/schema.prisma.");
  const needsDatabase = args.includes("--baseline") || args.includes("--migration");
  if (!needsDatabase) return;
  if (!process.env.TEST_POSTGRES_URL) {
    // Run again with the private test server up (it stops afterwards if this call started it).
    const result = spawnSync("bash", [path.join(root, "scripts", "pg-test-server.sh"), "run", process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...args], {
      cwd: root,
      stdio: "inherit",
    });
    process.exit(result.status ?? 1);
  }
  if (args.includes("--baseline")) writeBaseline();
  const at = args.indexOf("--migration");
  if (at >= 0) {
    const folder = args[at + 1];
    const from = args[args.indexOf("--from") + 1];
    if (!folder || !args.includes("--from") || !from) throw new Error("Usage: --migration <folder> --from <old postgres schema file>");
    writeMigrationTwin(folder, from);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
