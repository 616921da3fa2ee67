// Candidates as the interview log sees them: the type-ahead search, finding one by email, creating one inline.
import type { StaffActor } from "~/models/audit/events";
import { recordAudit } from "~/models/audit/audit.server";
import { Prisma } from "~/.generated/prisma/client";
import { candidateWhere, type CandidateScope } from "./candidate-access.server";
import { prisma, type Tx } from "~/utils/db.server";
import { containsIgnoringCase, equalsIgnoringCase } from "~/utils/sql-dialect.server";
import { RuleViolation } from "~/utils/errors.server";

export type CandidateChoice = { id: string; name: string; email: string };

const choice = { id: true, name: true, email: true } as const;

/** Candidates whose name or email contains the text, for the type-ahead; short queries return nothing. */
export async function searchCandidates(query: string, limit = 10, scope: CandidateScope = null): Promise<CandidateChoice[]> {
  const text = query.trim().slice(0, 100);
  if (text.length < 2) return [];
  // Ignoring case, which is what people expect of a search box.
  return prisma.candidate.findMany({
    where: { ...candidateWhere(scope), OR: [{ name: containsIgnoringCase(text) }, { email: containsIgnoringCase(text.toLowerCase()) }] },
    select: choice,
    orderBy: [{ name: "asc" }, { email: "asc" }],
    take: Math.min(Math.max(limit, 1), 50),
  });
}

export async function findCandidateByEmail(email: string): Promise<CandidateChoice | null> {
  return prisma.candidate.findUnique({ where: { email: email.trim().toLowerCase() }, select: choice });
}

export async function getCandidateChoice(id: string): Promise<CandidateChoice | null> {
  return prisma.candidate.findUnique({ where: { id }, select: choice });
}

/**
 * What someone typed in the candidate box when no candidate was picked from the list (no JavaScript, or typed
 * fast): an email, "Name <email>", or a name that only one candidate has. Null when it does not name exactly one.
 */
export async function resolveCandidateText(text: string): Promise<CandidateChoice | null> {
  const trimmed = text.trim().slice(0, 300);
  if (!trimmed) return null;
  const email = (/<([^<>\s]+@[^<>\s]+)>\s*$/.exec(trimmed)?.[1] ?? trimmed).toLowerCase();
  if (email.includes("@")) return findCandidateByEmail(email);
  const byName = await prisma.$queryRaw<CandidateChoice[]>`
    SELECT "id", "name", "email" FROM "Candidate" WHERE ${equalsIgnoringCase(Prisma.sql`"name"`, trimmed)} LIMIT 2`;
  return byName.length === 1 ? byName[0] : null;
}

/** Raised when a new candidate's email already belongs to someone: the form offers that candidate instead. */
export class DuplicateCandidateEmail extends RuleViolation {
  constructor(
    readonly existing: CandidateChoice,
    field = "candidateEmail",
  ) {
    super(`${existing.name} already has this email address.`, field);
    this.name = "DuplicateCandidateEmail";
  }
}

export type NewCandidateInput = {
  name: string;
  email: string;
  phone?: string | null;
  linkedinUrl?: string | null;
};

/** Creates a candidate owned by the recruiter, inside the caller's transaction, with its audit event. */
export async function createCandidateInTx(
  tx: Tx,
  input: NewCandidateInput,
  { recruiterId, actor }: { recruiterId: string; actor: StaffActor },
) {
  const email = input.email.trim().toLowerCase();
  const existing = await tx.candidate.findUnique({ where: { email }, select: choice });
  if (existing) throw new DuplicateCandidateEmail(existing);
  const candidate = await tx.candidate.create({
    data: {
      name: input.name.trim(),
      email,
      phone: input.phone?.trim() || null,
      linkedinUrl: input.linkedinUrl?.trim() || null,
      recruiterId,
    },
    select: { ...choice, phone: true, linkedinUrl: true, recruiterId: true, status: true },
  });
  await recordAudit(tx, {
    actor,
    action: "candidate.created",
    entityId: candidate.id,
    candidateId: candidate.id,
    after: { name: candidate.name, email: candidate.email, phone: candidate.phone, linkedinUrl: candidate.linkedinUrl },
  });
  return candidate;
}
