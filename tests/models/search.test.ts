// The search index (FTS5, trigram) on a real migrated SQLite file: what it finds, how it stays in step with the rows
// it mirrors, and that nothing a person can type breaks it.
import { beforeEach, expect, test } from "vitest";
import { updateCandidate } from "~/models/candidates/candidate-profile.server";
import { parseSearchText } from "~/models/search/search-text";
import { quickSearch, searchEverything } from "~/models/search/search.server";
import { prisma } from "~/utils/db.server";
import { textSearchRowids } from "~/utils/sql-dialect.server";
import { makeCandidate } from "../builders/candidates";
import { makeCompany } from "../builders/companies";
import { makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";

const names = async (q: string, scope: { ownerId: string } | null = null) =>
  (await quickSearch(q, scope, { candidates: 50, companies: 50 })).candidates.map((c) => c.name).sort();
const companies = async (q: string) => (await quickSearch(q, null)).companies.map((c) => c.name);

let ada: { id: string; name: string };

beforeEach(async () => {
  await prisma.candidate.deleteMany();
  await prisma.company.deleteMany();
  await prisma.user.deleteMany();
  ada = await makeUser({ name: "Ada Recruiter" });
});

async function candidate(name: string, email: string, phone: string | null = null, recruiterId = ada.id) {
  const made = await makeCandidate({ name, email, recruiterId });
  return phone ? prisma.candidate.update({ where: { id: made.id }, data: { phone } }) : made;
}

test("finds a candidate by part of the email, the name or the phone, in any case", async () => {
  await candidate("Jamie Osei", "jamie.osei@northmail.example", "+44 7700 900123");
  await candidate("Priya Patel", "p.patel@southpost.example", "020 7946 0018");
  expect(await names("northmail")).toEqual(["Jamie Osei"]);
  expect(await names("OSEI@NORTH")).toEqual(["Jamie Osei"]);
  expect(await names("riya pat")).toEqual(["Priya Patel"]);
  expect(await names("patel priya")).toEqual(["Priya Patel"]);
  expect(await names("900123")).toEqual(["Jamie Osei"]);
  // Phones match on their digits whatever the spacing people type.
  expect(await names("7700900")).toEqual(["Jamie Osei"]);
  expect(await names("(020) 7946-0018")).toEqual(["Priya Patel"]);
  expect(await names("example")).toEqual(["Jamie Osei", "Priya Patel"]);
  expect(await names("nobody")).toEqual([]);
});

test("shows each candidate's owner and each company's interview count", async () => {
  const jamie = await candidate("Jamie Osei", "jamie@x.example");
  const acme = await makeCompany({ name: "Acme Logistics" });
  await makeCompany({ name: "Globex" });
  await makeInterview({ candidateId: jamie.id, companyId: acme.id });
  await makeInterview({ candidateId: jamie.id, companyId: acme.id });
  const found = await quickSearch("jamie", null);
  expect(found.candidates).toEqual([
    { id: jamie.id, name: "Jamie Osei", email: "jamie@x.example", phone: null, ownerName: "Ada Recruiter" },
  ]);
  expect((await quickSearch("logist", null)).companies).toEqual([{ id: acme.id, name: "Acme Logistics", interviewCount: 2 }]);
  expect(await companies("glo")).toEqual(["Globex"]);
});

test("a recruiter who sees only their own candidates finds only those, and counts only their interviews", async () => {
  const bob = await makeUser({ name: "Bob" });
  const mine = await candidate("Sam Mine", "sam.mine@x.example");
  const theirs = await candidate("Sam Theirs", "sam.theirs@x.example", null, bob.id);
  const acme = await makeCompany({ name: "Acme" });
  await makeInterview({ candidateId: mine.id, companyId: acme.id });
  await makeInterview({ candidateId: theirs.id, companyId: acme.id });
  expect(await names("sam", { ownerId: ada.id })).toEqual(["Sam Mine"]);
  expect(await names("sam")).toEqual(["Sam Mine", "Sam Theirs"]);
  expect((await quickSearch("acme", { ownerId: ada.id })).companies[0].interviewCount).toBe(1);
  const page = await searchEverything("sam", { ownerId: ada.id });
  expect(page.candidateTotal).toBe(1);
});

test("the index follows a rename and an email change made through the app, in the same transaction", async () => {
  const jamie = await candidate("Jamie Osei", "jamie.osei@old.example");
  await updateCandidate(jamie.id, { name: "Jamie Mensah", email: "jamie@newmail.example" }, { userId: ada.id });
  expect(await names("osei")).toEqual([]);
  expect(await names("old.example")).toEqual([]);
  expect(await names("mensah")).toEqual(["Jamie Mensah"]);
  expect(await names("newmail")).toEqual(["Jamie Mensah"]);
  await prisma.candidate.update({ where: { id: jamie.id }, data: { phone: "07700 900999" } });
  expect(await names("900999")).toEqual(["Jamie Mensah"]);
  await prisma.candidate.update({ where: { id: jamie.id }, data: { phone: null } });
  expect(await names("900999")).toEqual([]);
});

test("a rolled-back write leaves nothing in the index", async () => {
  await expect(
    prisma.$transaction(async (tx) => {
      await tx.candidate.create({ data: { name: "Ghost Writer", email: "ghost@x.example", recruiterId: ada.id } });
      throw new Error("changed my mind");
    }),
  ).rejects.toThrow("changed my mind");
  expect(await names("ghost")).toEqual([]);
});

test("deleting (erasing) a candidate removes them and their interviews from the index", async () => {
  const jamie = await candidate("Jamie Osei", "jamie@x.example");
  const acme = await makeCompany({ name: "Acme" });
  await makeInterview({ candidateId: jamie.id, companyId: acme.id, roleTitle: "Forklift driver" });
  await prisma.candidate.delete({ where: { id: jamie.id } });
  expect(await names("jamie")).toEqual([]);
  // Through the dialect's own search subquery: SQLite's FTS5 rows (MATCH), PostgreSQL's indexed rows.
  const left = await prisma.$queryRaw<{ n: bigint | number }[]>`
    SELECT COUNT(*) AS n FROM (${textSearchRowids("InterviewSearch", ["forklift"])}) m`;
  expect(Number(left[0].n)).toBe(0);
  expect(await companies("acme")).toEqual(["Acme"]);
});

test("a company rename and delete reach its search row", async () => {
  const acme = await makeCompany({ name: "Acme" });
  await prisma.company.update({ where: { id: acme.id }, data: { name: "Initech" } });
  expect(await companies("acme")).toEqual([]);
  expect(await companies("inite")).toEqual(["Initech"]);
  await prisma.company.delete({ where: { id: acme.id } });
  expect(await companies("inite")).toEqual([]);
});

test("the /search page counts candidates and pages through them", async () => {
  for (let i = 0; i < 30; i++) await candidate(`Pat Number ${i}`, `pat${i}@x.example`);
  const first = await searchEverything("pat", null);
  expect(first.candidateTotal).toBe(30);
  expect(first.pages).toBe(2);
  expect(first.candidates).toHaveLength(25);
  const second = await searchEverything("pat", null, 2);
  expect(second.candidates).toHaveLength(5);
  const all = [...first.candidates, ...second.candidates].map((c) => c.name);
  expect(new Set(all).size).toBe(30);
  // A page past the end shows the last page.
  expect((await searchEverything("pat", null, 99)).page).toBe(2);
});

test("short, long and syntax-looking text never throws and says what to do", async () => {
  await candidate("Jo O'Neil-Smith", "jo*star@x.example");
  expect(parseSearchText("")).toEqual({ kind: "empty" });
  expect(parseSearchText("  jo ")).toMatchObject({ kind: "invalid", message: "Type at least 3 characters to search." });
  expect(parseSearchText("x".repeat(101))).toMatchObject({ kind: "invalid", message: "Search for at most 100 characters." });
  expect(parseSearchText("a\u0000bcd")).toMatchObject({ kind: "invalid" });
  expect(await names("jo")).toEqual([]);
  expect(await names("x".repeat(5000))).toEqual([]);
  // FTS5 query syntax is text to find, never syntax.
  for (const q of ['"', '"""', "*", "jo*", "NEAR(jo star)", "jo AND star", "name:jo", "^jo", "(((", "o'n", "-smith", "a OR b OR c", "\\", "%_%", "💥💥💥"]) {
    await expect(quickSearch(q, null)).resolves.toBeDefined();
    await expect(searchEverything(q, null)).resolves.toBeDefined();
  }
  expect(await names("jo*star")).toEqual(["Jo O'Neil-Smith"]);
  expect(await names("o'neil")).toEqual(["Jo O'Neil-Smith"]);
  expect(await names("neil-smith")).toEqual(["Jo O'Neil-Smith"]);
});
