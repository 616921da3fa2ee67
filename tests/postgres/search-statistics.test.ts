// The searched folded text keeps a finer histogram (migrations 20261130221500_search_statistics and
// 20261201004000_interview_search_text), so the planner estimates how many rows a common term matches from the data
// rather than a default.
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";

test("the searched text of candidates (Candidate_search_trgm's expression) and interviews has a statistics target of 1,000", async () => {
  const rows = await prisma.$queryRawUnsafe<{ index: string; target: number }[]>(
    `SELECT c.relname::text AS "index", a.attstattarget::int AS "target" FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE (c.relname = 'Candidate_search_trgm' AND a.attnum = 1) OR (c.relname = 'Interview' AND a.attname = 'searchText')
     ORDER BY c.relname`,
  );
  expect(rows).toEqual([
    { index: "Candidate_search_trgm", target: 1000 },
    { index: "Interview", target: 1000 },
  ]);
});
