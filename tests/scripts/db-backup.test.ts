// db:backup and db:restore on a real database file with another process writing to it the whole time.
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, expect, test, vi } from "vitest";
import { backupDatabase, restoreDatabase } from "../../scripts/sqlite-backup";

vi.setConfig({ testTimeout: 30_000 });

const DB_FILE = () => path.resolve(process.env.DATABASE_URL!.replace(/^file:/, ""));
const TSX = path.resolve("node_modules/.bin/tsx");
const cleanup: string[] = [];
let writer: ChildProcess | undefined;

afterEach(() => {
  writer?.kill();
  writer = undefined;
  for (const file of cleanup.splice(0)) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});

/**
 * Another process appending numbered audit events, one transaction each, as fast as it can. Automatic checkpoints
 * are off, as between the server's checkpoints: committed rows sit in the -wal file, where a file copy misses them.
 */
function startWriter(file: string) {
  const script = `
    const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))});
    const db = new Database(${JSON.stringify(file)}, { timeout: 5000 });
    db.pragma("wal_autocheckpoint = 0");
    const insert = db.prepare("INSERT INTO AuditEvent (id, actorLabel, action, entityType, entityId) VALUES (?, 'system', 'test.write', 'Test', ?)");
    let n = 0;
    const tick = () => { for (let i = 0; i < 20; i++) { n++; insert.run("event-" + n, String(n)); } setImmediate(tick); };
    tick();`;
  return spawn(process.execPath, ["-e", script], { stdio: "ignore" });
}

function countEvents(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { n: number; top: number | null }>(
      "SELECT count(*) AS n, max(CAST(entityId AS INTEGER)) AS top FROM AuditEvent WHERE action = 'test.write'",
    ).get()!;
  } finally {
    db.close();
  }
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

function run(script: string, args: string[]) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(TSX, [script, ...args], { env: process.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

test("a backup taken while another process writes opens, passes the integrity check and has every committed row", async () => {
  const file = DB_FILE();
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.close();
  writer = startWriter(file);
  await until(() => countEvents(file).n >= 2000);

  // What the issue saw: copying the file while the server runs leaves out what is still in the WAL.
  const fileCopy = `${file}.copy`;
  cleanup.push(fileCopy);
  const committedBeforeCopy = countEvents(file).n;
  copyFileSync(file, fileCopy);
  expect(countEvents(fileCopy).n).toBeLessThan(committedBeforeCopy);

  const backup = `${file}.backup`;
  cleanup.push(backup);
  const committedBefore = countEvents(file).n;
  const result = await run("scripts/db-backup.ts", [backup]);
  const committedAfter = countEvents(file).n;
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(committedAfter).toBeGreaterThan(committedBefore); // the writer really ran during the backup
  expect(result.stdout).toMatch(/Backed up to .*integrity ok/);

  const copy = new Database(backup, { readonly: true });
  expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
  copy.close();
  const { n, top } = countEvents(backup);
  // Complete and consistent: every row committed before it started, and no gaps (one snapshot).
  expect(n).toBeGreaterThanOrEqual(committedBefore);
  expect(top).toBe(n);
  expect(existsSync(`${backup}-wal`)).toBe(false);
});

test("a backup refuses to overwrite a file unless told to", async () => {
  const backup = `${DB_FILE()}.existing`;
  cleanup.push(backup);
  await backupDatabase(DB_FILE(), backup);
  await expect(backupDatabase(DB_FILE(), backup)).rejects.toThrow("already exists; choose a new file name or pass --force");
  await expect(backupDatabase(DB_FILE(), backup, { overwrite: true })).resolves.toMatchObject({ file: backup });
});

test("db:restore refuses while the database is open elsewhere, then restores and keeps the old database aside", async () => {
  const file = DB_FILE();
  const backup = `${file}.to-restore`;
  cleanup.push(backup);
  await backupDatabase(file, backup);

  const live = new Database(file);
  live.pragma("journal_mode = WAL");
  live.prepare("INSERT INTO AuditEvent (id, actorLabel, action, entityType, entityId) VALUES ('after-backup', 'system', 'test.write', 'Test', '1')").run();
  const refused = await run("scripts/db-restore.ts", [backup]);
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain("is in use (is the server running?)");
  expect(live.prepare("SELECT count(*) AS n FROM AuditEvent WHERE id = 'after-backup'").get()).toEqual({ n: 1 });
  live.close();

  const restored = await run("scripts/db-restore.ts", [backup]);
  expect(restored.stderr).toBe("");
  expect(restored.status).toBe(0);
  const previous = /kept at (\S+)\./.exec(restored.stdout)?.[1];
  expect(previous).toBeTruthy();
  cleanup.push(previous!);
  const after = new Database(file, { readonly: true });
  expect(after.prepare("SELECT count(*) AS n FROM AuditEvent WHERE id = 'after-backup'").get()).toEqual({ n: 0 });
  expect(after.pragma("journal_mode", { simple: true })).toBe("wal");
  after.close();
  const kept = new Database(previous!, { readonly: true });
  expect(kept.prepare("SELECT count(*) AS n FROM AuditEvent WHERE id = 'after-backup'").get()).toEqual({ n: 1 });
  kept.close();
});

test("a restore refuses a file that is not a Rebound database and changes nothing", async () => {
  const notRebound = `${DB_FILE()}.other`;
  cleanup.push(notRebound);
  const other = new Database(notRebound);
  other.exec("CREATE TABLE t (x)");
  other.close();
  await expect(restoreDatabase(notRebound, DB_FILE())).rejects.toThrow("is not a Rebound database");
  const db = new Database(DB_FILE(), { readonly: true });
  expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get()).toEqual({ n: 0 });
  db.close();
});
