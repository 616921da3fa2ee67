// Small helpers the table queries share: ORDER BY built from a whitelist, and WHERE from conditions.
import { Prisma } from "~/.generated/prisma/client";
import { sortDirection } from "~/utils/sql-dialect.server";
import type { SortDirection } from "~/utils/table-params";

/** A sort term: a NOT NULL column expression, or a nullable one wrapped by `nullable` (its NULLS placement matters). */
export type SortTerm = string | { nullable: string };

/** Marks a sort column that can hold NULL (PostgreSQL then spells out SQLite's NULLS placement). */
export function nullable(column: string): SortTerm {
  return { nullable: column };
}

/**
 * ORDER BY from a fixed list of column expressions (never user text) and a parsed direction. Every term takes the
 * same direction so SQLite can walk one index forwards or backwards instead of sorting, and so can PostgreSQL: NOT
 * NULL terms carry no NULLS clause there (sortDirection).
 */
export function orderBy(terms: readonly SortTerm[], direction: SortDirection) {
  const spelled = terms.map((t) =>
    typeof t === "string" ? `${t} ${sortDirection(direction, false)}` : `${t.nullable} ${sortDirection(direction, true)}`,
  );
  return Prisma.raw(`ORDER BY ${spelled.join(", ")}`);
}

export function whereAll(conditions: Prisma.Sql[]) {
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}
