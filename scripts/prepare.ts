// Start-up steps shared by `npm start` and `npm run dev`: configuration, migrations, demo data.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { migratePostgres, withPostgresLock } from "./pg-migrate.ts";

/** Advisory lock key of the first-run seed (the migration lock is Prisma's 72707369). */
const SEED_LOCK_KEY = 72707370;
const ROLLUP_LOCK_KEY = 72707371;

export function loadDotEnv() {
  if (existsSync(".env")) process.loadEnvFile(".env");
}

/** Parses the environment; on a bad value prints the one-line reason and exits. */
export async function checkConfiguration() {
  try {
    // The module parses the environment as it loads, so importing it is part of the check.
    const { parseEnv } = await import("../app/utils/env.server.ts");
    return parseEnv(process.env);
  } catch (error) {
    if (error instanceof Error && error.name === "ConfigError") {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export function run(command: string, args: string[], { quiet = false } = {}) {
  const result = spawnSync(command, args, { stdio: quiet ? "pipe" : "inherit", encoding: "utf8", env: process.env });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    console.error(`Failed: ${command} ${args.join(" ")}`);
    process.exit(result.status ?? 1);
  }
  return result;
}

export async function migrateDatabase(databaseUrl: string) {
  // (app/utils/env.server.ts has validated the URL; importing it here would parse the environment before the check.)
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    // Several instances may start at once: the runner's advisory lock lets one apply while the others wait.
    const applied = await migratePostgres(databaseUrl);
    console.log(`Database ready: PostgreSQL${applied.length > 0 ? ` (applied ${applied.join(", ")})` : ""}`);
    return;
  }
  const file = databaseUrl.replace(/^file:/, "").split("?")[0];
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  run("node_modules/.bin/prisma", ["migrate", "deploy"], { quiet: true });
  // WAL lets readers work while a write is in progress (it stays set in the file). `optimize` refreshes the planner's
  // statistics where they are missing or stale: without them SQLite picks poor join orders on large tables.
  // (better-sqlite3 already waits 5 s on a lock and enforces foreign keys on every connection.)
  const db = new Database(path.resolve(file));
  db.pragma("journal_mode = WAL");
  db.pragma("optimize = 0x10002");
  db.close();
  console.log(`Database ready: ${file}`);
}

/**
 * Builds /stats' daily rollups on the agency's clock if they are missing or on another zone (after the migration
 * that added them, on a database with recoveries). Once; a minute or so at a million candidates.
 */
export async function buildStatsRollups(databaseUrl: string): Promise<void> {
  // Instances starting together build once: the others wait for the lock, then find them on the agency's clock.
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) await withPostgresLock(databaseUrl, ROLLUP_LOCK_KEY, buildRollupsNow);
  else await buildRollupsNow();
}

async function buildRollupsNow() {
  const { rebuildRollupsOnAgencyClock } = await import("../app/models/stats/recovery-rollups.server.ts");
  const started = Date.now();
  const zone = await rebuildRollupsOnAgencyClock();
  if (zone) console.log(`Statistics rollups built on ${zone}'s clock in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/** Seeds the demo into an empty database when SEED_DEMO is on; otherwise says how to add the first manager. */
export async function seedIfEmpty(seedDemo: boolean, appUrl: string, databaseUrl?: string) {
  if (databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)) {
    // Instances starting together seed once: the first holds the lock while it seeds, the others then find users.
    await withPostgresLock(databaseUrl, SEED_LOCK_KEY, () => seedIfEmpty(seedDemo, appUrl));
    return;
  }
  const { prisma } = await import("../app/utils/db.server.ts");
  try {
    if ((await prisma.user.count()) > 0) return;
    if (!seedDemo) {
      console.log(
        `The database has no users yet. Create the agency and its first manager at ${appUrl}/setup ` +
          "(or with npm run user:create -- --role manager …).",
      );
      return;
    }
    const { seedDemo: seed } = await import("../prisma/seed.ts");
    const summary = await seed(prisma);
    console.log(`Seeded the demo: ${summary}. Log in as manager@example.com or recruiter@example.com (password rebound-demo).`);
  } finally {
    await prisma.$disconnect();
  }
}
