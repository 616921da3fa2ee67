// `npm run seed:large [-- --scale 100k|1m] [--db ./data/large.db] [--force]`: 100,000 candidates and 250,000 interviews
// (or, at --scale 1m, 1,000,000 and 2,500,000 in data/large-1m.db) for the benchmark (`npm run bench`), in a database
// of its own so the demo is never touched. --candidates / --interviews set other sizes.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { benchPostgresUrl } from "./bench/postgres-server.ts";
import { largeDatabaseUrl, parseScale, SCALES } from "./bench/target.ts";
import { loadDotEnv, migrateDatabase } from "./prepare.ts";

const usage =
  "Usage: npm run seed:large -- [--scale 100k|1m] [--db ./data/large.db | --db postgresql://… | --postgres] [--force] [--candidates 100000] [--interviews 250000] [--from ./data/large.db (PostgreSQL only: copy an already seeded SQLite file)]";

let values;
try {
  ({ values } = parseArgs({
    options: {
      db: { type: "string" },
      force: { type: "boolean", default: false },
      scale: { type: "string" },
      postgres: { type: "boolean", default: false },
      candidates: { type: "string" },
      interviews: { type: "string" },
      from: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(1);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const scale = parseScale(values.scale);
if (!scale) {
  console.error(`--scale must be 100k or 1m.\n${usage}`);
  process.exit(1);
}
const candidates = Number(values.candidates ?? SCALES[scale].candidates);
const interviews = Number(values.interviews ?? SCALES[scale].interviews);
if (!Number.isInteger(candidates) || candidates < 1 || !Number.isInteger(interviews) || interviews < candidates) {
  console.error(`--candidates must be a positive whole number and --interviews at least as many.\n${usage}`);
  process.exit(1);
}

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

loadDotEnv();
if (values.from && !values.postgres && !values.db?.startsWith("postgres")) {
  console.error(`--from copies a seeded SQLite file into PostgreSQL: use it with --postgres or --db postgresql://….\n${usage}`);
  process.exit(1);
}
const target = largeDatabaseUrl(values.postgres ? await benchPostgresUrl(scale) : values.db, process.env, scale);
if (target.postgres) {
  const { seedLargePostgres } = await import("./bench/seed-large-postgres.ts");
  await seedLargePostgres({ url: target.url, force: values.force, candidates, interviews, from: values.from });
  process.exit(0);
}
// The Prisma CLI and the client below both read DATABASE_URL: point it at the large database only.
process.env.DATABASE_URL = target.url;
await migrateDatabase(target.url);

const db = new Database(target.file);
db.pragma("journal_mode = WAL");
db.pragma("busy_timeout = 5000");
const existing = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "Candidate"`).get()!.n;
if (existing > 0 && !values.force) {
  console.error(
    `${target.file} already has ${existing} candidates; nothing was written. ` +
      "Re-run with --force to delete its candidates, interviews, flags, requests, outcomes, emails, companies and " +
      "audit log (users, the agency and the playbook stay) and seed it again.",
  );
  process.exit(1);
}

// Bulk-load settings for this connection only: a crash mid-seed just means seeding again with --force.
db.pragma("synchronous = OFF");
db.pragma("cache_size = -2097152"); // 2 GiB, for building the indexes
db.pragma("temp_store = MEMORY");
// Rows are written parent-before-child from known ids; checked in one pass with foreign_key_check at the end.
db.pragma("foreign_keys = OFF");

if (existing > 0) {
  console.log(`--force: deleting ${existing} candidates and everything recorded about them…`);
  db.transaction(() => {
    for (const table of [
      "FlagReason", "ChecklistStepState", "CoachingLink", "ChecklistRun", "InterviewFlag", "CandidacyOutcome",
      "EmailMessage", "SecondInterviewRequest", "Interview", "Candidate", "Company", "AuditEvent",
    ]) {
      db.exec(`DELETE FROM "${table}"`);
    }
  })();
}

const { hashPassword } = await import("../app/utils/password.server.ts");
const { fillSearchIndexes, seedLargeDatabase } = await import("./bench/large-data.ts");
const { DEMO_PASSWORD } = await import("../prisma/seed.ts");
const timeZone = process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
console.log(`Seeding ${candidates} candidates and ${interviews} interviews into ${target.file}…`);
const passwordHash = await hashPassword(DEMO_PASSWORD);
// The secondary indexes and the search triggers are dropped for the load; then the indexes are built and the
// search index filled in one statement per table. Row by row, the FTS5 triggers alone took 56 of 66 s for 40,000
// candidates (and grew faster than the rows); in bulk, 1.6 s. One transaction, so a crash can't leave the file
// without its indexes or triggers.
const schemaOf = (type: "index" | "trigger") =>
  db.prepare<[string], { name: string; sql: string }>(`SELECT name, sql FROM sqlite_master WHERE type = ? AND sql IS NOT NULL`).all(type);
const secondaryIndexes = schemaOf("index");
const triggers = schemaOf("trigger");
const counts = db.transaction(() => {
  for (const index of secondaryIndexes) db.exec(`DROP INDEX "${index.name}"`);
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
  const written = seedLargeDatabase(db, {
    candidates,
    interviews,
    recruiters: 25,
    companies: 400,
    passwordHash,
    timeZone,
  });
  console.log(`Rows written (${elapsed()}); building ${secondaryIndexes.length} indexes…`);
  for (const index of secondaryIndexes) db.exec(index.sql);
  fillSearchIndexes(db);
  for (const trigger of triggers) db.exec(trigger.sql);
  return written;
})();
console.log(`Rows and indexes written (${elapsed()}).`);

const broken = db.pragma("foreign_key_check") as unknown[];
if (broken.length > 0) {
  console.error(`Foreign key check failed on ${broken.length} rows, e.g. ${JSON.stringify(broken[0])}`);
  process.exit(1);
}
db.pragma("foreign_keys = ON");
// Statistics first, so the summary UPDATEs below are planned with real row counts (without them a join order
// that scans every open flag once per candidate once took tens of minutes here).
db.exec("ANALYZE");

// The summary columns and the statistics' per-recovery facts come from the one definition the app uses
// (app/models/candidates/summaries.server.ts, app/models/stats/recovery-facts.server.ts).
const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
const { PrismaClient } = await import("../app/.generated/prisma/client.ts");
const { syncAllSummaries } = await import("../app/models/candidates/summaries.server.ts");
const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: target.url }) });
try {
  await prisma.$transaction((tx) => syncAllSummaries(tx), { timeout: 3_600_000, maxWait: 10_000 });
} finally {
  await prisma.$disconnect();
}
console.log(`Summaries and recovery facts recomputed (${elapsed()}).`);

db.exec("ANALYZE");
db.pragma("wal_checkpoint(TRUNCATE)");
db.close();

console.log(
  [
    `Done in ${elapsed()}: ${counts.users} users, ${counts.companies} companies, ${counts.candidates} candidates,`,
    `${counts.interviews} interviews (${counts.secondRounds} granted second rounds), ${counts.flags} flags`,
    `(${counts.openFlags} open, ${counts.flagReasons} reasons), ${counts.requests} second-interview requests,`,
    `${counts.outcomes} outcomes (${counts.hires} hires).`,
    `Log in as manager@example.com or recruiter@example.com (password ${DEMO_PASSWORD}) with DATABASE_URL=${target.url}`,
  ].join(" "),
);
