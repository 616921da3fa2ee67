// Run by private-server.ts as a child process, with the private server's DATABASE_URL and SESSION_SECRET (the app
// reads its configuration once per process, and the Playwright worker's copy points at the shared e2e database):
// fills the database with the Vitest builders and signs both users in with the app's own session code.
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createUserSession } from "~/utils/session.server";
import { makeCandidate } from "../tests/builders/candidates";
import { makeCompany } from "../tests/builders/companies";
import { makeUnsubscribeToken } from "../tests/builders/emails";
import { makeInterview } from "../tests/builders/interviews";
import { makeUser } from "../tests/builders/users";

const [name, outputFile] = process.argv.slice(2);
const password = `pw-${randomBytes(8).toString("hex")}`;
const manager = await makeUser({ name: "Morgan Private", email: `manager-${name}@e2e.example.com`, role: "manager", password });
const recruiter = await makeUser({ name: "Riley Private", email: `recruiter-${name}@e2e.example.com`, password });
const company = await makeCompany({ name: "Acme Private" });
const candidate = await makeCandidate({ name: "Casey Private", email: "casey-private@e2e.example.com", recruiterId: recruiter.id });
const interview = await makeInterview({
  candidateId: candidate.id,
  companyId: company.id,
  recruiterId: recruiter.id,
  roleTitle: "Office Manager",
  scheduledAt: new Date(),
});
// An unsubscribe link as an email would carry it.
const unsubscribeToken = await makeUnsubscribeToken(candidate.id, new Date(Date.now() + 86_400_000));

/** The Cookie header value of a real session, made and signed by the app. */
async function cookie(userId: string) {
  const response = await createUserSession(userId, "/");
  return response.headers.get("Set-Cookie")!.split(";")[0];
}

const data = {
  users: {
    manager: { id: manager.id, cookie: await cookie(manager.id) },
    recruiter: { id: recruiter.id, cookie: await cookie(recruiter.id) },
  },
  candidateId: candidate.id,
  interviewId: interview.id,
  unsubscribeToken,
};
writeFileSync(outputFile, JSON.stringify(data));
// The Prisma client would keep the process alive.
process.exit(0);
