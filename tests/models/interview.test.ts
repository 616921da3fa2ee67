import { expect, test } from "vitest";
import { DuplicateCandidateEmail } from "~/models/candidates/candidate.server";
import { getInterviewPage, logInterview, type LogInterviewInput } from "~/models/interviews/interview.server";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { makeCandidate } from "../builders/candidates";
import { makeCompany } from "../builders/companies";
import { makeUser } from "../builders/users";

const base = (overrides: Partial<LogInterviewInput> = {}): LogInterviewInput => ({
  candidate: { kind: "new", name: "Priya Raman", email: `priya-${Math.random().toString(36).slice(2)}@example.net` },
  companyName: "Acme Logistics",
  roleTitle: "Data Analyst",
  round: "first",
  format: "video",
  scheduledAt: new Date("2026-11-24T14:30:00Z"),
  impression: "mixed",
  ...overrides,
});

test("logging for a new candidate creates the candidate, the company and the interview, audited, with summaries", async () => {
  const recruiter = await makeUser();
  const logged = await logInterview(
    base({ candidate: { kind: "new", name: " Priya Raman ", email: "Priya.Raman@Example.net", phone: "+44 20 7946 0000" }, companyName: "Brand New Ltd" }),
    { userId: recruiter.id },
  );
  expect(logged).toMatchObject({ candidateCreated: true, companyCreated: true, wentBadly: false });
  const candidate = await prisma.candidate.findUniqueOrThrow({ where: { id: logged.candidateId } });
  expect(candidate).toMatchObject({ name: "Priya Raman", email: "priya.raman@example.net", recruiterId: recruiter.id, phone: "+44 20 7946 0000" });
  expect(candidate.lastInterviewAt?.toISOString()).toBe("2026-11-24T14:30:00.000Z");
  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: logged.interviewId }, include: { company: true } });
  expect(interview).toMatchObject({ recruiterId: recruiter.id, roleTitle: "Data Analyst", format: "video" });
  expect(interview.company.name).toBe("Brand New Ltd");
  const events = await prisma.auditEvent.findMany({ where: { candidateId: candidate.id }, orderBy: { at: "asc" } });
  expect(events.map((e) => e.action).sort()).toEqual(["candidate.created", "interview.logged"]);
  const loggedEvent = events.find((e) => e.action === "interview.logged")!;
  expect(JSON.parse(loggedEvent.after!)).toEqual({
    companyName: "Brand New Ltd",
    roleTitle: "Data Analyst",
    round: "first",
    scheduledAt: "2026-11-24T14:30:00.000Z",
    impression: "mixed",
  });
});

test("logging for an existing candidate reuses the company whatever its case and gives the interview to the candidate's recruiter", async () => {
  const owner = await makeUser();
  const someoneElse = await makeUser();
  const candidate = await makeCandidate({ recruiterId: owner.id });
  const company = await makeCompany({ name: "Northwind Traders" });
  const logged = await logInterview(
    base({ candidate: { kind: "existing", id: candidate.id }, companyName: "northwind traders" }),
    { userId: someoneElse.id },
  );
  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: logged.interviewId } });
  expect(interview).toMatchObject({ companyId: company.id, recruiterId: owner.id, candidateId: candidate.id });
  expect(logged.companyCreated).toBe(false);
});

test("an existing candidate can be named by their email when none was picked from the list", async () => {
  const recruiter = await makeUser();
  const candidate = await makeCandidate({ email: "typed@example.net" });
  const logged = await logInterview(base({ candidate: { kind: "existing", text: "TYPED@example.net" } }), { userId: recruiter.id });
  expect(logged.candidateId).toBe(candidate.id);
  await expect(
    logInterview(base({ candidate: { kind: "existing", text: "nobody@example.net" } }), { userId: recruiter.id }),
  ).rejects.toMatchObject({ field: "candidateQuery" });
});

test("a new candidate with an email already on file is refused and nothing is written", async () => {
  const recruiter = await makeUser();
  const existing = await makeCandidate({ email: "dup@example.net" });
  const before = { interviews: await prisma.interview.count(), companies: await prisma.company.count(), audit: await prisma.auditEvent.count() };
  const attempt = logInterview(
    base({ candidate: { kind: "new", name: "Dup Person", email: "DUP@example.net" }, companyName: "Never Created Co" }),
    { userId: recruiter.id },
  );
  await expect(attempt).rejects.toBeInstanceOf(DuplicateCandidateEmail);
  await expect(attempt).rejects.toMatchObject({ existing: { id: existing.id } });
  expect(await prisma.interview.count()).toBe(before.interviews);
  expect(await prisma.company.count()).toBe(before.companies);
  expect(await prisma.auditEvent.count()).toBe(before.audit);
});

test("a went-badly interview says so, and an unknown candidate id is refused", async () => {
  const recruiter = await makeUser();
  const logged = await logInterview(base({ impression: "went_badly" }), { userId: recruiter.id });
  expect(logged.wentBadly).toBe(true);
  await expect(logInterview(base({ candidate: { kind: "existing", id: "nope" } }), { userId: recruiter.id })).rejects.toBeInstanceOf(RuleViolation);
});

test("the interview page has the candidate, company, recruiter and no flag for a fresh interview; null for an unknown id", async () => {
  const recruiter = await makeUser({ name: "Rita Recruiter" });
  const logged = await logInterview(base(), { userId: recruiter.id });
  const page = await getInterviewPage(logged.interviewId);
  expect(page).toMatchObject({ roleTitle: "Data Analyst", company: { name: "Acme Logistics" }, recruiter: { name: "Rita Recruiter" }, flag: null });
  expect(await getInterviewPage("does-not-exist")).toBeNull();
});
