// Online backup and restore of the SQLite database with SQLite's backup API (through better-sqlite3).
// Copying the .db file while the server runs is not a backup: recent writes live in the -wal file until a checkpoint.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** Copy every page in one step: one read transaction, so one consistent snapshot, and no restart when others write. */
const ALL_PAGES = () => 0x7fffffff;

export class BackupError extends Error {
  name = "BackupError";
}

export function databaseFile(databaseUrl: string) {
  return path.resolve(databaseUrl.replace(/^file:/, "").split("?")[0]);
}

function checkDatabase(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const [result] = db.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
    if (result?.integrity_check !== "ok") throw new BackupError(`${file} is damaged: ${result?.integrity_check}`);
    const isRebound = db
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('User', 'AuditEvent')")
      .get() as { n: number };
    if (isRebound.n !== 2) throw new BackupError(`${file} is not a Rebound database.`);
    const counts = db
      .prepare('SELECT (SELECT count(*) FROM "User") AS users, (SELECT count(*) FROM "Candidate") AS candidates, (SELECT count(*) FROM "AuditEvent") AS auditEvents')
      .get() as { users: number; candidates: number; auditEvents: number };
    return counts;
  } finally {
    db.close();
  }
}

/** Writes a consistent copy of the live database to `target` (a new file unless `overwrite`) and checks it. */
export async function backupDatabase(source: string, target: string, { overwrite = false } = {}) {
  const to = path.resolve(target);
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source}.`);
  if (to === path.resolve(source)) throw new BackupError("The backup must go to another file than the database itself.");
  if (existsSync(to) && !overwrite) throw new BackupError(`${to} already exists; choose a new file name or pass --force.`);
  if (!existsSync(path.dirname(to))) throw new BackupError(`The folder ${path.dirname(to)} does not exist.`);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(to + suffix, { force: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(to, { progress: ALL_PAGES });
  } finally {
    db.close();
  }
  // One self-contained file (no -wal/-shm beside it), easy to move; a restore switches WAL back on.
  const copy = new Database(to);
  copy.pragma("journal_mode = DELETE");
  copy.close();
  return { file: to, ...checkDatabase(to) };
}

/**
 * True when another connection (a running server, a script) has the database open. Leaving WAL mode needs the
 * database to itself, so SQLite refuses it at once while anyone else holds it; the file is left in WAL mode either way.
 */
export function databaseInUse(file: string) {
  if (!existsSync(file)) return false;
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma("journal_mode = DELETE");
    db.pragma("journal_mode = WAL");
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith("SQLITE_BUSY")) return true;
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Replaces the database with a backup. Refuses while the database is open elsewhere (stop the server first), and
 * first saves the current database next to it as `<name>.before-restore-<time>`.
 */
export async function restoreDatabase(backup: string, target: string, now = new Date()) {
  const from = path.resolve(backup);
  if (!existsSync(from)) throw new BackupError(`There is no backup at ${from}.`);
  const counts = checkDatabase(from);
  if (databaseInUse(target)) {
    throw new BackupError(
      `${target} is in use (is the server running?). Stop the server, then run db:restore again; nothing was changed.`,
    );
  }
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    await backupDatabase(target, previous);
  }
  const db = new Database(from, { readonly: true });
  try {
    await db.backup(target, { progress: ALL_PAGES });
  } finally {
    db.close();
  }
  const restored = new Database(target);
  restored.pragma("journal_mode = WAL");
  restored.close();
  return { file: target, previous, ...counts };
}
