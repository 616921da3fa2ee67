import { expect, test } from "vitest";
import { createCandidateInTx, DuplicateCandidateEmail, findCandidateByEmail, resolveCandidateText, searchCandidates } from "~/models/candidates/candidate.server";
import { findOrCreateCompanyInTx } from "~/models/interviews/company.server";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { makeCompany } from "../builders/companies";
import { makeUser } from "../builders/users";

test("search finds candidates by part of the name or email, ignoring case, and ignores one-letter queries", async () => {
  const recruiter = await makeUser();
  await makeCandidate({ name: "Oluwaseun Adeyemi", email: "seun@example.net", recruiterId: recruiter.id });
  await makeCandidate({ name: "Mara Lindqvist", email: "mara.l@example.org", recruiterId: recruiter.id });
  expect((await searchCandidates("adeye")).map((c) => c.name)).toEqual(["Oluwaseun Adeyemi"]);
  expect((await searchCandidates("MARA.L@")).map((c) => c.email)).toEqual(["mara.l@example.org"]);
  expect(await searchCandidates("a")).toEqual([]);
});

test("typed text resolves to a candidate by email, by 'Name <email>' or by a name only one candidate has", async () => {
  const a = await makeCandidate({ name: "Sam Okafor", email: "sam.o@example.net" });
  await makeCandidate({ name: "Alex Kim", email: "alex1@example.net" });
  await makeCandidate({ name: "Alex Kim", email: "alex2@example.net" });
  expect((await resolveCandidateText("SAM.O@example.net"))?.id).toBe(a.id);
  expect((await resolveCandidateText("Sam Okafor <sam.o@example.net>"))?.id).toBe(a.id);
  expect((await resolveCandidateText("sam okafor"))?.id).toBe(a.id);
  expect(await resolveCandidateText("Alex Kim")).toBeNull();
  expect(await findCandidateByEmail("nobody@example.net")).toBeNull();
});

test("creating a candidate with an email that is taken is refused and names the existing candidate", async () => {
  const existing = await makeCandidate({ email: "taken@example.net" });
  const recruiter = await makeUser();
  const attempt = prisma.$transaction((tx) =>
    createCandidateInTx(tx, { name: "Someone Else", email: "Taken@Example.net" }, { recruiterId: recruiter.id, actor: { userId: recruiter.id } }),
  );
  await expect(attempt).rejects.toBeInstanceOf(DuplicateCandidateEmail);
  await expect(attempt).rejects.toMatchObject({ existing: { id: existing.id }, field: "candidateEmail" });
  expect(await prisma.candidate.count({ where: { name: "Someone Else" } })).toBe(0);
});

test("a company is found whatever the letter case, and created only when new", async () => {
  const acme = await makeCompany({ name: "Acme Logistics" });
  const found = await prisma.$transaction((tx) => findOrCreateCompanyInTx(tx, "  acme   LOGISTICS "));
  expect(found).toMatchObject({ id: acme.id, created: false });
  const created = await prisma.$transaction((tx) => findOrCreateCompanyInTx(tx, "Northwind"));
  expect(created).toMatchObject({ name: "Northwind", created: true });
  expect(await prisma.company.count({ where: { name: { in: ["Acme Logistics", "Northwind"] } } })).toBe(2);
});
