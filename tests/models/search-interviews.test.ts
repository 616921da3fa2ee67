// /interviews?q=: text search over candidate, company and role, combined with the table's filters and paging; and the
// search index's triggers, which every later migration must keep.
import { beforeEach, expect, test } from "vitest";
import { interviewsCsv, listInterviews, parseInterviewQuery } from "~/models/tables/interview-table.server";
import { loader } from "~/routes/interviews._index";
import { Prisma } from "~/.generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { isPostgres, textSearchRowids } from "~/utils/sql-dialect.server";
import { makeCandidate } from "../builders/candidates";
import { makeCompany } from "../builders/companies";
import { makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";
import { signedInRequest } from "../builders/session";

const TZ = "Europe/London";
const list = (search: string, scope: { ownerId: string } | null = null) =>
  listInterviews({ ...parseInterviewQuery(new URLSearchParams(search)), scope }, TZ);
const roles = async (search: string, scope: { ownerId: string } | null = null) =>
  (await list(search, scope)).rows.map((r) => r.roleTitle);

let ada: { id: string };

beforeEach(async () => {
  await prisma.candidate.deleteMany();
  await prisma.company.deleteMany();
  await prisma.user.deleteMany();
  ada = await makeUser({ name: "Ada" });
});

test("q finds interviews by part of the candidate's name, the company's name or the role", async () => {
  const jamie = await makeCandidate({ name: "Jamie Osei", recruiterId: ada.id });
  const priya = await makeCandidate({ name: "Priya Patel", recruiterId: ada.id });
  const acme = await makeCompany({ name: "Acme Logistics" });
  const globex = await makeCompany({ name: "Globex" });
  await makeInterview({ candidateId: jamie.id, companyId: acme.id, roleTitle: "Warehouse Lead", scheduledAt: new Date("2026-05-01T09:00:00Z") });
  await makeInterview({ candidateId: priya.id, companyId: globex.id, roleTitle: "Data Analyst", scheduledAt: new Date("2026-06-01T09:00:00Z") });
  await makeInterview({ candidateId: priya.id, companyId: acme.id, roleTitle: "Payroll Clerk", scheduledAt: new Date("2026-07-01T09:00:00Z") });

  expect(await roles("q=osei")).toEqual(["Warehouse Lead"]);
  expect(await roles("q=LOGIST")).toEqual(["Payroll Clerk", "Warehouse Lead"]);
  expect(await roles("q=analy")).toEqual(["Data Analyst"]);
  expect(await roles("q=priya acme")).toEqual(["Payroll Clerk"]);
  expect((await list("q=patel")).total).toBe(2);
  expect(await roles("q=nobody")).toEqual([]);
});

test("a term that names a company finds that company's interviews, and any interview whose own words hold it too", async () => {
  const harbor = await makeCompany({ name: "Harbör Freight" });
  const north = await makeCompany({ name: "Northharbor Ltd" });
  const other = await makeCompany({ name: "Globex" });
  const ann = await makeCandidate({ name: "Ann Harborne", recruiterId: ada.id });
  const sam = await makeCandidate({ name: "Sam Okafor", recruiterId: ada.id });
  const at = (day: number) => new Date(Date.UTC(2026, 4, day, 9));
  await makeInterview({ candidateId: sam.id, companyId: harbor.id, roleTitle: "Driver", scheduledAt: at(1) });
  await makeInterview({ candidateId: sam.id, companyId: north.id, roleTitle: "Clerk", scheduledAt: at(2) });
  await makeInterview({ candidateId: ann.id, companyId: other.id, roleTitle: "Analyst", scheduledAt: at(3) });
  await makeInterview({ candidateId: sam.id, companyId: other.id, roleTitle: "Harbour pilot", scheduledAt: at(4) });
  await makeInterview({ candidateId: sam.id, companyId: other.id, roleTitle: "Porter", scheduledAt: at(5) });

  // Both companies' interviews (accents and case folded) and Ann's, by her name; "Harbour" is not "harbor".
  expect(await roles("q=HARBOR")).toEqual(["Analyst", "Clerk", "Driver"]);
  expect(await roles("q=harbor&sort=company&dir=asc")).toEqual(["Analyst", "Driver", "Clerk"]);
  // Only the companies: no interview's own words hold "freight".
  expect(await roles("q=freight")).toEqual(["Driver"]);
  // Every term must match, each in the company's name or the interview's own words.
  expect(await roles("q=harbor okafor")).toEqual(["Clerk", "Driver"]);
  expect(await roles("q=harbor driver")).toEqual(["Driver"]);
  expect(await roles("q=globex harbor")).toEqual(["Analyst"]);
  expect(await roles("q=freight clerk")).toEqual([]);
  expect((await list("q=harbor&pageSize=10")).total).toBe(3);
  const csv: string[] = [];
  for await (const row of interviewsCsv(parseInterviewQuery(new URLSearchParams("q=harbor")), TZ, 2)) csv.push(row.roleTitle);
  expect(csv).toEqual(["Analyst", "Clerk", "Driver"]);

  // A renamed company is found by its new name only.
  await prisma.company.update({ where: { id: north.id }, data: { name: "Initech" } });
  expect(await roles("q=harbor")).toEqual(["Analyst", "Driver"]);
  expect(await roles("q=initech")).toEqual(["Clerk"]);
});

test("q combines with the other filters, sorts, paging and the CSV", async () => {
  const jamie = await makeCandidate({ name: "Jamie Osei", recruiterId: ada.id });
  const acme = await makeCompany({ name: "Acme" });
  for (let i = 0; i < 30; i++) {
    await makeInterview({
      candidateId: jamie.id,
      companyId: acme.id,
      roleTitle: `Role ${String(i).padStart(2, "0")}`,
      round: i % 2 ? "final" : "first",
      scheduledAt: new Date(Date.UTC(2026, 0, 1 + i, 9)),
    });
  }
  await makeInterview({ roleTitle: "Someone else's", scheduledAt: new Date("2026-03-01T09:00:00Z") });
  expect((await list("q=jamie")).total).toBe(30);
  expect((await list("q=jamie&round=final")).total).toBe(15);
  expect(await roles("q=jamie&round=final&from=2026-01-20&to=2026-01-25")).toEqual(["Role 23", "Role 21", "Role 19"]);
  const page2 = await list("q=jamie&sort=roleTitle&dir=asc&page=2");
  expect(page2.rows.map((r) => r.roleTitle)).toEqual(["Role 25", "Role 26", "Role 27", "Role 28", "Role 29"]);
  const csv: string[] = [];
  for await (const row of interviewsCsv(parseInterviewQuery(new URLSearchParams("q=jamie&round=first")), TZ, 4)) csv.push(row.roleTitle);
  expect(csv).toHaveLength(15);
});

test("q keeps to the candidates a recruiter may see", async () => {
  const bob = await makeUser({ name: "Bob" });
  const mine = await makeCandidate({ name: "Sam Mine", recruiterId: ada.id });
  const theirs = await makeCandidate({ name: "Sam Theirs", recruiterId: bob.id });
  await makeInterview({ candidateId: mine.id, roleTitle: "Mine" });
  await makeInterview({ candidateId: theirs.id, roleTitle: "Theirs" });
  expect(await roles("q=sam", { ownerId: ada.id })).toEqual(["Mine"]);
});

test("the interview index follows renames of the candidate and company and a changed role", async () => {
  const jamie = await makeCandidate({ name: "Jamie Osei", recruiterId: ada.id });
  const acme = await makeCompany({ name: "Acme" });
  const made = await makeInterview({ candidateId: jamie.id, companyId: acme.id, roleTitle: "Driver" });
  await prisma.candidate.update({ where: { id: jamie.id }, data: { name: "Jamie Mensah" } });
  await prisma.company.update({ where: { id: acme.id }, data: { name: "Initech" } });
  await prisma.interview.update({ where: { id: made.id }, data: { roleTitle: "Dispatcher" } });
  expect(await roles("q=osei")).toEqual([]);
  expect(await roles("q=acme")).toEqual([]);
  expect(await roles("q=driver")).toEqual([]);
  expect(await roles("q=mensah initech dispatch")).toEqual(["Dispatcher"]);
  await prisma.interview.delete({ where: { id: made.id } });
  expect(await roles("q=mensah")).toEqual([]);
});

test("bad q never throws: short or long text is reported by the page and filters nothing; syntax is text", async () => {
  await makeInterview({ roleTitle: "Data Analyst" });
  for (const q of ["ab", "x".repeat(5000), '"', "*", "NEAR(a b)", "a AND", "role:x", "((("]) {
    const search = new URLSearchParams({ q }).toString();
    await expect(list(search)).resolves.toBeDefined();
  }
  expect((await list("q=ab")).total).toBe(1);
  expect((await list(`q=${"x".repeat(200)}`)).total).toBe(1);
  expect((await list(`q=${encodeURIComponent('"')}`)).total).toBe(1);
  const response = await loader({ request: await signedInRequest(ada.id, "http://localhost/interviews?q=NEAR(%22*"), params: {}, context: {} });
  expect(response.total).toBe(0);
});

test("every migration keeps the search triggers, and the index matches the rows it mirrors", async () => {
  if (isPostgres) {
    // PostgreSQL has no separate index rows to keep in step: trigram indexes over the rows' own folded text.
    const indexes = await prisma.$queryRaw<{ indexname: string }[]>`
      SELECT indexname::text AS indexname FROM pg_indexes WHERE indexname LIKE '%_trgm' ORDER BY indexname`;
    expect(indexes.map((i) => i.indexname)).toEqual(["Candidate_search_trgm", "Company_name_trgm", "Interview_searchText_trgm"]);
    // The search's own expressions can use them (a tiny table would be scanned anyway, so scans are ruled out).
    const plans = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const explain = (sql: Prisma.Sql) => tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${sql}`;
      return Promise.all(
        (["CandidateSearch", "CompanySearch", "InterviewSearch"] as const).map(async (index) =>
          (await explain(textSearchRowids(index, ["forklift"]))).map((row) => row["QUERY PLAN"]).join("\n"),
        ),
      );
    });
    expect(plans[0]).toContain("Candidate_search_trgm");
    expect(plans[1]).toContain("Company_name_trgm");
    expect(plans[2]).toContain("Interview_searchText_trgm");
    // Each interview's kept text is what its triggers would write now.
    await makeInterview({ roleTitle: "Anything" });
    const [stale] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT COUNT(*)::int AS n FROM "Interview"
      WHERE "searchText" IS DISTINCT FROM rebound_interview_search("candidateId", "roleTitle")`;
    expect(stale.n).toBe(0);
    return;
  }
  const triggers = await prisma.$queryRaw<{ name: string }[]>`
    SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_search_%' ORDER BY name`;
  expect(triggers.map((t) => t.name)).toEqual([
    "Candidate_search_delete",
    "Candidate_search_insert",
    "Candidate_search_rename",
    "Candidate_search_update",
    "Company_search_delete",
    "Company_search_insert",
    "Company_search_update",
    "Interview_search_delete",
    "Interview_search_insert",
    "Interview_search_update",
  ]);
  await makeInterview({ roleTitle: "Anything" });
  const [counts] = await prisma.$queryRaw<Record<string, bigint | number>[]>`
    SELECT (SELECT COUNT(*) FROM "Candidate") AS candidates, (SELECT COUNT(*) FROM "CandidateSearch") AS candidateRows,
      (SELECT COUNT(*) FROM "Company") AS companies, (SELECT COUNT(*) FROM "CompanySearch") AS companyRows,
      (SELECT COUNT(*) FROM "Interview") AS interviews, (SELECT COUNT(*) FROM "InterviewSearch") AS interviewRows`;
  expect(Number(counts.candidateRows)).toBe(Number(counts.candidates));
  expect(Number(counts.companyRows)).toBe(Number(counts.companies));
  expect(Number(counts.interviewRows)).toBe(Number(counts.interviews));
  expect(Number(counts.interviews)).toBe(1);
});
