// `npm run db:new-migration -- <name>`: turn schema.prisma changes into a new migration, offline, for SQLite and its
// PostgreSQL twin of the same name (docs/decisions/012-postgres.md).
// `migrate dev` only works here after `migrate deploy` (see prisma.config.ts for the shadow-database fix).
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadDotEnv, run } from "./prepare.ts";
import { POSTGRES_SCHEMA, postgresSchema, SQLITE_SCHEMA } from "./pg-schema.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name_in_snake_case>");
  process.exit(1);
}
loadDotEnv();
// The Postgres schema as it was before this change: the diff for the twin starts from it.
const previous = path.join(mkdtempSync(path.join(tmpdir(), "rebound-pg-")), "schema.prisma");
copyFileSync(POSTGRES_SCHEMA, previous);
if (readFileSync(previous, "utf8") === postgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"))) {
  console.warn("prisma/postgres/schema.prisma already matches schema.prisma: the Postgres twin will be empty.");
}
// SQLite's migration always uses the SQLite file; a postgresql DATABASE_URL from .env would confuse its CLI.
if (!process.env.DATABASE_URL?.startsWith("file:")) process.env.DATABASE_URL = "file:./data/rebound.db";
run("node_modules/.bin/prisma", ["migrate", "deploy"]);
run("node_modules/.bin/prisma", ["migrate", "dev", "--name", name]);

const folder = readdirSync(path.join("prisma", "migrations"))
  .filter((f) => f.endsWith(`_${name}`))
  .sort()
  .at(-1);
if (!folder) {
  console.error(`No prisma/migrations/*_${name} was written, so there is no Postgres twin to write.`);
  process.exit(1);
}
const twin = ["scripts/pg-schema.ts", "--migration", folder, "--from", previous];
const result = spawnSync("node_modules/.bin/tsx", twin, { stdio: "inherit" });
if (result.status !== 0) {
  console.error(
    `The Postgres twin was not written (it needs PostgreSQL's packages: apt-get install postgresql). Then run:\n` +
      `  npx tsx ${twin.join(" ")}`,
  );
  process.exit(1);
}
// migrate dev regenerated the SQLite client; the PostgreSQL one follows the same schema.
run("node_modules/.bin/prisma", ["generate", "--config", "prisma/postgres/prisma.config.ts"], { quiet: true });
console.log(
  `Check prisma/postgres/migrations/${folder}/migration.sql as you check the SQLite one: hand-written SQL (triggers, ` +
    "partial indexes, data updates) needs its Postgres spelling there too.",
);
