// Builds one database from the real migrations; each test file then works on its own copy of it.
// Each run gets its own folder, so two runs at once (watch mode and a one-off run) don't delete each other's files.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseDatabase: string;
  }
}

export default function setup(project: TestProject) {
  const runDir = path.resolve("tests/.tmp", `run-${process.pid}-${Date.now()}`);
  mkdirSync(runDir, { recursive: true });
  const baseDatabase = path.join(runDir, "base.db");
  const db = new Database(baseDatabase);
  const migrationsDir = path.resolve("prisma/migrations");
  for (const name of readdirSync(migrationsDir).sort()) {
    if (!/^\d+_/.test(name)) continue;
    db.exec(readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));
  }
  db.close();
  project.provide("baseDatabase", baseDatabase);
  return () => rmSync(runDir, { recursive: true, force: true });
}
