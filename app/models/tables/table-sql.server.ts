// Small helpers the table queries share: ORDER BY built from a whitelist, and WHERE from conditions.
import { Prisma } from "~/.generated/prisma/client";
import { sortDirection } from "~/utils/sql-dialect.server";
import type { SortDirection } from "~/utils/table-params";

/**
 * ORDER BY from a fixed list of column expressions (never user text) and a parsed direction. Every term takes the
 * same direction so SQLite can walk one index forwards or backwards instead of sorting.
 */
export function orderBy(terms: readonly string[], direction: SortDirection) {
  const dir = sortDirection(direction);
  return Prisma.raw(`ORDER BY ${terms.map((t) => `${t} ${dir}`).join(", ")}`);
}

export function whereAll(conditions: Prisma.Sql[]) {
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}
