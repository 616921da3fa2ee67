// Who sees which candidates: the one home of the rule. By default the agency shares one pool (every recruiter works
// with every candidate); with "recruiters see only their own candidates" on, a recruiter sees only candidates they
// own, with those candidates' interviews and emails. Managers always see the whole agency. Anything out of reach
// answers 404, exactly like something that does not exist.
import { Prisma } from "~/.generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { SessionUser } from "../users/user.server";

/** null: the whole agency; otherwise only candidates owned by `ownerId`. */
export type CandidateScope = { ownerId: string } | null;

type Viewer = Pick<SessionUser, "id" | "role">;

export async function recruitersSeeOwnCandidatesOnly() {
  const agency = await prisma.agency.findUnique({ where: { id: 1 }, select: { recruitersSeeOwnCandidatesOnly: true } });
  return agency?.recruitersSeeOwnCandidatesOnly ?? false;
}

export async function candidateScope(user: Viewer): Promise<CandidateScope> {
  if (user.role === "manager") return null;
  return (await recruitersSeeOwnCandidatesOnly()) ? { ownerId: user.id } : null;
}

/** Prisma condition on Candidate for the scope. */
export function candidateWhere(scope: CandidateScope): Prisma.CandidateWhereInput {
  return scope ? { recruiterId: scope.ownerId } : {};
}

/** Prisma condition on anything with a `candidate` relation (Interview, EmailMessage, …). */
export function viaCandidateWhere(scope: CandidateScope) {
  return scope ? { candidate: { recruiterId: scope.ownerId } } : {};
}

/** Raw SQL condition on a Candidate alias, or null when everything is visible. */
export function candidateSql(scope: CandidateScope, alias = "c"): Prisma.Sql | null {
  return scope ? Prisma.sql`${Prisma.raw(`${alias}."recruiterId"`)} = ${scope.ownerId}` : null;
}

/** Raw SQL condition on a column holding a candidate id (e.g. i."candidateId"), or null when everything is visible. */
export function candidateIdSql(scope: CandidateScope, column: string): Prisma.Sql | null {
  return scope
    ? Prisma.sql`${Prisma.raw(column)} IN (SELECT "id" FROM "Candidate" WHERE "recruiterId" = ${scope.ownerId})`
    : null;
}

function notFound(what: string) {
  return new Response(`${what} not found`, { status: 404, statusText: "Not Found" });
}

/** False when the candidate exists but is out of the scope's reach (a missing candidate is left to the caller). */
export async function scopeAllowsCandidate(scope: CandidateScope, candidateId: string) {
  if (!scope) return true;
  return (await prisma.candidate.count({ where: { id: candidateId, recruiterId: { not: scope.ownerId } } })) === 0;
}

/** Throws a 404 unless the user may see the candidate (a missing candidate is left to the caller's own 404). */
export async function requireCandidateAccess(user: Viewer, candidateId: string) {
  if (!(await scopeAllowsCandidate(await candidateScope(user), candidateId))) throw notFound("Candidate");
}

/** Throws a 404 unless the user may see every one of these candidates. */
export async function requireCandidatesAccess(user: Viewer, candidateIds: string[]) {
  const scope = await candidateScope(user);
  if (!scope || candidateIds.length === 0) return;
  const count = await prisma.candidate.count({ where: { id: { in: candidateIds }, recruiterId: { not: scope.ownerId } } });
  if (count > 0) throw notFound("Candidate");
}

export async function requireInterviewAccess(user: Viewer, interviewId: string) {
  const scope = await candidateScope(user);
  if (!scope) return;
  const count = await prisma.interview.count({ where: { id: interviewId, candidate: { recruiterId: { not: scope.ownerId } } } });
  if (count > 0) throw notFound("Interview");
}

export async function requireEmailAccess(user: Viewer, emailId: string) {
  // An email to staff (a notification) is for managers and the person it went to.
  if (user.role !== "manager") {
    const othersStaffEmail = await prisma.emailMessage.count({ where: { id: emailId, candidateId: null, recipientUserId: { not: user.id } } });
    if (othersStaffEmail > 0) throw notFound("Email");
  }
  const scope = await candidateScope(user);
  if (!scope) return;
  const count = await prisma.emailMessage.count({ where: { id: emailId, candidate: { recruiterId: { not: scope.ownerId } } } });
  if (count > 0) throw notFound("Email");
}
