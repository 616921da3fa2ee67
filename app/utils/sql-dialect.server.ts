// The SQL dialect: everything raw SQL needs to know about the database underneath (today SQLite through Prisma's
// driver adapter). Models never spell a date format or a SQLite-only keyword themselves; they ask this module.
import { Prisma } from "~/.generated/prisma/client";

/** Prisma's SQLite adapter stores DateTime as ISO text ending "+00:00"; raw comparisons and inserts use the same. */
export function sqlDate(date: Date | number) {
  return new Date(date).toISOString().replace("Z", "+00:00");
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

/** `column = value`, ignoring case (ASCII, as SQLite's NOCASE does). */
export function equalsIgnoringCase(column: Prisma.Sql, value: string) {
  return Prisma.sql`${column} = ${value} COLLATE NOCASE`;
}

/** Milliseconds from instant a to instant b (stored text), rounded so equal instants compare equal. */
export function msBetween(a: Prisma.Sql, b: Prisma.Sql) {
  return Prisma.sql`ROUND((julianday(${b}) - julianday(${a})) * 86400000)`;
}

/**
 * A join whose left side the planner must read first. SQLite keeps the written order for CROSS JOIN; the queries
 * that use it walk an index on the left table in the order the page wants, where a plain JOIN would sort.
 */
export const FORCED_JOIN = Prisma.raw("CROSS JOIN");

/** The full-text indexes (prisma/migrations/…_search_index): each row's rowid is its source row's rowid. */
export type SearchIndex = "CandidateSearch" | "CompanySearch" | "InterviewSearch";

/**
 * The rowids (column `rid`) of the source rows whose indexed text contains every term (each 3+ characters), as a
 * subquery.
 * SQLite: an FTS5 trigram MATCH; each term becomes a quoted phrase, so `*`, `"`, `NEAR(`, `AND` or `:` typed by a
 * user are text to find, never query syntax.
 */
export function textSearchRowids(index: SearchIndex, terms: readonly string[]) {
  const match = terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(" AND ");
  const table = Prisma.raw(`"${index}"`);
  return Prisma.sql`SELECT rowid AS rid FROM ${table} WHERE ${table} MATCH ${match}`;
}
