// The one Prisma client, on the better-sqlite3 driver adapter (no engine binary needed).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/.generated/prisma/client";
import { env } from "./env.server";

export type { Prisma } from "~/.generated/prisma/client";

function createClient(url: string) {
  const adapter = new PrismaBetterSQLite3({ url });
  const client = new PrismaClient({ adapter });
  // A larger page cache and memory-mapped reads (SQLite's defaults are 2 MB and none): the statistics read tens of
  // thousands of rows per request. The adapter keeps one connection, so setting them once lasts.
  client
    .$executeRawUnsafe("PRAGMA cache_size = -200000")
    .then(() => client.$queryRawUnsafe("PRAGMA mmap_size = 268435456"))
    .catch((error: unknown) => console.error("Could not tune SQLite:", error));
  return client;
}

const globalForPrisma = globalThis as unknown as { __reboundPrisma?: { url: string; client: PrismaClient } };

// Cached on globalThis so development rebuilds don't open a new connection each time
// (keyed by URL: each test file points DATABASE_URL at its own database).
const cached = globalForPrisma.__reboundPrisma;
export const prisma = cached?.url === env.DATABASE_URL ? cached.client : createClient(env.DATABASE_URL);
if (!env.isProduction) globalForPrisma.__reboundPrisma = { url: env.DATABASE_URL, client: prisma };

/** Transaction client type, for model functions that run inside a caller's transaction. */
export type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/** A real round trip to the database, for /healthz. */
export async function pingDatabase() {
  await prisma.$queryRawUnsafe("SELECT 1");
}

/** Did a write fail on a unique index (Prisma's P2002)? The index has the last word when two requests race. */
export function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
