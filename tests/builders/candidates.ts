// Test builder for candidates. A new candidate has no interviews, so its summary columns start right (null, 0);
// interviews and flags made through their builders keep them right afterwards.
import { prisma } from "~/utils/db.server";
import { makeUser, unique } from "./users";

export async function makeCandidate(
  overrides: { name?: string; email?: string; phone?: string; recruiterId?: string; status?: string } = {},
) {
  const recruiterId = overrides.recruiterId ?? (await makeUser()).id;
  return prisma.candidate.create({
    data: {
      name: overrides.name ?? `Candidate ${unique()}`,
      email: overrides.email ?? `candidate-${unique()}@example.net`,
      phone: overrides.phone,
      recruiterId,
      status: overrides.status ?? "open",
    },
  });
}
