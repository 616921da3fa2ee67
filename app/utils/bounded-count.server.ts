// Counts that stop early. The dashboard shows a few items per section and "99+" beyond that: counting every match
// would read a number of rows that grows with the agency, where reading at most `cap + 1` does not.
import { Prisma } from "~/.generated/prisma/client";
import { prisma } from "./db.server";

/** How far the dashboard counts a section before it says "99+". */
export const DASHBOARD_COUNT_CAP = 99;
/** How far the dashboard's "at a glance" strip counts open or recovering candidates before it says "999+". */
export const GLANCE_COUNT_CAP = 999;

/** A count, and whether it stopped at the cap (there are more than `total`). */
export type BoundedCount = { total: number; capped: boolean };

/**
 * `from` is a statement's FROM … WHERE … part. With a cap, at most cap + 1 rows are read; without one, all are
 * counted (the paginated full lists need the exact figure).
 */
export async function countRows(from: Prisma.Sql, cap?: number): Promise<BoundedCount> {
  if (cap === undefined) {
    const rows = await prisma.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS n ${from}`;
    return { total: Number(rows[0]?.n ?? 0), capped: false };
  }
  const rows = await prisma.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS n FROM (SELECT 1 AS one ${from} LIMIT ${cap + 1}) AS upto`;
  const n = Number(rows[0]?.n ?? 0);
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}
