// Issue 17: the table pages' sorts walk an index on both databases instead of sorting every matching row, and the
// recruiter's "sort by candidate" view walks candidates in name order. Plans are read from the statements the models
// build (candidatePageSql, interviewPageSql), so these fail if a sort order or a query shape stops matching an index.
import { beforeEach, expect, test } from "vitest";
import { Prisma } from "~/.generated/prisma/client";
import { candidatePageSql, listCandidates, parseCandidateQuery } from "~/models/tables/candidate-table.server";
import { interviewPageSql, listInterviews, parseInterviewQuery } from "~/models/tables/interview-table.server";
import { prisma } from "~/utils/db.server";
import { isPostgres, textSearchRowids } from "~/utils/sql-dialect.server";
import { makeCandidate } from "../builders/candidates";
import { makeCompany } from "../builders/companies";
import { makeUser } from "../builders/users";

const TZ = "Europe/London";

async function plan(statement: Prisma.Sql | Promise<Prisma.Sql>) {
  const sql = await statement;
  if (!isPostgres) {
    const rows = await prisma.$queryRaw<{ detail: string }[]>`EXPLAIN QUERY PLAN ${sql}`;
    return rows.map((r) => r.detail).join("\n");
  }
  return prisma.$transaction(async (tx) => {
    // The test tables are tiny, so scanning and sorting them is cheapest; ruling both out shows whether an index
    // can serve the order at all (if none can, the plan keeps its Sort).
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    await tx.$executeRawUnsafe("SET LOCAL enable_sort = off");
    const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${sql}`;
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

/**
 * A sort of every matching row: SQLite's temp b-tree, PostgreSQL's Sort node. A sort of ties only is fine (SQLite's
 * "FOR LAST TERM OF" / "FOR LAST 2 TERMS OF", PostgreSQL's Incremental Sort): an index whose last column is not the
 * row's key, such as (companyId, scheduledAt, flagSeverity), leaves the rows of one instant to sort.
 */
function sortsEverything(text: string) {
  return isPostgres ? /(^|->)\s*Sort\s+\(cost/m.test(text) : /USE TEMP B-TREE(?! FOR LAST (\d+ )?TERMS? OF)/.test(text);
}

const interviewSql = (search: string, offset = 0, total: number | null = null) =>
  interviewPageSql(parseInterviewQuery(new URLSearchParams(search)), TZ, offset, total);
const candidateSql = (search: string, offset = 0, total: number | null = null) =>
  candidatePageSql(parseCandidateQuery(new URLSearchParams(search)), TZ, offset, total);

const RECRUITER = "c0000000000000000000000001";

test("/interviews: the default view, a deep page and the severity sort walk an index", async () => {
  for (const [label, sql] of [
    ["default", interviewSql("")],
    ["page 2000", interviewSql("page=2000", 49_975)],
    ["oldest first", interviewSql("sort=scheduledAt&dir=asc")],
    ["severity ascending", interviewSql("sort=flagSeverity&dir=asc")],
    ["severity descending", interviewSql("sort=flagSeverity&dir=desc")],
    ["candidate", interviewSql("sort=candidate&dir=asc")],
  ] as const) {
    const text = await plan(sql);
    expect(sortsEverything(text), `${label}:\n${text}`).toBe(false);
  }
});

test("/candidates: the default view, a deep page and the nullable columns' sorts walk an index", async () => {
  for (const [label, sql] of [
    ["default", candidateSql("")],
    ["page 2000", candidateSql("page=2000", 49_975)],
    ["last interview, newest first", candidateSql("sort=lastInterviewAt&dir=desc")],
    ["last interview, oldest first", candidateSql("sort=lastInterviewAt&dir=asc")],
    ["phone", candidateSql("sort=phone&dir=asc")],
    ["open flags", candidateSql("sort=openFlagCount&dir=desc")],
  ] as const) {
    const text = await plan(sql);
    expect(sortsEverything(text), `${label}:\n${text}`).toBe(false);
  }
});

test("/interviews sorted by candidate for one recruiter or owner walks candidates in name order", async () => {
  for (const [label, sql] of [
    ["recruiter, 16,000 matches, page 1", interviewSql(`recruiter=${RECRUITER}&sort=candidate&dir=asc`, 0, 16_000)],
    ["recruiter, 16,000 matches, descending", interviewSql(`recruiter=${RECRUITER}&sort=candidate&dir=desc`, 25, 16_000)],
    ["owner", interviewSql(`owner=${RECRUITER}&sort=candidate&dir=asc`, 0, 16_000)],
    ["owner, deep page", interviewSql(`owner=${RECRUITER}&sort=candidate&dir=asc`, 10_000, 16_000)],
  ] as const) {
    const text = await plan(sql);
    expect(sortsEverything(text), `${label}:\n${text}`).toBe(false);
  }
});

test("/interviews sorted by company under a severity and dates walks companies in name order on SQLite; a text search sorts", async () => {
  if (isPostgres) return; // PostgreSQL picks the join order itself (interview-table.server.ts, companyWalk).
  const spread = "severity=critical&from=2025-12-01&to=2026-11-30";
  for (const [label, sql] of [
    ["severity + year, 16,000 matches, page 1", interviewSql(`${spread}&sort=company&dir=asc`, 0, 16_000)],
    ["severity + year, descending", interviewSql(`${spread}&sort=company&dir=desc`, 25, 16_000)],
    ["flagged, 16,000 matches", interviewSql("flagged=1&sort=company&dir=asc", 0, 16_000)],
  ] as const) {
    const text = await plan(sql);
    expect(sortsEverything(text), `${label}:\n${text}`).toBe(false);
  }
  // Few matches, a deep page, or matches a text search may gather in a few companies: the matches are sorted.
  for (const [label, sql] of [
    ["severity + year, 500 matches", interviewSql(`${spread}&sort=company&dir=asc`, 0, 500)],
    ["severity + year, deep page", interviewSql(`${spread}&sort=company&dir=asc`, 5_000, 16_000)],
    ["text search", interviewSql("q=harbor&flagged=1&sort=company&dir=asc", 0, 16_000)],
  ] as const) {
    const text = await plan(sql);
    expect(sortsEverything(text), `${label}:\n${text}`).toBe(true);
  }
});

test("/interviews flagged only, in date order, reads the date index from the latest flagged interview down", async () => {
  for (const dir of ["desc", "asc"]) {
    const text = await plan(interviewSql(`flagged=1&sort=scheduledAt&dir=${dir}`));
    // Not from the upcoming interviews, none of which is flagged yet (at a million: 275,000 rows before the first).
    expect(text, text).toMatch(isPostgres ? /Index Cond: \(.*"scheduledAt" <= / : /USING INDEX Interview_scheduledAt_idx \(scheduledAt<\?\)/);
    expect(sortsEverything(text), text).toBe(false);
  }
});

test("/interviews?reason= in date order walks the date index from the latest flagged interview for its first pages", async () => {
  for (const [label, sql] of [
    ["20,000 matches, page 1", interviewSql("reason=wrong_name", 0, 20_000)],
    ["20,000 matches, oldest first, page 2", interviewSql("reason=wrong_name&sort=scheduledAt&dir=asc", 25, 20_000)],
  ] as const) {
    const text = await plan(sql);
    expect(sortsEverything(text), `${label}:\n${text}`).toBe(false);
    // PostgreSQL's date index that ends in the key (not Interview_scheduledAt_idx, which would leave ties to sort).
    expect(text).toMatch(isPostgres ? /"Interview_scheduledAt_id"/ : /Interview_scheduledAt_idx/);
    if (isPostgres) expect(text).not.toContain("Incremental Sort");
  }
  // PostgreSQL reads these by key (the test further down).
  if (isPostgres) return;
  for (const [label, sql] of [
    ["500 matches", interviewSql("reason=wrong_name", 0, 500)],
    ["page 13", interviewSql("reason=wrong_name", 300, 20_000)],
    ["a deep page", interviewSql("reason=wrong_name", 5_000, 20_000)],
    ["sorted by role", interviewSql("reason=wrong_name&sort=roleTitle", 0, 20_000)],
  ] as const) {
    expect(sortsEverything(await plan(sql)), label).toBe(true);
  }
});

test("/candidates by name under a company and dates walks the name index for the first pages of many matches", async () => {
  const had = "company=c0000000000000000000000009&from=2025-12-01&to=2026-11-30&sort=name&dir=asc";
  for (const [label, sql] of [
    ["20,000 matches, page 1", candidateSql(had, 0, 20_000)],
    ["20,000 matches, descending page 2", candidateSql(had.replace("asc", "desc"), 25, 20_000)],
  ] as const) {
    const text = await plan(sql);
    expect(sortsEverything(text), `${label}:\n${text}`).toBe(false);
    expect(text).toContain(isPostgres ? "Candidate_name_id" : "Candidate_name_idx");
  }
  // A few matches or a deep page: the matching candidates are collected once and sorted.
  for (const [label, sql] of [
    ["500 matches", candidateSql(had, 0, 500)],
    ["a deep page", candidateSql(had, 5_000, 20_000)],
  ] as const) {
    if (!isPostgres) expect(sortsEverything(await plan(sql)), label).toBe(true);
    expect(sql.sql).toContain("IN (SELECT");
  }
});

beforeEach(async () => {
  await prisma.candidate.deleteMany();
  await prisma.company.deleteMany();
  await prisma.user.deleteMany();
});

test("the candidate walk and the sort give the same rows, in the same order, on every page", async () => {
  const ada = await makeUser({ name: "Ada" });
  const bob = await makeUser({ name: "Bob" });
  const acme = await makeCompany({ name: "Acme" });
  // Names that tie (two "Zoe"s), differ only in case, and 1,040 of Ada's interviews: more than the walk's threshold.
  const names = ["Zoe", "zoe", "Zoe", "Adam", "Émile", "Bea", "Carl", "Dana"];
  const candidates: { id: string }[] = [];
  for (const [n, name] of names.entries()) candidates.push(await makeCandidate({ name, recruiterId: n % 2 ? bob.id : ada.id }));
  const base = Date.UTC(2026, 0, 1);
  const rows = Array.from({ length: 1_100 }, (_, n) => ({
    candidateId: candidates[n % candidates.length].id,
    companyId: acme.id,
    // Ada's candidates' interviews are hers except every 20th (Bob's), so recruiter and owner differ.
    recruiterId: n % 20 === 0 ? bob.id : ada.id,
    roleTitle: `Role ${n}`,
    // Some interviews share an instant: the tie-breaker decides.
    scheduledAt: new Date(base + Math.floor(n / 3) * 3_600_000),
  }));
  await prisma.interview.createMany({ data: rows });

  const all = await prisma.interview.findMany({ include: { candidate: true } });
  const byName = (a: (typeof all)[number], b: (typeof all)[number]) =>
    a.candidate.name < b.candidate.name ? -1 : a.candidate.name > b.candidate.name ? 1 : 0;

  for (const [filter, keep] of [
    [`recruiter=${ada.id}`, (i: (typeof all)[number]) => i.recruiterId === ada.id],
    [`owner=${ada.id}`, (i: (typeof all)[number]) => i.candidate.recruiterId === ada.id],
  ] as const) {
    const matching = all.filter(keep);
    expect(matching.length).toBeGreaterThan(400);
    for (const dir of ["asc", "desc"] as const) {
      const seen: string[] = [];
      const pages = Math.ceil(matching.length / 100);
      for (let page = 1; page <= pages; page++) {
        const result = await listInterviews(parseInterviewQuery(new URLSearchParams(`${filter}&sort=candidate&dir=${dir}&page=${page}&pageSize=100`)), TZ);
        expect(result.total).toBe(matching.length);
        // Within one candidate's name, rows follow the candidate, then the date, as the sort terms say.
        const names = result.rows.map((r) => r.candidateName);
        const sorted = [...names].sort((a, b) => (dir === "asc" ? (a < b ? -1 : a > b ? 1 : 0) : a < b ? 1 : a > b ? -1 : 0));
        expect(names, `${filter} ${dir} page ${page}`).toEqual(sorted);
        seen.push(...result.rows.map((r) => r.id));
      }
      // Every matching interview exactly once across the pages (walked pages and sorted pages agree on the order).
      expect(new Set(seen).size).toBe(matching.length);
      expect([...seen].sort()).toEqual(matching.map((i) => i.id).sort());
      // The first page's names are the smallest (or largest) names overall.
      const expectedFirst = [...matching].sort((a, b) => (dir === "asc" ? byName(a, b) : byName(b, a)))[0].candidate.name;
      const first = await listInterviews(parseInterviewQuery(new URLSearchParams(`${filter}&sort=candidate&dir=${dir}`)), TZ);
      expect(first.rows[0].candidateName).toBe(expectedFirst);
    }
  }
});

test("/interviews?q= on PostgreSQL reads every term from the interviews' own search text", async () => {
  if (!isPostgres) return; // SQLite's FTS5 index intersects the terms itself.
  const text = await plan(Prisma.sql`${textSearchRowids("InterviewSearch", ["harbor", "omar"])}`);
  // One trigram index for both terms: no union per term, no join to candidates or companies.
  expect(text).toContain("Interview_searchText_trgm");
  expect(text).not.toMatch(/Candidate|Company|Append|Union/);
});

test("/interviews?q= naming a company reads that company's interviews by its id, not the text index", async () => {
  await makeCompany({ name: "Harbor Freight" });
  await makeCompany({ name: "Northharbor" });
  const text = await plan(interviewSql("q=harbor&flagged=1&sort=company&dir=asc"));
  // At a million, "harbor" names the busiest companies: 146,637 interviews listed one by one from the text index.
  expect(text).not.toMatch(/InterviewSearch|searchText/);
  // SQLite's first pages of many matches walk those companies in name order instead of sorting their interviews.
  if (!isPostgres) expect(sortsEverything(await plan(interviewSql("q=harbor&flagged=1&sort=company&dir=asc", 0, 30_000)))).toBe(false);
  // A term no company's name holds still reads the interviews' own words.
  expect(await plan(interviewSql("q=okafor&sort=company&dir=asc"))).toMatch(/InterviewSearch|searchText/);
});

test("/candidates?q= on PostgreSQL tests each candidate row itself, without looking it up again by key", async () => {
  if (!isPostgres) return; // SQLite reads the FTS5 index's rowids.
  const text = await plan(candidateSql("q=patel"));
  // Through id IN (…) each candidate walked in name order was fetched a second time (134 against 42 ms at a million).
  expect(text).toMatch(/on "Candidate" c\b[\s\S]*%patel%/);
  expect(text, text).not.toMatch(/Candidate_pkey|"Candidate" s\b/);
});

test("on PostgreSQL the default orders and their deep pages read indexes that end in the row's key", async () => {
  if (!isPostgres) return; // SQLite's indexes carry the rowid, the tie-breaker there.
  for (const [sql, index] of [
    [interviewSql(""), "Interview_scheduledAt_id"],
    [interviewSql("page=2000", 49_975), "Interview_scheduledAt_id"],
    [candidateSql(""), "Candidate_name_id"],
    [candidateSql("page=2000", 49_975), "Candidate_name_id"],
  ] as const) {
    const text = await plan(sql);
    expect(text).toContain(index);
    expect(text).not.toContain("Incremental Sort");
  }
});

test("/interviews?reason= past its first pages on PostgreSQL reads its interviews by key instead of probing each", async () => {
  if (!isPostgres) return; // SQLite builds the IN list once and checks each row against it.
  const text = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN ${await interviewSql("reason=wrong_name", 5_000, 20_000)}`;
  // The set is computed once (an InitPlan), not probed per interview (a semi-join); on big tables it is then read
  // through the primary key (measured: 1.5 s walking the date index before, about 50 ms of SQL after).
  const plan = text.map((r) => r["QUERY PLAN"]).join("\n");
  expect(plan).toMatch(/\(i\.id = ANY \(\$\d+\)\)|\(id = ANY \(\$\d+\)\)/);
  expect(plan).not.toContain("Semi Join");
});

// Last: its 3,000 interviews change PostgreSQL's planner statistics, which the plan tests above depend on.
test("the company walk and the sort give the same rows, in the same order, on every page", async () => {
  const companies: { id: string }[] = [];
  for (const name of ["Zephyr", "acme", "Acme Two", "Beta", "Cedar"]) companies.push(await makeCompany({ name }));
  const ada = await makeUser({ name: "Ada" });
  const candidate = await makeCandidate({ recruiterId: ada.id });
  const base = Date.UTC(2026, 0, 1);
  await prisma.interview.createMany({
    data: Array.from({ length: 3_000 }, (_, n) => ({
      candidateId: candidate.id,
      companyId: companies[n % companies.length].id,
      recruiterId: ada.id,
      roleTitle: `Role ${n}`,
      // Every other interview is critical; some share an instant, so the tie-breaker decides.
      flagSeverity: n % 2 ? "critical" : null,
      scheduledAt: new Date(base + Math.floor(n / 4) * 3_600_000),
    })),
  });
  const acmes = companies.filter((c, n) => n === 1 || n === 2).map((c) => c.id);
  for (const [filter, total] of [
    ["severity=critical&from=2026-01-01&to=2026-12-31", await prisma.interview.count({ where: { flagSeverity: "critical" } })],
    // A search that only names companies ("acme", "Acme Two") walks just those.
    ["q=acme", await prisma.interview.count({ where: { companyId: { in: acmes } } })],
  ] as const) {
  expect(total).toBeGreaterThan(1_000); // the walk's threshold
  for (const dir of ["asc", "desc"] as const) {
    // Page 1 is walked (within the first tenth of more than 1,000 matches) and every later page sorted: together they
    // must make one order, company name, then date, each row once.
    const seen: { id: string; company: string; at: number }[] = [];
    for (let page = 1; page <= Math.ceil(total / 100); page++) {
      const result = await listInterviews(parseInterviewQuery(new URLSearchParams(`${filter}&sort=company&dir=${dir}&page=${page}&pageSize=100`)), TZ);
      expect(result.total).toBe(total);
      seen.push(...result.rows.map((r) => ({ id: r.id, company: r.companyName, at: r.scheduledAt.getTime() })));
    }
    expect(new Set(seen.map((r) => r.id)).size).toBe(total);
    const sign = dir === "asc" ? 1 : -1;
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1], seen[i]];
      const order = a.company < b.company ? -1 : a.company > b.company ? 1 : Math.sign(a.at - b.at);
      expect(order * sign, `${filter} ${dir} rows ${i - 1}, ${i}`).toBeLessThanOrEqual(0);
    }
  }
  }
});

test("the candidates' name walk and the sort give the same rows, in the same order, on every page", async () => {
  const ada = await makeUser({ name: "Ada" });
  const [acme, other] = [await makeCompany({ name: "Acme" }), await makeCompany({ name: "Other" })];
  // 1,200 candidates, names that tie and differ in case; 1,100 had an interview at Acme in 2026, the rest elsewhere.
  const names = ["Zoe", "zoe", "Adam", "Émile", "Bea", "Carl", "Dana", "Eve"];
  await prisma.candidate.createMany({
    data: Array.from({ length: 1_200 }, (_, n) => ({
      name: `${names[n % names.length]} ${Math.floor(n / 40)}`,
      email: `walk${n}@example.com`,
      recruiterId: ada.id,
    })),
  });
  const candidates = await prisma.candidate.findMany({ orderBy: { email: "asc" } });
  await prisma.interview.createMany({
    data: candidates.map((c, n) => ({
      candidateId: c.id,
      companyId: n % 12 === 11 ? other.id : acme.id,
      recruiterId: ada.id,
      roleTitle: "Role",
      scheduledAt: new Date(Date.UTC(2026, n % 12, 1 + (n % 27), 10)),
    })),
  });
  const matching = await prisma.candidate.count({ where: { interviews: { some: { companyId: acme.id } } } });
  expect(matching).toBeGreaterThan(1_000); // the walk's threshold
  const filter = `company=${acme.id}&from=2026-01-01&to=2026-12-31`;
  for (const dir of ["asc", "desc"] as const) {
    // Page 1 is walked, the later pages sorted: together one order by name (then row), each candidate once.
    const seen: { id: string; name: string }[] = [];
    for (let page = 1; page <= Math.ceil(matching / 100); page++) {
      const result = await listCandidates(parseCandidateQuery(new URLSearchParams(`${filter}&sort=name&dir=${dir}&page=${page}&pageSize=100`)), TZ);
      expect(result.total).toBe(matching);
      seen.push(...result.rows.map((r) => ({ id: r.id, name: r.name })));
    }
    expect(new Set(seen.map((r) => r.id)).size).toBe(matching);
    const names = seen.map((r) => r.name);
    const sorted = [...names].sort((a, b) => (dir === "asc" ? (a < b ? -1 : a > b ? 1 : 0) : a < b ? 1 : a > b ? -1 : 0));
    expect(names).toEqual(sorted);
  }
});

test("the reason's date walk and the sort give the same rows, in the same order, on every page", async () => {
  const ada = await makeUser({ name: "Ada" });
  const acme = await makeCompany({ name: "Acme" });
  const candidate = await makeCandidate({ recruiterId: ada.id });
  const base = Date.UTC(2026, 0, 1);
  const HOUR = 3_600_000;
  // 1,500 past interviews (some sharing an instant), then 300 upcoming ones nobody flagged.
  await prisma.interview.createMany({
    data: Array.from({ length: 1_800 }, (_, n) => ({
      candidateId: candidate.id,
      companyId: acme.id,
      recruiterId: ada.id,
      roleTitle: `Role ${n}`,
      flagSeverity: n < 1_500 ? (["minor", "serious", "critical"] as const)[n % 3] : null,
      scheduledAt: new Date(base + Math.floor(n / 3) * HOUR),
    })),
  });
  const past = await prisma.interview.findMany({ where: { flagSeverity: { not: null } }, orderBy: { roleTitle: "asc" } });
  // Every past interview is flagged; most for "late", every tenth for "nerves" only, and every 25th flag was removed.
  await prisma.interviewFlag.createMany({
    data: past.map((interview, n) => ({
      id: `flag${n}`,
      interviewId: interview.id,
      severity: interview.flagSeverity!,
      source: "recruiter_observed",
      flaggedById: ada.id,
      recruiterId: ada.id,
      windowClosesAt: new Date(interview.scheduledAt.getTime() + 25 * HOUR),
      removedAt: n % 25 === 0 ? new Date() : null,
    })),
  });
  await prisma.flagReason.createMany({ data: past.map((_, n) => ({ flagId: `flag${n}`, reason: n % 10 === 0 ? "nerves" : "late" })) });
  const matching = past.filter((_, n) => n % 10 !== 0 && n % 25 !== 0).length;
  expect(matching).toBeGreaterThan(1_000); // the walk's threshold
  for (const dir of ["desc", "asc"] as const) {
    // Page 1 is walked, the later pages sorted: together one date order, each interview once.
    const seen: { id: string; at: number }[] = [];
    for (let page = 1; page <= Math.ceil(matching / 100); page++) {
      const result = await listInterviews(parseInterviewQuery(new URLSearchParams(`reason=late&sort=scheduledAt&dir=${dir}&page=${page}&pageSize=100`)), TZ);
      expect(result.total).toBe(matching);
      seen.push(...result.rows.map((r) => ({ id: r.id, at: r.scheduledAt.getTime() })));
    }
    expect(new Set(seen.map((r) => r.id)).size).toBe(matching);
    const sign = dir === "asc" ? 1 : -1;
    for (let i = 1; i < seen.length; i++) expect(Math.sign(seen[i].at - seen[i - 1].at) * sign).toBeGreaterThanOrEqual(0);
  }
});
