// Runs before each test file: point DATABASE_URL at a fresh copy of the migrated base database.
import { randomUUID } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, inject } from "vitest";

const baseDatabase = inject("baseDatabase");
const file = path.join(path.dirname(baseDatabase), `test-${randomUUID()}.db`);
copyFileSync(baseDatabase, file);
process.env.DATABASE_URL = `file:${file}`;

afterAll(async () => {
  const { prisma } = await import("~/utils/db.server");
  await prisma.$disconnect();
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
});
