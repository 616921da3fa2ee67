// Test data builders: each makes a valid row with sensible defaults; pass only what the test is about.
import { randomUUID } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";

const unique = () => randomUUID().slice(0, 8);

export async function makeUser(overrides: { name?: string; email?: string; role?: "recruiter" | "manager"; password?: string | null; active?: boolean } = {}) {
  const password = overrides.password === undefined ? "correct horse battery" : overrides.password;
  return prisma.user.create({
    data: {
      name: overrides.name ?? `User ${unique()}`,
      email: overrides.email ?? `user-${unique()}@example.com`,
      role: overrides.role ?? "recruiter",
      active: overrides.active ?? true,
      passwordHash: password ? await hashPassword(password) : null,
    },
  });
}

export async function makeCompany(overrides: { name?: string } = {}) {
  return prisma.company.create({ data: { name: overrides.name ?? `Company ${unique()}` } });
}

export async function makeCandidate(overrides: { name?: string; email?: string; recruiterId?: string; status?: string } = {}) {
  const recruiterId = overrides.recruiterId ?? (await makeUser()).id;
  return prisma.candidate.create({
    data: {
      name: overrides.name ?? `Candidate ${unique()}`,
      email: overrides.email ?? `candidate-${unique()}@example.net`,
      recruiterId,
      status: overrides.status ?? "open",
    },
  });
}

export async function makeInterview(overrides: { candidateId?: string; companyId?: string; recruiterId?: string; scheduledAt?: Date; impression?: string } = {}) {
  const candidate = overrides.candidateId
    ? await prisma.candidate.findUniqueOrThrow({ where: { id: overrides.candidateId } })
    : await makeCandidate({ recruiterId: overrides.recruiterId });
  return prisma.interview.create({
    data: {
      candidateId: candidate.id,
      companyId: overrides.companyId ?? (await makeCompany()).id,
      recruiterId: overrides.recruiterId ?? candidate.recruiterId,
      roleTitle: "Data Analyst",
      scheduledAt: overrides.scheduledAt ?? new Date("2026-11-20T10:00:00Z"),
      impression: overrides.impression ?? "unknown",
    },
  });
}
