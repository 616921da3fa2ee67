// The candidate search's folded text keeps a finer histogram (migration 20261130221500_search_statistics), so the
// planner estimates how many candidates a common term matches from the data rather than a default.
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";

test("the searched expressions of Candidate_search_trgm and Candidate_name_trgm have a statistics target of 1,000", async () => {
  const rows = await prisma.$queryRawUnsafe<{ index: string; target: number }[]>(
    `SELECT c.relname::text AS "index", a.attstattarget::int AS "target" FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE c.relname IN ('Candidate_search_trgm', 'Candidate_name_trgm') AND a.attnum = 1 ORDER BY c.relname`,
  );
  expect(rows).toEqual([
    { index: "Candidate_name_trgm", target: 1000 },
    { index: "Candidate_search_trgm", target: 1000 },
  ]);
});
