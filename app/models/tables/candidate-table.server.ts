// The /candidates table: one page of candidates filtered and sorted in the database, the CSV export of the same
// rows, and the bulk "reassign to recruiter" action.
//
// Raw SQL (parameterised Prisma.sql) because the page must sort on an index and page through it cheaply: ordering by
// the index column plus rowid lets SQLite walk the index instead of sorting 100,000 rows, and the page's rowids are
// picked first so OFFSET skips index entries, not joined rows. Prisma's query API can express neither.
import type { StaffActor } from "~/models/audit/events";
import { Prisma } from "~/.generated/prisma/client";
import { createHmac, timingSafeEqual } from "node:crypto";
import { recordAudit } from "~/models/audit/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { RuleViolation } from "~/utils/errors.server";
import { parseLocalDate } from "~/utils/dates";
import { filterParam, parseFilters, parseTableState, type TableState } from "~/utils/table-params";
import { candidateSql, type CandidateScope } from "../candidates/candidate-access.server";
import { reassignCandidateInTx } from "../candidates/candidate-profile.server";
import { lockCandidates } from "../candidates/candidate-lock.server";
import { candidateStatuses } from "../enums";
import { candidateTable, type CandidateColumn } from "./table-columns";
import { FORCED_JOIN, readDate, rowKey, rowMatchesSql, sqlDate } from "~/utils/sql-dialect.server";
import { parseSearchText } from "../search/search-text";
import { cappedCount, nullable, orderBy, walkPays, whereAll, type SortTerm } from "./table-sql.server";

const filterShape = {
  // Text search over name, email and phone (app/models/search/search-text.ts says what it means).
  q: filterParam.text(1000),
  recruiter: filterParam.id(),
  status: filterParam.oneOf(candidateStatuses.values),
  flagged: filterParam.flag(),
  company: filterParam.id(),
  from: filterParam.date(),
  to: filterParam.date(),
};
export type CandidateFilters = ReturnType<typeof parseCandidateFilters>;

export function parseCandidateFilters(params: URLSearchParams) {
  return parseFilters(params, filterShape);
}

/** Table state and filters of /candidates from its URL; bad values fall back to defaults. */
export function parseCandidateQuery(params: URLSearchParams) {
  return { state: parseTableState(params, candidateTable), filters: parseCandidateFilters(params) };
}

/** A parsed query plus whose candidates it may see (app/models/candidate-access.server.ts; absent: all). */
export type CandidateQuery = ReturnType<typeof parseCandidateQuery> & { scope?: CandidateScope };

// Each sort ends in rowid, which every SQLite index carries, so ties are stable across pages and still index-ordered.
// Nullable columns are marked (table-sql.server.ts): PostgreSQL reads them through its NULLS FIRST indexes.
const sortTerms: Record<CandidateColumn, readonly SortTerm[]> = {
  name: ['c."name"', rowKey("c")],
  email: ['c."email"'],
  phone: [nullable('c."phone"'), rowKey("c")],
  // Unfiltered: users first (CROSS JOIN keeps that loop order) so, given an index on User(name), no sort at all.
  recruiter: ['u."name"', rowKey("u"), 'c."name"', rowKey("c")],
  status: ['c."status"', rowKey("c")],
  lastInterviewAt: [nullable('c."lastInterviewAt"'), rowKey("c")],
  openFlagCount: ['c."openFlagCount"', nullable('c."lastInterviewAt"'), rowKey("c")],
  createdAt: ['c."createdAt"', rowKey("c")],
};

/**
 * The WHERE terms. `walk`: the company and date filters test each candidate read (EXISTS), for a walk of the name
 * index that stops at the page (walksInterviews); otherwise they build the set of candidates once (IN).
 */
function conditions(filters: CandidateFilters, timeZone: string, scope: CandidateScope = null, walk = false) {
  const where: Prisma.Sql[] = [];
  const visible = candidateSql(scope, "c");
  if (visible) where.push(visible);
  // The search's own index and rules (name, email or phone; app/models/search/search-text.ts): a substring LIKE read
  // every candidate. Too short or too long a text is reported at the field by the page and filters nothing.
  const search = parseSearchText(filters.q);
  if (search.kind === "terms") where.push(rowMatchesSql("CandidateSearch", "c", search.terms));
  if (filters.recruiter) where.push(Prisma.sql`c."recruiterId" = ${filters.recruiter}`);
  if (filters.status) where.push(Prisma.sql`c."status" = ${filters.status}`);
  if (filters.flagged) where.push(Prisma.sql`c."openFlagCount" > 0`);
  // Company and date range describe one interview: "had an interview with Acme in March".
  const from = filters.from ? parseLocalDate(filters.from, timeZone) : null;
  const to = filters.to ? parseLocalDate(filters.to, timeZone, { end: true }) : null;
  if (filters.company || from || to) {
    const inner: Prisma.Sql[] = [];
    if (filters.company) inner.push(Prisma.sql`i."companyId" = ${filters.company}`);
    if (from) inner.push(Prisma.sql`i."scheduledAt" >= ${sqlDate(from)}`);
    if (to) inner.push(Prisma.sql`i."scheduledAt" <= ${sqlDate(to)}`);
    // IN (…) builds the set of candidates once from the covering (companyId, scheduledAt, candidateId) or the
    // (scheduledAt) index; EXISTS reads each walked candidate's interviews by (companyId, candidateId).
    where.push(
      walk
        ? Prisma.sql`EXISTS (SELECT 1 FROM "Interview" i WHERE i."candidateId" = c."id" AND ${Prisma.join(inner, " AND ")})`
        : Prisma.sql`c."id" IN (SELECT i."candidateId" FROM "Interview" i ${whereAll(inner)})`,
    );
  }
  return where;
}

/**
 * sort=name under "had an interview" filters (a company, dates): walk the name index and test each candidate's
 * interviews, instead of sorting every match (the busiest company's year at a million: 20,000 candidates sorted per
 * page, 283 ms of SQL; walked, 12 ms). For the first pages of a large match only (walkPays): a small company's few
 * candidates would have the walk read every candidate.
 */
const walksInterviews = (query: CandidateQuery) =>
  query.state.sort === "name" && Boolean(query.filters.company || query.filters.from || query.filters.to);

function pageRowids(query: CandidateQuery, timeZone: string, limit: number, offset: number, walk = false) {
  const { state, filters } = query;
  const where = conditions(filters, timeZone, query.scope, walk);
  // With filters, SQLite picks the join order: forcing users first could probe a filter index once per user.
  const from =
    state.sort !== "recruiter"
      ? Prisma.sql`"Candidate" c`
      : where.length
        ? Prisma.sql`"Candidate" c JOIN "User" u ON u."id" = c."recruiterId"`
        : Prisma.sql`"User" u ${FORCED_JOIN} "Candidate" c ON c."recruiterId" = u."id"`;
  return Prisma.sql`
    SELECT ${Prisma.raw(rowKey("c"))} AS rid FROM ${from}
    ${whereAll(where)}
    ${orderBy(sortTerms[state.sort], state.direction)}
    LIMIT ${limit} OFFSET ${offset}`;
}

/** The statement that picks a page's row keys, as the page runs it (for plan checks: tests, bench). */
export function candidatePageSql(query: CandidateQuery, timeZone: string, offset: number, total: number | null = null) {
  return pageRowids(query, timeZone, query.state.pageSize, offset, walksInterviews(query) && walkPays(offset, total));
}

type RawCandidateRow = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  status: string;
  lastInterviewAt: unknown;
  openFlagCount: number | bigint;
  createdAt: unknown;
  recruiterId: string;
  recruiterName: string;
};

export type CandidateRow = {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  status: string;
  lastInterviewAt: Date | null;
  openFlagCount: number;
  createdAt: Date;
  recruiterId: string;
  recruiterName: string;
};

async function fetchRows(query: CandidateQuery, timeZone: string, limit: number, offset: number, total: number | null) {
  const walk = walksInterviews(query) && walkPays(offset, total);
  const raw = await prisma.$queryRaw<RawCandidateRow[]>`
    SELECT c."id", c."name", c."email", c."phone", c."status", c."lastInterviewAt", c."openFlagCount",
      c."createdAt", c."recruiterId", u."name" AS "recruiterName"
    FROM (${pageRowids(query, timeZone, limit, offset, walk)}) p
    ${FORCED_JOIN} "Candidate" c ON ${Prisma.raw(rowKey("c"))} = p.rid
    JOIN "User" u ON u."id" = c."recruiterId"
    ${orderBy(sortTerms[query.state.sort], query.state.direction)}`;
  return raw.map(
    (r): CandidateRow => ({
      id: r.id,
      name: r.name,
      email: r.email,
      phone: r.phone,
      status: r.status,
      lastInterviewAt: readDate(r.lastInterviewAt),
      openFlagCount: Number(r.openFlagCount),
      createdAt: readDate(r.createdAt) ?? new Date(0),
      recruiterId: r.recruiterId,
      recruiterName: r.recruiterName,
    }),
  );
}

/** How many candidates match, counted up to the end of the page or COUNT_CAP (table-sql.server.ts). */
function countCandidates(query: CandidateQuery, timeZone: string, pageEnd: number) {
  return cappedCount(Prisma.sql`"Candidate" c ${whereAll(conditions(query.filters, timeZone, query.scope))}`, pageEnd);
}

/**
 * One page of candidates and how many match (`exact` false: more than `total`). A page past the end shows the last
 * page instead (a link kept from when there were more rows still lands somewhere useful).
 */
export async function listCandidates(query: CandidateQuery, timeZone: string) {
  const { page, pageSize } = query.state;
  const offset = (page - 1) * pageSize;
  // The count first only where it picks the query's shape (walksInterviews).
  const [{ total, exact }, rows] = walksInterviews(query)
    ? await countCandidates(query, timeZone, offset + pageSize).then(
        async (count) => [count, await fetchRows(query, timeZone, pageSize, offset, count.total)] as const,
      )
    : await Promise.all([countCandidates(query, timeZone, offset + pageSize), fetchRows(query, timeZone, pageSize, offset, null)]);
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  // Not exact: more rows than the page's end, so the page exists.
  if (!exact || page <= lastPage) return { rows, total, exact, page };
  const state: TableState<CandidateColumn> = { ...query.state, page: lastPage };
  return { rows: await fetchRows({ ...query, state }, timeZone, pageSize, (lastPage - 1) * pageSize, total), total, exact, page: lastPage };
}

export const CSV_BATCH_SIZE = 1000;

/** Every matching candidate in table order, a batch at a time, for the streamed CSV export. */
export async function* candidatesCsv(query: CandidateQuery, timeZone: string, batchSize = CSV_BATCH_SIZE) {
  for (let offset = 0; ; offset += batchSize) {
    const rows = await fetchRows(query, timeZone, batchSize, offset, null);
    yield* rows;
    if (rows.length < batchSize) return;
  }
}



/**
 * Gives the selected candidates to another recruiter in one transaction, each exactly as the profile's "Change
 * recruiter" does (audited, open work moves along). Candidates already with that recruiter are left alone.
 * The page goes through planReassign and confirmReassign; this is the move itself.
 */
export async function reassignCandidates(
  input: { candidateIds: string[]; recruiterId: string },
  actor: StaffActor,
) {
  return moveCandidates(input, actor, null);
}

/**
 * Bulk reassign, step 2: the move the user confirmed. `confirmation` comes from planReassign and is only valid while
 * the selection, the target and every candidate's owner are what the user was shown; without it nothing moves.
 */
export async function confirmReassign(
  input: { candidateIds: string[]; recruiterId: string; confirmation?: string },
  actor: StaffActor,
) {
  return moveCandidates(input, actor, input.confirmation ?? "");
}

async function activeRecruiter(recruiterId: string) {
  const recruiter = await prisma.user.findFirst({ where: { id: recruiterId, active: true }, select: { id: true, name: true } });
  if (!recruiter) throw new RuleViolation("Choose an active recruiter.", "recruiterId");
  return recruiter;
}

type Owned = { id: string; recruiterId: string };

async function selectedCandidates(db: Pick<Tx, "candidate">, ids: string[]) {
  const candidates = await db.candidate.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, recruiterId: true, recruiter: { select: { name: true } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  if (candidates.length !== ids.length) {
    throw new RuleViolation("Some of the selected candidates no longer exist. Reload the page and try again.");
  }
  return candidates;
}

/** Binds a confirmation to who asked, the target and each candidate's owner at review time. */
function confirmationFor(actor: StaffActor, recruiterId: string, candidates: Owned[]) {
  const owners = candidates.map((c) => `${c.id}:${c.recruiterId}`).sort();
  return createHmac("sha256", env.sessionSecrets[0])
    .update(JSON.stringify(["bulk-reassign", actor.userId, recruiterId, owners]))
    .digest("base64url");
}

function sameConfirmation(given: string, expected: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Bulk reassign, step 1: what would move, grouped by current owner ("2 of Jamie Osei's candidates"), what already
 * belongs to the target, and the confirmation the second step must carry.
 */
export async function planReassign(input: { candidateIds: string[]; recruiterId: string }, actor: StaffActor) {
  const recruiter = await activeRecruiter(input.recruiterId);
  const candidates = await selectedCandidates(prisma, [...new Set(input.candidateIds)]);
  const groups = new Map<string, { ownerId: string; ownerName: string; candidates: { id: string; name: string }[] }>();
  for (const c of candidates) {
    if (c.recruiterId === recruiter.id) continue;
    const group = groups.get(c.recruiterId) ?? { ownerId: c.recruiterId, ownerName: c.recruiter.name, candidates: [] };
    group.candidates.push({ id: c.id, name: c.name });
    groups.set(c.recruiterId, group);
  }
  const moving = [...groups.values()].sort((a, b) => a.ownerName.localeCompare(b.ownerName));
  return {
    recruiter,
    toSelf: recruiter.id === actor.userId,
    moving,
    unchanged: candidates.filter((c) => c.recruiterId === recruiter.id).map((c) => ({ id: c.id, name: c.name })),
    candidateIds: candidates.map((c) => c.id),
    confirmation: confirmationFor(actor, recruiter.id, candidates),
  };
}
export type ReassignPlan = Awaited<ReturnType<typeof planReassign>>;

async function moveCandidates(input: { candidateIds: string[]; recruiterId: string }, actor: StaffActor, confirmation: string | null) {
  const recruiter = await activeRecruiter(input.recruiterId);
  const ids = [...new Set(input.candidateIds)];
  return prisma.$transaction(async (tx) => {
    // The confirmation compares owners read here: lock them so a move or edit at the same moment can't change them.
    await lockCandidates(tx, ids);
    const candidates = await selectedCandidates(tx, ids);
    if (confirmation !== null && !sameConfirmation(confirmation, confirmationFor(actor, recruiter.id, candidates))) {
      throw new RuleViolation(
        confirmation
          ? "These candidates changed since you reviewed the move. Review it again."
          : "Review the move first: choose “Reassign selected” and confirm who moves.",
      );
    }
    const moving = candidates.filter((c) => c.recruiterId !== recruiter.id);
    for (const c of moving) await reassignCandidateInTx(tx, c.id, recruiter.id, actor);
    // One event per previous owner, about them, so they can be told what left their list (and by whom).
    const byOwner = new Map<string, typeof moving>();
    for (const c of moving) byOwner.set(c.recruiterId, [...(byOwner.get(c.recruiterId) ?? []), c]);
    for (const [previousOwnerId, theirs] of byOwner) {
      await recordAudit(tx, {
        actor,
        action: "candidates.bulk_reassigned",
        entityId: previousOwnerId,
        after: {
          previousOwnerId,
          toRecruiterId: recruiter.id,
          toRecruiterName: recruiter.name,
          candidateIds: theirs.map((c) => c.id),
          count: theirs.length,
        },
      });
    }
    return { moved: moving.length, unchanged: candidates.length - moving.length, recruiter };
  });
}
