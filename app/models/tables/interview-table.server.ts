// The /interviews table: one page of interviews filtered and sorted in the database, and the CSV export of the
// same rows.
//
// Raw SQL (parameterised Prisma.sql), as for candidates: sorting on an index plus rowid, and joining names onto
// only the page's rowids, keeps a deep page of 250,000 interviews cheap; Prisma's query API can express neither.
import { Prisma } from "~/.generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { parseLocalDate } from "~/utils/dates";
import { filterParam, parseFilters, parseTableState } from "~/utils/table-params";
import { candidateIdSql, candidateSql, type CandidateScope } from "../candidates/candidate-access.server";
import { flagReasons, flagSeverities, impressions, interviewRounds } from "../enums";
import { interviewTable, type InterviewColumn } from "./table-columns";
import { FORCED_JOIN, inSet, isPostgres, readDate, rowKey, sqlDate } from "~/utils/sql-dialect.server";
import { parseSearchText } from "../search/search-text";
import { interviewSearchSql, resolveInterviewSearch, searchedCompanies, type InterviewSearch } from "../search/interview-search.server";
import { cappedCount, nullable, orderBy, walkPays, whereAll, type SortTerm } from "./table-sql.server";
import { recoveryProgress, recoveryStages } from "../stats/recovery-filters";
import { completionSql, progressSql, stageSql } from "../stats/recovery-sql.server";
import { completionBuckets } from "../stats/stats-tables";

const filterShape = {
  // Text search over candidate, company and role (app/models/search/search-text.ts says what it means).
  q: filterParam.text(1000),
  flagged: filterParam.flag(),
  severity: filterParam.oneOf(flagSeverities.values),
  reason: filterParam.oneOf(flagReasons.values),
  round: filterParam.oneOf(interviewRounds.values),
  impression: filterParam.oneOf(impressions.values),
  recruiter: filterParam.id(),
  company: filterParam.id(),
  from: filterParam.date(),
  to: filterParam.date(),
  // The recovery filters behind every /stats figure (app/models/stats/recovery-filters.ts).
  flaggedFrom: filterParam.date(),
  flaggedTo: filterParam.date(),
  owner: filterParam.id(),
  recovery: filterParam.oneOf(recoveryProgress.values),
  stage: filterParam.oneOf(recoveryStages.values),
  completion: filterParam.oneOf(completionBuckets.values),
};
export type InterviewFilters = ReturnType<typeof parseInterviewFilters>;

export function parseInterviewFilters(params: URLSearchParams) {
  return parseFilters(params, filterShape);
}

/** Table state and filters of /interviews from its URL; bad values fall back to defaults. */
export function parseInterviewQuery(params: URLSearchParams) {
  return { state: parseTableState(params, interviewTable), filters: parseInterviewFilters(params) };
}

/** A parsed query plus whose candidates' interviews it may see (app/models/candidate-access.server.ts; absent: all). */
export type InterviewQuery = ReturnType<typeof parseInterviewQuery> & { scope?: CandidateScope };

/** A query whose text search has been looked up (interview-search.server.ts); null: no search (or one too short). */
type SearchedQuery = InterviewQuery & { search: InterviewSearch | null };

async function withSearch(query: InterviewQuery): Promise<SearchedQuery> {
  // Too short or too long a text is reported at the field by the page and filters nothing.
  const text = parseSearchText(query.filters.q);
  return { ...query, search: text.kind === "terms" ? await resolveInterviewSearch(text.terms) : null };
}

// Each sort follows one index (its column(s), then scheduledAt, then the rowid every index carries). Unfiltered name
// sorts loop over candidates/companies/users in name order and each one's interviews by date (CROSS JOIN fixes that
// loop order); with filters SQLite is left to pick, since forcing that order could probe a filter index per name.
// flagSeverity is the one nullable column (PostgreSQL reads it through a NULLS FIRST index, table-sql.server.ts).
const sortTerms: Record<InterviewColumn, readonly SortTerm[]> = {
  scheduledAt: ['i."scheduledAt"', rowKey("i")],
  candidate: ['c."name"', rowKey("c"), 'i."scheduledAt"', rowKey("i")],
  company: ['co."name"', 'i."scheduledAt"', rowKey("i")],
  roleTitle: ['i."roleTitle"', rowKey("i")],
  round: ['i."round"', 'i."scheduledAt"', rowKey("i")],
  format: ['i."format"', 'i."scheduledAt"', rowKey("i")],
  impression: ['i."impression"', 'i."scheduledAt"', rowKey("i")],
  flagSeverity: [nullable('i."flagSeverity"'), 'i."scheduledAt"', rowKey("i")],
  recruiter: ['u."name"', rowKey("u"), 'i."scheduledAt"', rowKey("i")],
};

const nameSorts: Partial<Record<InterviewColumn, { walk: Prisma.Sql; join: Prisma.Sql }>> = {
  candidate: {
    walk: Prisma.sql`"Candidate" c ${FORCED_JOIN} "Interview" i ON i."candidateId" = c."id"`,
    join: Prisma.sql`"Interview" i JOIN "Candidate" c ON c."id" = i."candidateId"`,
  },
  company: {
    walk: Prisma.sql`"Company" co ${FORCED_JOIN} "Interview" i ON i."companyId" = co."id"`,
    join: Prisma.sql`"Interview" i JOIN "Company" co ON co."id" = i."companyId"`,
  },
  recruiter: {
    walk: Prisma.sql`"User" u ${FORCED_JOIN} "Interview" i ON i."recruiterId" = u."id"`,
    join: Prisma.sql`"Interview" i JOIN "User" u ON u."id" = i."recruiterId"`,
  },
};

/**
 * How the reason filter is written: "set", the interviews whose current flag gives the reason, built once from the
 * FlagReason(reason) index; "each", a test of each interview a date walk reads (reasonWalk); "joined", left out
 * because the query starts from the reason's flags (the count).
 */
type ReasonAs = "set" | "each" | "joined";

// No flagged interview is later than the latest flagged interview of some severity: a date walk for a reason starts
// there instead of reading every unflagged interview scheduled after it (the upcoming ones). Three index seeks.
const latestFlagged = Prisma.sql`(SELECT MAX(m) FROM (${Prisma.join(
  flagSeverities.values.map((v) => Prisma.sql`SELECT MAX("scheduledAt") AS m FROM "Interview" WHERE "flagSeverity" = ${v}`),
  " UNION ALL ",
)}) latest)`;

/**
 * The WHERE terms. `onCandidate`: the query joins the interview's candidate as c, so "whose candidate" filters (scope,
 * owner) test c."recruiterId" directly, which the Candidate(recruiterId, name) index serves in name order.
 */
function conditions(
  { filters, scope = null, search }: SearchedQuery,
  timeZone: string,
  options: { onCandidate?: boolean; onCompany?: boolean; reasonAs?: ReasonAs; searchFirst?: boolean } = {},
) {
  const { onCandidate = false, onCompany = false, reasonAs = "set", searchFirst = false } = options;
  const where: Prisma.Sql[] = [];
  const visible = onCandidate ? candidateSql(scope, "c") : candidateIdSql(scope, 'i."candidateId"');
  if (visible) where.push(visible);
  // A walk of companies (joined as co, SQLite only) under a search that only names companies visits just those,
  // tested on the company alone: the unary + keeps SQLite on the name index (the walk's order), where an id lookup of
  // the few companies (or the same list on i, which SQLite carries over the join) would sort all their interviews.
  const named = onCompany && !isPostgres ? searchedCompanies(search) : null;
  if (named?.length) where.push(Prisma.sql`+co."id" IN (${Prisma.join(named)})`);
  // searchFirst: the own-words matches are collected before the page's sort (see pageRowids).
  else if (search) where.push(...interviewSearchSql(search, { collectFirst: searchFirst }));
  if (filters.severity) where.push(Prisma.sql`i."flagSeverity" = ${filters.severity}`);
  else if (filters.flagged) where.push(Prisma.sql`i."flagSeverity" IS NOT NULL`);
  if (filters.reason && reasonAs === "set") {
    where.push(inSet(Prisma.sql`i."id"`, Prisma.sql`
      SELECT f."interviewId" FROM "FlagReason" r JOIN "InterviewFlag" f ON f."id" = r."flagId"
      WHERE r."reason" = ${filters.reason} AND f."removedAt" IS NULL`));
  } else if (filters.reason && reasonAs === "each") {
    where.push(Prisma.sql`i."scheduledAt" <= ${latestFlagged}`);
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "InterviewFlag" f ${FORCED_JOIN} "FlagReason" r ON r."flagId" = f."id"
      WHERE f."interviewId" = i."id" AND f."removedAt" IS NULL AND r."reason" = ${filters.reason})`);
  }
  if (filters.round) where.push(Prisma.sql`i."round" = ${filters.round}`);
  if (filters.impression) where.push(Prisma.sql`i."impression" = ${filters.impression}`);
  if (filters.recruiter) where.push(Prisma.sql`i."recruiterId" = ${filters.recruiter}`);
  if (filters.company) where.push(Prisma.sql`i."companyId" = ${filters.company}`);
  const from = filters.from ? parseLocalDate(filters.from, timeZone) : null;
  const to = filters.to ? parseLocalDate(filters.to, timeZone, { end: true }) : null;
  if (from) where.push(Prisma.sql`i."scheduledAt" >= ${sqlDate(from)}`);
  if (to) where.push(Prisma.sql`i."scheduledAt" <= ${sqlDate(to)}`);
  // The candidate's recruiter, as /stats counts it (the interview's own recruiter is `recruiter`).
  if (filters.owner && onCandidate) where.push(Prisma.sql`c."recruiterId" = ${filters.owner}`);
  else if (filters.owner) where.push(Prisma.sql`i."candidateId" IN (SELECT "id" FROM "Candidate" WHERE "recruiterId" = ${filters.owner})`);
  const recovery = recoveryConditions(filters, timeZone);
  if (recovery.length) {
    // The interview's current (not removed) flag: its flagged-in range reads the (removedAt, flaggedAt, ...) index.
    where.push(inSet(Prisma.sql`i."id"`, Prisma.sql`SELECT f."interviewId" FROM "InterviewFlag" f
      WHERE f."removedAt" IS NULL AND ${Prisma.join(recovery, " AND ")}`));
  }
  return where;
}

function recoveryConditions(filters: InterviewFilters, timeZone: string) {
  const where: Prisma.Sql[] = [];
  const from = filters.flaggedFrom ? parseLocalDate(filters.flaggedFrom, timeZone) : null;
  const to = filters.flaggedTo ? parseLocalDate(filters.flaggedTo, timeZone, { end: true }) : null;
  if (from) where.push(Prisma.sql`f."flaggedAt" >= ${sqlDate(from)}`);
  if (to) where.push(Prisma.sql`f."flaggedAt" <= ${sqlDate(to)}`);
  if (filters.recovery) where.push(progressSql(filters.recovery));
  if (filters.stage) where.push(stageSql(filters.stage));
  if (filters.completion) where.push(completionSql(filters.completion));
  return where;
}

/**
 * sort=candidate under "whose" filters only: walk candidates in name order instead of sorting every match (a
 * recruiter's 16,000 interviews were a 16,000-row sort per page). Scope and owner (the candidate's recruiter): the
 * Candidate(recruiterId, name) index yields just their candidates, in order, so always. The interview's own
 * recruiter is tested on each walked candidate's interviews, so the walk reads about (offset + page) × all / matching
 * interviews: worth it for the first pages of a large match ("early pages"), not for a few rows or a deep page.
 */
function candidateWalk(query: InterviewQuery): "always" | "early pages" | "never" {
  if (query.state.sort !== "candidate") return "never";
  const { recruiter, owner, ...others } = query.filters;
  if (Object.values(others).some((v) => v !== undefined && v !== false)) return "never";
  if (recruiter) return "early pages";
  return owner || query.scope ? "always" : "never";
}

/**
 * sort=company under filters that match interviews spread across every company (a severity, dates, the round, the
 * impression, flagged): walk companies in name order and each one's interviews by date, testing the filters on
 * each, instead of sorting every match (a year's critical interviews at a million: 70,000 rows sorted per page). As
 * for the candidate walk, only for the first pages of a large match. A reason or a search in the interviews' own
 * words can gather their matches in a few companies, where the walk would read every company before them, so those
 * sort; a search that only names companies walks just those companies ("harbor", flagged: 30,000 rows sorted).
 */
const SPREAD_FILTERS: ReadonlySet<string> = new Set(["flagged", "severity", "round", "impression", "from", "to"]);

function companyWalk(query: SearchedQuery): "early pages" | "never" {
  // PostgreSQL chooses the join order itself and already reads this view from its indexes: there the walk only adds
  // its count-first round trip (at a million, 77 ms with it and 63 without, in runs that vary by 30%).
  if (query.state.sort !== "company" || isPostgres) return "never";
  const set = Object.entries(query.filters).filter(([, v]) => v !== undefined && v !== false);
  const spread = (key: string) => SPREAD_FILTERS.has(key) || (key === "q" && searchedCompanies(query.search) !== null);
  return set.length && set.every(([key]) => spread(key)) ? "early pages" : "never";
}

/**
 * A reason in date order (the default view): walk the date index from the latest flagged interview and test each
 * interview's flag, instead of sorting every interview flagged for the reason (at a million, "wrong name" sorted per
 * page: 85 ms on SQLite and 330 ms on PostgreSQL, which reads them by key; walked, 2 and 25 ms). First pages only
 * (REASON_WALK_ROWS).
 */
function reasonWalk(query: InterviewQuery): "early pages" | "never" {
  return query.filters.reason && query.state.sort === "scheduledAt" ? "early pages" : "never";
}

const walkMode = (query: SearchedQuery) =>
  query.state.sort === "company" ? companyWalk(query) : query.filters.reason ? reasonWalk(query) : candidateWalk(query);

// A reason matches about one interview in twenty, so its date walk reads twenty rows per row it skips: past the first
// pages, sorting the reason's interviews is cheaper (page 40 at a million: 550 ms walked on SQLite).
const REASON_WALK_ROWS = 250;

/** Whether the page's shape depends on the count (a walk of the first pages of many matches): then it counts first. */
function mayWalk(query: SearchedQuery, offset: number) {
  return walkMode(query) === "early pages" && (!query.filters.reason || offset < REASON_WALK_ROWS);
}

function walksNames(query: SearchedQuery, offset: number, total: number | null) {
  return walkMode(query) === "always" || (mayWalk(query, offset) && walkPays(offset, total));
}

function pageRowids(query: SearchedQuery, timeZone: string, limit: number, offset: number, walk: boolean) {
  const { state } = query;
  const nameSort = nameSorts[state.sort];
  const reasonAs = walk && !nameSort ? "each" : "set";
  // PostgreSQL, a search in the interviews' own words sorted by a name: left to plan, it walks the names and tests
  // the search on every interview, expecting the matches spread evenly, where they can gather under a few names
  // (11 s at a million, when "harbor" was still read from the text). Collected first, the matches are sorted.
  const searchFirst = isPostgres && Boolean(nameSort);
  const where = conditions(query, timeZone, {
    onCandidate: state.sort === "candidate",
    onCompany: walk && state.sort === "company",
    reasonAs,
    searchFirst,
  });
  // Flagged interviews in date order: the date index is read from the latest flagged interview down, not from the
  // upcoming ones (none flagged yet: at a million, 275,000 rows read before the first match, 0.5-0.8 s).
  if (state.sort === "scheduledAt" && query.filters.flagged && !query.filters.severity) {
    where.push(Prisma.sql`i."scheduledAt" <= ${latestFlagged}`);
  }
  const from = nameSort ? (where.length && !walk ? nameSort.join : nameSort.walk) : Prisma.sql`"Interview" i`;
  return Prisma.sql`
    SELECT ${Prisma.raw(rowKey("i"))} AS rid FROM ${from}
    ${whereAll(where)}
    ${orderBy(sortTerms[state.sort], state.direction)}
    LIMIT ${limit} OFFSET ${offset}`;
}

/** The statement that picks a page's row keys, as the page runs it (for plan checks: tests, bench). */
export async function interviewPageSql(parsed: InterviewQuery, timeZone: string, offset: number, total: number | null) {
  const query = await withSearch(parsed);
  return pageRowids(query, timeZone, query.state.pageSize, offset, walksNames(query, offset, total));
}

type RawInterviewRow = {
  id: string;
  scheduledAt: unknown;
  roleTitle: string;
  round: string;
  format: string;
  impression: string;
  flagSeverity: string | null;
  candidateId: string;
  candidateName: string;
  companyId: string;
  companyName: string;
  recruiterId: string;
  recruiterName: string;
};

export type InterviewRow = Omit<RawInterviewRow, "scheduledAt"> & { scheduledAt: Date };

async function fetchRows(query: SearchedQuery, timeZone: string, limit: number, offset: number, total: number | null) {
  const raw = await prisma.$queryRaw<RawInterviewRow[]>`
    SELECT i."id", i."scheduledAt", i."roleTitle", i."round", i."format", i."impression", i."flagSeverity",
      i."candidateId", c."name" AS "candidateName", i."companyId", co."name" AS "companyName",
      i."recruiterId", u."name" AS "recruiterName"
    FROM (${pageRowids(query, timeZone, limit, offset, walksNames(query, offset, total))}) p
    ${FORCED_JOIN} "Interview" i ON ${Prisma.raw(rowKey("i"))} = p.rid
    JOIN "Candidate" c ON c."id" = i."candidateId"
    JOIN "Company" co ON co."id" = i."companyId"
    JOIN "User" u ON u."id" = i."recruiterId"
    ${orderBy(sortTerms[query.state.sort], query.state.direction)}`;
  return raw.map((r): InterviewRow => ({ ...r, scheduledAt: readDate(r.scheduledAt) ?? new Date(0) }));
}

/** How many interviews match, exactly (the /stats figures link here; tests check they agree). */
export async function countInterviews(query: InterviewQuery, timeZone: string) {
  const [{ total }] = await prisma.$queryRaw<{ total: number | bigint }[]>`
    SELECT COUNT(*) AS total FROM "Interview" i ${whereAll(conditions(await withSearch(query), timeZone))}`;
  return Number(total);
}

/** How many interviews match, counted up to the end of the page or COUNT_CAP (table-sql.server.ts). */
function countPageInterviews(query: SearchedQuery, timeZone: string, pageEnd: number) {
  const { reason } = query.filters;
  if (!reason) return cappedCount(Prisma.sql`"Interview" i ${whereAll(conditions(query, timeZone))}`, pageEnd);
  // From the reason's flags (one current flag per interview), so the count stops at its cap instead of first
  // listing every interview flagged for the reason.
  const onInterview = conditions(query, timeZone, { reasonAs: "joined" });
  const where = [Prisma.sql`r."reason" = ${reason}`, Prisma.sql`f."removedAt" IS NULL`, ...onInterview];
  // Every flag has its interview: joined only when another filter tests it.
  const interview = onInterview.length ? Prisma.sql`${FORCED_JOIN} "Interview" i ON i."id" = f."interviewId"` : Prisma.empty;
  return cappedCount(
    Prisma.sql`"FlagReason" r ${FORCED_JOIN} "InterviewFlag" f ON f."id" = r."flagId" ${interview} ${whereAll(where)}`,
    pageEnd,
  );
}

/**
 * One page of interviews and how many match (`exact` false: more than `total`); a page past the end shows the last
 * page instead.
 */
export async function listInterviews(parsed: InterviewQuery, timeZone: string) {
  const query = await withSearch(parsed);
  const { page, pageSize } = query.state;
  const offset = (page - 1) * pageSize;
  // The count first only where it picks the query's shape (walksNames).
  const [{ total, exact }, rows] =
    mayWalk(query, offset)
      ? await countPageInterviews(query, timeZone, offset + pageSize).then(
          async (count) => [count, await fetchRows(query, timeZone, pageSize, offset, count.total)] as const,
        )
      : await Promise.all([countPageInterviews(query, timeZone, offset + pageSize), fetchRows(query, timeZone, pageSize, offset, null)]);
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  // Not exact: more rows than the page's end, so the page exists.
  if (!exact || page <= lastPage) return { rows, total, exact, page };
  const last = { ...query, state: { ...query.state, page: lastPage } };
  return { rows: await fetchRows(last, timeZone, pageSize, (lastPage - 1) * pageSize, total), total, exact, page: lastPage };
}

/** Every matching interview in table order, a batch at a time, for the streamed CSV export. */
export async function* interviewsCsv(parsed: InterviewQuery, timeZone: string, batchSize = 1000) {
  const query = await withSearch(parsed);
  for (let offset = 0; ; offset += batchSize) {
    const rows = await fetchRows(query, timeZone, batchSize, offset, null);
    yield* rows;
    if (rows.length < batchSize) return;
  }
}

