// The SQL dialect: everything raw SQL needs to know about the database underneath, SQLite or PostgreSQL
// (docs/decisions/006-one-sql-dialect-module.md, 012-postgres.md). Models never spell a date format or a
// database-only keyword themselves; they ask this module.
import { Prisma } from "~/.generated/prisma/client";

/**
 * Which database DATABASE_URL chose: set by app/utils/db.server.ts as it builds the client (importing the
 * configuration here would parse the environment whenever a date helper is imported, e.g. by e2e specs before they
 * point DATABASE_URL at the server under test). These are live bindings: importers see the value set.
 */
export let isPostgres = false;

/**
 * PostgreSQL session settings for the app's connections (db.server.ts; the benchmark's replay uses them too): no
 * parallel workers, whose start-up cost the app's short statements more than they saved.
 */
export const NO_PARALLEL_WORKERS = "-c max_parallel_workers_per_gather=0";

/**
 * A DateTime for raw comparisons and inserts. Prisma's SQLite adapter stores ISO text ending "+00:00"; PostgreSQL
 * reads the same text as a `timestamp` (every stored instant is UTC, so the offset matches).
 */
export function sqlDate(date: Date | number) {
  return new Date(date).toISOString().replace("Z", "+00:00");
}

/** A raw DateTime value (text or Date, depending on the driver) as a Date. */
export function readDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A raw boolean (SQLite answers 0/1, PostgreSQL true/false). */
export function readBoolean(value: unknown) {
  return value === true || Number(value) === 1;
}

/** "%text%" for `LIKE … ESCAPE '\'`, so a typed % or _ matches itself. */
export function containsPattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column LIKE pattern`, ignoring case: SQLite's LIKE ignores ASCII case by itself, PostgreSQL's needs ILIKE. */
export function likeIgnoringCase(column: Prisma.Sql, pattern: string) {
  return isPostgres ? Prisma.sql`${column} ILIKE ${pattern} ESCAPE '\\'` : Prisma.sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

/**
 * A Prisma `contains` filter that ignores case on both databases (SQLite's LIKE already does; PostgreSQL needs
 * `mode: "insensitive"`, which the SQLite client's types don't know, hence the cast).
 */
export function containsIgnoringCase(text: string): { contains: string } {
  return (isPostgres ? { contains: text, mode: "insensitive" } : { contains: text }) as { contains: string };
}

/** `column = value`, ignoring case (ASCII, as SQLite's NOCASE does). */
export function equalsIgnoringCase(column: Prisma.Sql, value: string) {
  return isPostgres ? Prisma.sql`lower(${column}) = lower(${value})` : Prisma.sql`${column} = ${value} COLLATE NOCASE`;
}

/** Milliseconds from instant a to instant b (stored DateTimes), rounded so equal instants compare equal. */
export function msBetween(a: Prisma.Sql, b: Prisma.Sql) {
  return isPostgres
    ? Prisma.sql`ROUND(EXTRACT(EPOCH FROM (${b} - ${a})) * 1000)`
    : Prisma.sql`ROUND((julianday(${b}) - julianday(${a})) * 86400000)`;
}

/** Whole hours from instant a to instant b, 0 when b is before a, null when b is null. */
export function wholeHoursBetween(a: Prisma.Sql, b: Prisma.Sql) {
  const ms = msBetween(a, b);
  const hours = isPostgres ? Prisma.sql`FLOOR(${ms} / 3600000)::int` : Prisma.sql`CAST(${ms} / 3600000 AS INTEGER)`;
  return Prisma.sql`CASE WHEN ${b} IS NULL THEN NULL WHEN ${b} < ${a} THEN 0 ELSE ${hours} END`;
}

/** An aggregate: the group's values sorted, between bars ("|late|nerves|"; "||" for none). */
export function barList(column: Prisma.Sql) {
  const joined = isPostgres
    ? Prisma.sql`string_agg(${column}, '|' ORDER BY ${column})`
    : Prisma.sql`group_concat(${column}, '|' ORDER BY ${column})`;
  return Prisma.sql`'|' || COALESCE(${joined}, '') || '|'`;
}

/** A clock's UTC offset from an instant on (until the next change). */
export type OffsetChange = { at: Date; minutes: number };

/**
 * The calendar day ("2026-09-14") of a stored instant on a clock with these offsets, newest change first; the last
 * entry's offset holds for everything before it. The offset is one CASE split in halves by instant (a century of
 * summer times is about 200 changes: 8 comparisons a row, not 200). Instants and offsets are computed numbers,
 * written inline.
 */
export function dayOnClock(column: Prisma.Sql, changes: OffsetChange[]) {
  if (column.values.length) throw new Error("dayOnClock takes a column, not a value");
  const instant = (at: Date) =>
    isPostgres ? `TIMESTAMP '${at.toISOString().replace("T", " ").replace("Z", "")}'` : `'${sqlDate(at)}'`;
  const oldestFirst = [...changes].reverse();
  // The offset in force for instants from oldestFirst[from] up to (not including) oldestFirst[to].
  const offset = (from: number, to: number): string => {
    if (to - from === 1) return String(oldestFirst[from].minutes);
    const middle = Math.floor((from + to) / 2);
    return `CASE WHEN ${column.sql} >= ${instant(oldestFirst[middle].at)} THEN ${offset(middle, to)} ELSE ${offset(from, middle)} END`;
  };
  const minutes = oldestFirst.length ? offset(0, oldestFirst.length) : "0";
  return isPostgres
    ? Prisma.sql`to_char(${column} + (${Prisma.raw(minutes)}) * INTERVAL '1 minute', 'YYYY-MM-DD')`
    : Prisma.sql`date(${column}, (${Prisma.raw(minutes)}) || ' minutes')`;
}

/**
 * A join whose left side the planner must read first. SQLite keeps the written order for CROSS JOIN; the queries
 * that use it walk an index on the left table in the order the page wants, where a plain JOIN would sort.
 * PostgreSQL has no `CROSS JOIN … ON` and plans the order itself.
 */
export let FORCED_JOIN = Prisma.raw("CROSS JOIN");

/** Chooses the dialect; db.server.ts calls it with the configured database before the first query. */
export function chooseSqlDialect(provider: "sqlite" | "postgresql") {
  isPostgres = provider === "postgresql";
  FORCED_JOIN = Prisma.raw(isPostgres ? "JOIN" : "CROSS JOIN");
}

/**
 * A row's stable tie-breaker and page key, as SQL text for the table alias: SQLite's rowid (the insertion order, and
 * the cheapest key there), PostgreSQL's primary key (it has no rowid).
 */
export function rowKey(alias: string) {
  return isPostgres ? `${alias}."id"` : `${alias}.rowid`;
}

/**
 * `column IN (subquery)` for a small set built once. PostgreSQL gets `= ANY (ARRAY(subquery))`: with IN it may walk
 * a sort index and probe the subquery's tables once per row (it expects matches spread evenly; /interviews?reason=
 * walked 250,000 interviews that way, 1.5 s), while an array computed first is read through the primary key.
 */
export function inSet(column: Prisma.Sql, subquery: Prisma.Sql) {
  return isPostgres ? Prisma.sql`${column} = ANY (ARRAY(${subquery}))` : Prisma.sql`${column} IN (${subquery})`;
}

/** The full-text indexes. SQLite: FTS5 tables whose rowid is their source row's rowid; PostgreSQL: pg_trgm indexes. */
export type SearchIndex = "CandidateSearch" | "CompanySearch" | "InterviewSearch";

/**
 * The row keys (column `rid`, comparable with rowKey) of the source rows whose indexed text contains every term
 * (each 3+ characters), as a subquery.
 * SQLite: an FTS5 trigram MATCH; each term becomes a quoted phrase, so `*`, `"`, `NEAR(`, `AND` or `:` typed by a
 * user are text to find, never query syntax.
 * PostgreSQL: `LIKE` over folded text (lower case, no accents) read through the pg_trgm GIN indexes of the baseline
 * migration; the expressions here must stay those of the indexes, or the planner scans.
 */
export function textSearchRowids(index: SearchIndex, terms: readonly string[]) {
  if (isPostgres) {
    switch (index) {
      case "CandidateSearch":
        return Prisma.sql`SELECT s."id" AS rid FROM "Candidate" s WHERE ${pgRowMatches(index, "s", terms)}`;
      case "CompanySearch":
        return Prisma.sql`SELECT s."id" AS rid FROM "Company" s WHERE ${pgRowMatches(index, "s", terms)}`;
      case "InterviewSearch":
        // The interview's own words (the candidate's name and the role), kept on the interview by triggers
        // (migrations 20261201004000_interview_search_text, 20261201031500_interview_search_own_words) as SQLite's
        // InterviewSearch is: every term reads the same trigram index, and the terms intersect inside it. The
        // company's name is searched in CompanySearch (app/models/search/interview-search.server.ts).
        return Prisma.sql`SELECT s."id" AS rid FROM "Interview" s WHERE ${pgRowMatches(index, "s", terms)}`;
    }
  }
  const match = terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(" AND ");
  const table = Prisma.raw(`"${index}"`);
  return Prisma.sql`SELECT rowid AS rid FROM ${table} WHERE ${table} MATCH ${match}`;
}

/**
 * `alias` (a Candidate or an Interview row) matches every term, as a WHERE term. PostgreSQL tests the row itself, so
 * the planner can walk a sort index and test each row, or read the trigram index, whichever is cheaper; through
 * `id IN (…)` it looked each walked row up a second time (/candidates?q=patel at a million: 134 against 42 ms), or
 * hashed the whole table to count the matches (/interviews?q=silva at 100,000: 30 ms).
 */
export function rowMatchesSql(index: "CandidateSearch" | "InterviewSearch", alias: string, terms: readonly string[]) {
  if (!isPostgres) return Prisma.sql`${Prisma.raw(rowKey(alias))} IN (${textSearchRowids(index, terms)})`;
  return pgRowMatches(index, alias, terms);
}

/** PostgreSQL: each index's text expression (the one its trigram index is built on) LIKE every folded term. */
function pgRowMatches(index: SearchIndex, alias: string, terms: readonly string[]) {
  const text = {
    CandidateSearch: `rebound_candidate_search(${alias}."name", ${alias}."email", ${alias}."phone")`,
    CompanySearch: `rebound_fold(${alias}."name")`,
    InterviewSearch: `${alias}."searchText"`,
  }[index];
  return Prisma.join(terms.map((t) => Prisma.sql`${Prisma.raw(text)} LIKE rebound_fold(${containsPattern(t)})`), " AND ");
}

/**
 * ORDER BY's direction with SQLite's placement of NULLs (smallest: first ascending, last descending), which
 * PostgreSQL reverses by default; both databases then sort a table the same way. Only a nullable column needs the
 * NULLS clause: PostgreSQL's default indexes can't serve an order that names one, so a NOT NULL column (nullable
 * false) gets the bare direction and its index is walked; a nullable one needs an index built `NULLS FIRST`.
 */
export function sortDirection(direction: "asc" | "desc", nullable = true) {
  if (!isPostgres || !nullable) return direction === "desc" ? "DESC" : "ASC";
  return direction === "desc" ? "DESC NULLS LAST" : "ASC NULLS FIRST";
}

/**
 * Claims rows in one statement: `due` selects the ids to take (with its ORDER BY and LIMIT), `set` what a claim
 * writes. SQLite: `UPDATE … WHERE id IN (due)`, atomic because its writes are serialised. PostgreSQL: the same update
 * would let two instances claim one row (the subquery sees rows another claim is still taking), so the due rows are
 * locked as they are chosen and rows another claim holds are skipped: 0 double claims with 4 workers.
 */
export function claimRows(table: "Job" | "EmailMessage", due: Prisma.Sql, set: Prisma.Sql, returning: Prisma.Sql) {
  const t = Prisma.raw(`"${table}"`);
  if (isPostgres) {
    return Prisma.sql`WITH due("dueId") AS (${due} FOR UPDATE SKIP LOCKED)
      UPDATE ${t} SET ${set} FROM due WHERE ${t}."id" = due."dueId" RETURNING ${returning}`;
  }
  return Prisma.sql`UPDATE ${t} SET ${set} WHERE "id" IN (${due}) RETURNING ${returning}`;
}

/**
 * Locks one row until the transaction ends, so a rule checked inside it ("not flagged yet") still holds when it
 * writes: a second transaction asking for the same lock waits, then sees the first one's rows. PostgreSQL only;
 * SQLite runs one writing transaction at a time already. Null when there is nothing to run.
 * `FOR NO KEY UPDATE`, not `FOR UPDATE`: lockers still exclude each other (and plain UPDATEs of the row), but rows
 * that merely reference it (an audit event, an email naming the candidate) can be inserted meanwhile, so a writer
 * that took no lock never waits on one, and can't deadlock with one, over a foreign key.
 */
export function lockRow(table: "Interview" | "Candidate" | "InterviewFlag" | "User" | "Agency", id: string | number) {
  return isPostgres ? Prisma.sql`SELECT 1 FROM ${Prisma.raw(`"${table}"`)} WHERE "id" = ${id} FOR NO KEY UPDATE` : null;
}

/** `FOR UPDATE` after a SELECT on PostgreSQL; nothing on SQLite, whose writes are serialised anyway. */
export function forUpdate() {
  return isPostgres ? Prisma.raw("FOR UPDATE") : Prisma.empty;
}

/**
 * Locks the candidate row an interview belongs to, until the transaction ends: the one lock every check-then-write on
 * a candidate's records takes first (app/models/candidates/candidate-lock.server.ts). PostgreSQL only, as lockRow.
 */
export function lockCandidateOfInterview(interviewId: string) {
  return isPostgres
    ? Prisma.sql`SELECT c."id" FROM "Candidate" c WHERE c."id" = (SELECT i."candidateId" FROM "Interview" i WHERE i."id" = ${interviewId}) FOR NO KEY UPDATE OF c`
    : null;
}

/**
 * Locks every active manager's row, so "at least one active manager stays" holds when two managers are deactivated or
 * demoted at once: the second waits, and its count no longer includes the first. PostgreSQL only, as lockRow.
 */
export function lockActiveManagers() {
  return isPostgres ? Prisma.sql`SELECT "id" FROM "User" WHERE "role" = 'manager' AND "active" = true ORDER BY "id" FOR NO KEY UPDATE` : null;
}

/**
 * A lock on a name until the transaction ends (PostgreSQL's transaction advisory lock), for a rule about a row that
 * doesn't exist yet ("create version 1 unless there is one"): a unique violation inside a PostgreSQL transaction
 * aborts all of it, so the losing side must wait and see the row instead. `shared`: many holders at once, none while
 * someone holds it alone. Run it with $executeRaw (it returns void).
 */
export function lockName(name: "default-playbook" | "stats-rollups", { shared = false } = {}) {
  if (!isPostgres) return null;
  const key = `rebound:${name}`;
  return shared ? Prisma.sql`SELECT pg_advisory_xact_lock_shared(hashtext(${key}))` : Prisma.sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
}
