// Issue 17: the tables stop counting at COUNT_CAP (or the end of the page shown) and say "more than" past it; every
// count they present as exact is exact, and paging past the cap still works.
import { beforeAll, expect, test } from "vitest";
import { listCandidates, parseCandidateQuery } from "~/models/tables/candidate-table.server";
import { COUNT_CAP } from "~/models/tables/table-sql.server";
import { prisma } from "~/utils/db.server";
import { makeUser } from "../builders/users";

const TZ = "Europe/London";
const list = (search: string) => listCandidates(parseCandidateQuery(new URLSearchParams(search)), TZ);
const MANY = COUNT_CAP + 30;

const name = (n: number) => `Candidate ${100_000 + n}`;

beforeAll(async () => {
  await prisma.candidate.deleteMany();
  const ada = await makeUser({ name: "Ada" });
  const bob = await makeUser({ name: "Bob" });
  // One statement that both databases run: Prisma's createMany of 10,000 rows is slow on PostgreSQL's search indexes.
  await prisma.$executeRaw`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${MANY - 1})
    INSERT INTO "Candidate" ("id", "name", "email", "recruiterId", "updatedAt")
    SELECT 'capped' || i, 'Candidate ' || (100000 + i), 'capped-' || i || '@example.net',
      CASE WHEN i < 40 THEN ${bob.id} ELSE ${ada.id} END, CURRENT_TIMESTAMP
    FROM n`;
}, 60_000);

test("past the cap the total is a lower bound, never presented as exact", async () => {
  const first = await list("");
  expect(first).toMatchObject({ total: COUNT_CAP, exact: false, page: 1 });
  expect(first.rows.map((r) => r.name).slice(0, 2)).toEqual([name(0), name(1)]);
  expect(await prisma.candidate.count()).toBeGreaterThan(first.total);
});

test("a page beyond the cap counts through itself: the last page's count is exact, and past the end shows it", async () => {
  const lastPage = Math.ceil(MANY / 25);
  const last = await list(`page=${lastPage}`);
  expect(last).toMatchObject({ total: MANY, exact: true, page: lastPage });
  expect(last.rows).toHaveLength(MANY - (lastPage - 1) * 25);
  expect(last.rows.at(-1)?.name).toBe(name(MANY - 1));
  const past = await list(`page=${lastPage + 50}`);
  expect(past).toMatchObject({ total: MANY, exact: true, page: lastPage });
  // A page just before the end: more rows follow it, so its count is a lower bound again.
  const before = await list(`page=${lastPage - 2}`);
  expect(before).toMatchObject({ exact: false, page: lastPage - 2 });
  expect(before.total).toBe((lastPage - 2) * 25);
  expect(before.rows).toHaveLength(25);
});

test("a filter under the cap gets its exact count", async () => {
  const bob = await prisma.user.findFirstOrThrow({ where: { name: "Bob" } });
  expect(await list(`recruiter=${bob.id}`)).toMatchObject({ total: 40, exact: true, page: 1 });
});
