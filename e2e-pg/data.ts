// Run by two-instances.spec.ts as a child process with the instances' DATABASE_URL and SESSION_SECRET (the app reads
// its configuration once per process): two candidates of the demo recruiter, each with an interview that went
// badly three hours ago, made by the Vitest builders through the app's own PostgreSQL client.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../tests/builders/candidates";
import { makeInterview } from "../tests/builders/interviews";

const [recruiterEmail, outputFile] = process.argv.slice(2);
const recruiter = await prisma.user.findUniqueOrThrow({ where: { email: recruiterEmail } });
const company = await prisma.company.findFirstOrThrow({ orderBy: { name: "asc" } });
const made = [];
for (const label of ["a", "b"]) {
  const tag = randomBytes(3).toString("hex");
  const candidate = await makeCandidate({
    name: `Casey Smoke${label.toUpperCase()}-${tag}`,
    email: `smoke-${label}-${tag}@e2e.example.com`,
    recruiterId: recruiter.id,
  });
  const interview = await makeInterview({
    candidateId: candidate.id,
    companyId: company.id,
    recruiterId: recruiter.id,
    roleTitle: "Office Manager",
    format: "in_person",
    scheduledAt: new Date(Date.now() - 3 * 3600_000),
  });
  made.push({ candidateId: candidate.id, interviewId: interview.id, name: candidate.name, email: candidate.email });
}
writeFileSync(outputFile, JSON.stringify(made));
await prisma.$disconnect();
process.exit(0);
