// Builds one database from the real migrations; each test file then works on its own copy of it.
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const TMP_DIR = path.resolve("tests/.tmp");
export const BASE_DB = path.join(TMP_DIR, "base.db");

export default function setup() {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  const db = new Database(BASE_DB);
  const migrationsDir = path.resolve("prisma/migrations");
  for (const name of readdirSync(migrationsDir).sort()) {
    if (!/^\d+_/.test(name)) continue;
    db.exec(readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));
  }
  db.close();
  return () => rmSync(TMP_DIR, { recursive: true, force: true });
}
