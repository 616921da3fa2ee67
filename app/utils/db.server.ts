// The one Prisma client, on a driver adapter (no engine binary needed): better-sqlite3 for a file: DATABASE_URL, pg for
// a postgresql:// one (docs/decisions/012-postgres.md).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/.generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/.generated/prisma-pg/client";
import { env } from "./env.server";
import { chooseSqlDialect, NO_PARALLEL_WORKERS } from "./sql-dialect.server";

chooseSqlDialect(env.databaseProvider);

export type { Prisma } from "~/.generated/prisma/client";

/**
 * How long a statement waits for another process's write lock. better-sqlite3 waits synchronously, freezing the whole
 * server meanwhile, so this stays short (its default is 5 s); a write that still finds the lock answers 503.
 */
export const BUSY_TIMEOUT_MS = 250;

function createClient(url: string) {
  if (env.databaseProvider === "postgresql") {
    // No parallel workers for the app's own statements: its queries are short, and starting workers cost more than
    // they saved here (a dashboard count 43–178 ms with them, 12–14 ms without; /stats' year 2.4 s → 1.8 s at a
    // million on 2 cores; docs/benchmarks.md). An `options` parameter in DATABASE_URL still overrides this.
    const adapter = new PrismaPg({ connectionString: url, max: env.DATABASE_POOL_SIZE, options: NO_PARALLEL_WORKERS });
    // The two generated clients differ only in their provider; the app is typed against the SQLite one. The SQLite
    // client refuses the pg adapter at run time, so this one cast is the whole price of the second database.
    return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
  }
  const adapter = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
  const client = new PrismaClient({ adapter });
  // A larger page cache and memory-mapped reads (SQLite's defaults are 2 MB and none): the statistics read tens of
  // thousands of rows per request. The adapter keeps one connection, so setting them once lasts.
  client
    .$executeRawUnsafe("PRAGMA cache_size = -200000")
    .then(() => client.$queryRawUnsafe("PRAGMA mmap_size = 268435456"))
    // Deleted and overwritten rows are zeroed in the file, so an erased candidate leaves no bytes behind (docs/privacy.md).
    .then(() => client.$queryRawUnsafe("PRAGMA secure_delete = ON"))
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

/** True for the error a query gets when another connection holds SQLite's write lock past BUSY_TIMEOUT_MS. */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, originalCode, message, meta } = e as {
      code?: unknown;
      originalCode?: unknown;
      message?: unknown;
      meta?: { driverAdapterError?: unknown };
    };
    // The driver adapter reports SQLITE_BUSY (and its extended codes) as `originalCode` under a "SocketTimeout".
    if ([code, originalCode].some((c) => typeof c === "string" && c.startsWith("SQLITE_BUSY"))) return true;
    if (typeof message === "string" && /SQLITE_BUSY|database is locked/.test(message)) return true;
    if (meta?.driverAdapterError && isDatabaseBusy(meta.driverAdapterError)) return true;
  }
  return false;
}
