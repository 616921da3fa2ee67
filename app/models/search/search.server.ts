// Search across the agency: candidates by name, email or phone and companies by name, from the full-text indexes
// (docs/decisions/011-search.md). Used by the header's type-ahead and the /search page.
import { Prisma } from "~/.generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { FORCED_JOIN, rowKey, textSearchRowids } from "~/utils/sql-dialect.server";
import { candidateIdSql, candidateSql, type CandidateScope } from "../candidates/candidate-access.server";
import { COUNT_CAP, SEARCH_MAX_COMPANIES, SEARCH_PAGE_SIZE, parseSearchText } from "./search-text";

export type CandidateHit = { id: string; name: string; email: string; phone: string | null; ownerName: string };
export type CompanyHit = { id: string; name: string; interviewCount: number };


/**
 * Candidates matching every term, newest first. The FTS index is read first (CROSS JOIN keeps that order) and walked
 * in rowid order, so a LIMIT stops it early even when a short term matches most of the agency.
 */
function candidatesSql(terms: string[], scope: CandidateScope) {
  const visible = candidateSql(scope, "c");
  return Prisma.sql`
    FROM (${textSearchRowids("CandidateSearch", terms)}) s
    ${FORCED_JOIN} "Candidate" c ON ${Prisma.raw(rowKey("c"))} = s.rid
    ${visible ? Prisma.sql`WHERE ${visible}` : Prisma.empty}`;
}

async function findCandidates(terms: string[], scope: CandidateScope, limit: number, offset: number) {
  // The owner's name is joined onto the page's rows only.
  return prisma.$queryRaw<CandidateHit[]>`
    SELECT p."id", p."name", p."email", p."phone", u."name" AS "ownerName"
    FROM (SELECT c."id", c."name", c."email", c."phone", c."recruiterId", s.rid
      ${candidatesSql(terms, scope)}
      ORDER BY s.rid DESC
      LIMIT ${limit} OFFSET ${offset}) p
    JOIN "User" u ON u."id" = p."recruiterId"
    ORDER BY p.rid DESC`;
}

async function countCandidates(terms: string[], scope: CandidateScope) {
  const [{ total }] = await prisma.$queryRaw<{ total: number | bigint }[]>`
    SELECT COUNT(*) AS total FROM (SELECT 1 ${candidatesSql(terms, scope)} LIMIT ${COUNT_CAP + 1}) capped`;
  return Number(total);
}

async function findCompanies(terms: string[], scope: CandidateScope, limit: number) {
  // Interview counts follow who may see which candidates, like every other count.
  const visible = candidateIdSql(scope, 'i."candidateId"');
  const rows = await prisma.$queryRaw<{ id: string; name: string; interviewCount: number | bigint }[]>`
    SELECT co."id", co."name",
      (SELECT COUNT(*) FROM "Interview" i WHERE i."companyId" = co."id" ${visible ? Prisma.sql`AND ${visible}` : Prisma.empty}) AS "interviewCount"
    FROM (${textSearchRowids("CompanySearch", terms)}) s
    ${FORCED_JOIN} "Company" co ON ${Prisma.raw(rowKey("co"))} = s.rid
    ORDER BY co."name"
    LIMIT ${limit}`;
  return rows.map((r): CompanyHit => ({ ...r, interviewCount: Number(r.interviewCount) }));
}

/** The header's type-ahead: a few of each, no counts. */
export async function quickSearch(q: string | null, scope: CandidateScope, limits = { candidates: 6, companies: 3 }) {
  const parsed = parseSearchText(q);
  if (parsed.kind !== "terms") return { parsed, candidates: [], companies: [] };
  const [candidates, companies] = await Promise.all([
    findCandidates(parsed.terms, scope, limits.candidates, 0),
    findCompanies(parsed.terms, scope, limits.companies),
  ]);
  return { parsed, candidates, companies };
}


/** The /search page: one page of candidates with their count (capped), and the matching companies. */
export async function searchEverything(q: string | null, scope: CandidateScope, page = 1) {
  const parsed = parseSearchText(q);
  if (parsed.kind !== "terms") {
    return { parsed, candidates: [], candidateTotal: 0, companies: [], page: 1, pages: 1 };
  }
  const [candidateTotal, companies] = await Promise.all([
    countCandidates(parsed.terms, scope),
    findCompanies(parsed.terms, scope, SEARCH_MAX_COMPANIES),
  ]);
  const pages = Math.max(1, Math.ceil(Math.min(candidateTotal, COUNT_CAP) / SEARCH_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const candidates = await findCandidates(parsed.terms, scope, SEARCH_PAGE_SIZE, (current - 1) * SEARCH_PAGE_SIZE);
  return { parsed, candidates, candidateTotal, companies, page: current, pages };
}
