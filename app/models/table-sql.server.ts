// Small helpers the table queries share: SQLite's date text, LIKE escaping, and ORDER BY built from a whitelist.
import { Prisma } from "~/.generated/prisma/client";
import type { SortDirection } from "~/utils/table-params";

/** Prisma's SQLite adapter stores DateTime as ISO text ending "+00:00"; raw comparisons must use the same form. */
export function sqlDate(date: Date) {
  return date.toISOString().replace("Z", "+00:00");
}

/** A raw DateTime value (text or Date, depending on the driver) as a Date. */
export function readDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "%text%" for LIKE … ESCAPE '\', so a typed % or _ matches itself. */
export function containsPattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * ORDER BY from a fixed list of column expressions (never user text) and a parsed direction. Every term takes the
 * same direction so SQLite can walk one index forwards or backwards instead of sorting.
 */
export function orderBy(terms: readonly string[], direction: SortDirection) {
  const dir = direction === "desc" ? "DESC" : "ASC";
  return Prisma.raw(`ORDER BY ${terms.map((t) => `${t} ${dir}`).join(", ")}`);
}

export function whereAll(conditions: Prisma.Sql[]) {
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}
