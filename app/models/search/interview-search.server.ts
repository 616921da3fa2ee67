// What /interviews?q= matches: an interview matches a term when its own words (the candidate's name, the role) or
// its company's name contain it (app/models/search/search-text.ts says what a term is).
//
// The company's name is looked up in the companies' own index, not copied onto each interview: an agency has a few
// hundred companies and a term that names one becomes that company's id. "harbor" names the busiest companies
// (146,637 interviews at a million); as ids, the Interview(companyId, …) indexes serve them as a range that a sort
// can walk and a page can stop in, where the text index listed every interview one at a time (0.4–1.4 s).
import { Prisma } from "~/.generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { FORCED_JOIN, inSet, rowKey, rowMatchesSql, textSearchRowids } from "~/utils/sql-dialect.server";

/** A search's terms, sorted by how they are read. */
export type InterviewSearch = {
  /** Terms no company's name contains: one text-index lookup of the interviews' own words, all terms at once. */
  ownWords: string[];
  /** Terms naming companies: those companies' interviews, and any interview whose own words contain the term too. */
  companyTerms: { term: string; companyIds: string[]; inOwnWords: boolean }[];
};

/** Sorts each term (two small index reads, the second only for terms that name a company). */
export async function resolveInterviewSearch(terms: readonly string[]): Promise<InterviewSearch> {
  const named = await prisma.$queryRaw<{ term: number | bigint; id: string }[]>`${Prisma.join(
    terms.map(
      (term, n) => Prisma.sql`SELECT ${Prisma.raw(String(n))} AS "term", co."id" AS "id" FROM (${textSearchRowids("CompanySearch", [term])}) s
        ${FORCED_JOIN} "Company" co ON ${Prisma.raw(rowKey("co"))} = s.rid`,
    ),
    " UNION ALL ",
  )}`;
  const companyIds = new Map<number, string[]>();
  for (const row of named) companyIds.set(Number(row.term), [...(companyIds.get(Number(row.term)) ?? []), row.id]);
  const naming = [...companyIds.keys()];
  if (naming.length === 0) return { ownWords: [...terms], companyTerms: [] };
  // Does the term also appear in some interview's own words? Mostly not (a company's name is rarely a person's or a
  // role's), and then the term is only the ids.
  const [inOwnWords] = await prisma.$queryRaw<Record<string, unknown>[]>`SELECT ${Prisma.join(
    naming.map((n) => Prisma.sql`CASE WHEN EXISTS (${textSearchRowids("InterviewSearch", [terms[n]])}) THEN 1 ELSE 0 END AS ${Prisma.raw(`"t${n}"`)}`),
  )}`;
  return {
    ownWords: terms.filter((_, n) => !companyIds.has(n)),
    companyTerms: naming.map((n) => ({ term: terms[n], companyIds: companyIds.get(n)!, inOwnWords: Number(inOwnWords[`t${n}`]) === 1 })),
  };
}

/**
 * The search as WHERE terms on the interview alias `i`. `collectFirst`: the own-words matches are gathered before
 * the page's sort (PostgreSQL under a name sort, see interview-table.server.ts).
 */
export function interviewSearchSql(search: InterviewSearch, { collectFirst = false } = {}) {
  const key = Prisma.raw(rowKey("i"));
  const where: Prisma.Sql[] = [];
  if (search.ownWords.length) {
    where.push(
      collectFirst ? inSet(key, textSearchRowids("InterviewSearch", search.ownWords)) : rowMatchesSql("InterviewSearch", "i", search.ownWords),
    );
  }
  for (const { term, companyIds, inOwnWords } of search.companyTerms) {
    const atCompany = Prisma.sql`i."companyId" IN (${Prisma.join(companyIds)})`;
    where.push(inOwnWords ? Prisma.sql`(${atCompany} OR ${rowMatchesSql("InterviewSearch", "i", [term])})` : atCompany);
  }
  return where;
}

/**
 * The companies a search confines itself to when every term only names companies ("harbor logistics": the companies
 * whose names hold both); null when some term is read in the interviews' own words.
 */
export function searchedCompanies(search: InterviewSearch | null) {
  if (!search || search.ownWords.length > 0 || search.companyTerms.some((t) => t.inOwnWords)) return null;
  return search.companyTerms
    .map((t) => t.companyIds)
    .reduce((kept, ids) => kept.filter((id) => ids.includes(id)));
}
