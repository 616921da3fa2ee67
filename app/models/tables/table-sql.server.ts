// Small helpers the table queries share: ORDER BY built from a whitelist, and WHERE from conditions.
import { Prisma } from "~/.generated/prisma/client";
import { countRows } from "~/utils/bounded-count.server";
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

/**
 * How far a table counts its matches. Counting all of them reads every matching index entry (250,000 interviews:
 * about 300 ms on PostgreSQL, and SQLite's count grows with the table too); past this the page says "more than".
 * Always at least through the page shown, so a deep page still knows whether there is a next one.
 */
export const COUNT_CAP = 10_000;

/**
 * Whether a page should walk a sort index and test each row (a name walk) rather than sort every match: for the
 * first pages of a large match only. A walk reads about (offset + page) × all rows / matching rows, so with a few
 * matches, or deep in them, it would read most of the table.
 */
export function walkPays(offset: number, total: number | null) {
  return total !== null && total > 1000 && offset < total / 10;
}

/** A count of at most `cap` rows: exact when `exact`, else "more than total". */
export type CappedCount = { total: number; exact: boolean };

/** COUNT(*) of `… WHERE …` (after FROM) that stops after cap + 1 rows (the cap: COUNT_CAP, or the end of the page shown). */
export async function cappedCount(fromWhere: Prisma.Sql, pageEnd: number): Promise<CappedCount> {
  const { total, capped } = await countRows(Prisma.sql`FROM ${fromWhere}`, Math.max(COUNT_CAP, pageEnd));
  return { total, exact: !capped };
}
