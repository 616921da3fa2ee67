// A candidate's profile: contact details, owner and status (with their audited changes), interviews and outcomes.
import { recordAudit } from "~/models/audit/audit.server";
import type { StaffActor } from "~/models/audit/events";
import { prisma, type Tx, isUniqueViolation } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import type { CandidateStatus } from "../enums";
import { assertNotStale, contactVersion, describeContact } from "../stale-edit.server";
import { outcomeChoices } from "../recovery/application.server";
import { getCandidateOutcomes } from "../second-interviews/second-interview.server";
import { syncCandidateSummary } from "./summaries.server";
import { lockCandidate } from "./candidate-lock.server";
import { candidateReassignedInTx } from "../notifications/alerts.server";

/** A candidate has a handful of interviews; the bound only guards against a runaway import. */
export const PROFILE_INTERVIEW_LIMIT = 100;

/** The candidate's interviews, newest first, read once for the profile's list and its timeline. */
export async function listProfileInterviews(candidateId: string) {
  return prisma.interview.findMany({
    where: { candidateId },
    orderBy: { scheduledAt: "desc" },
    take: PROFILE_INTERVIEW_LIMIT,
    select: {
      id: true,
      scheduledAt: true,
      roleTitle: true,
      round: true,
      format: true,
      impression: true,
      interviewerName: true,
      flagSeverity: true,
      company: { select: { name: true } },
      grantedFrom: { select: { id: true } },
    },
  });
}
export type ProfileInterview = Awaited<ReturnType<typeof listProfileInterviews>>[number];
export type ProfileOutcome = Awaited<ReturnType<typeof getCandidateOutcomes>>[number];

export async function getCandidateProfile(candidateId: string) {
  const [candidate, interviews, outcomes] = await Promise.all([
    prisma.candidate.findUnique({
      where: { id: candidateId },
      select: {
        id: true,
        name: true,
        email: true,
        phone: true,
        linkedinUrl: true,
        status: true,
        openFlagCount: true,
        emailOptOut: true,
        createdAt: true,
        erasedAt: true,
        optedOutAt: true,
        doNotContact: true,
        doNotContactAt: true,
        lawfulBasis: true,
        consentGivenAt: true,
        consentHow: true,
        privacyNoticeSentAt: true,
        recruiter: { select: { id: true, name: true, active: true } },
      },
    }),
    listProfileInterviews(candidateId),
    getCandidateOutcomes(candidateId),
  ]);
  if (!candidate) return null;
  return {
    candidate: { ...candidate, status: candidate.status as CandidateStatus, contactVersion: contactVersion(candidate) },
    interviews,
    outcomes,
    outcomeChoices: outcomeChoices(interviews),
  };
}

/** Who a candidate can be given to: active recruiters and managers, plus the current owner if deactivated. */
export async function listAssignableRecruiters(currentRecruiterId?: string) {
  const users = await prisma.user.findMany({
    where: currentRecruiterId ? { OR: [{ active: true }, { id: currentRecruiterId }] } : { active: true },
    select: { id: true, name: true, role: true, active: true },
    orderBy: { name: "asc" },
  });
  return users;
}

// ---------------------------------------------------------------------------------------------------------------
// Changes

export type CandidateChanges = Partial<{
  name: string;
  email: string;
  phone: string | null;
  linkedinUrl: string | null;
  status: CandidateStatus;
  recruiterId: string;
}>;

const editableFields = ["name", "email", "phone", "linkedinUrl", "status"] as const;
type EditableField = (typeof editableFields)[number];

/**
 * Applies contact, status and owner changes in one transaction. Audits only what changed:
 * candidate.updated (before/after of the changed fields) and candidate.reassigned (old and new owner).
 */
export async function updateCandidate(
  candidateId: string,
  { baseVersion, ...changes }: CandidateChanges & { baseVersion?: string },
  actor: StaffActor,
) {
  try {
    return await prisma.$transaction(async (tx) => {
      // Two saves from the same version: the second must see the first (a stale edit), not overwrite it.
      await lockCandidate(tx, candidateId);
      const current = await tx.candidate.findUnique({
        where: { id: candidateId },
        select: { name: true, email: true, phone: true, linkedinUrl: true, status: true, recruiterId: true, erasedAt: true },
      });
      if (!current) throw new RuleViolation("This candidate no longer exists.");
      if (current.erasedAt) throw new RuleViolation("This candidate was erased: their details can't be changed.");
      assertNotStale(baseVersion, contactVersion(current), () => describeContact(current));

      const before: Partial<Record<EditableField, string | null>> = {};
      const after: Partial<Record<EditableField, string | null>> = {};
      for (const field of editableFields) {
        const next = changes[field];
        if (next === undefined || next === current[field]) continue;
        before[field] = current[field];
        after[field] = next;
      }
      if (after.email) {
        const other = await tx.candidate.findUnique({ where: { email: after.email }, select: { id: true, name: true } });
        if (other && other.id !== candidateId) {
          throw new RuleViolation(`Another candidate, ${other.name}, already has this email.`, "email");
        }
      }
      const changed: string[] = Object.keys(after);
      if (changed.length) {
        // Only fields given in `changes` (typed there: name and email are never null) reach `after`.
        await tx.candidate.update({ where: { id: candidateId }, data: after as Omit<CandidateChanges, "recruiterId"> });
        await recordAudit(tx, {
          actor,
          action: "candidate.updated",
          entityId: candidateId,
          candidateId,
          before,
          after,
        });
      }
      if (changes.recruiterId !== undefined && changes.recruiterId !== current.recruiterId) {
        await reassignCandidateInTx(tx, candidateId, changes.recruiterId, actor);
        changed.push("recruiterId");
      }
      return { changed };
    });
  } catch (error) {
    // Two people saving the same email at once: the unique index has the last word.
    if (isUniqueViolation(error)) {
      throw new RuleViolation("Another candidate already has this email.", "email");
    }
    throw error;
  }
}

/**
 * Gives a candidate to another active recruiter or manager, inside the caller's transaction. The candidate's
 * upcoming interviews and those with an open flag move too, so the calls land on the new owner's work queue;
 * past, settled interviews keep the recruiter who handled them.
 */
export async function reassignCandidateInTx(tx: Tx, candidateId: string, recruiterId: string, actor: StaffActor) {
  const candidate = await tx.candidate.findUnique({
    where: { id: candidateId },
    select: { name: true, recruiter: { select: { id: true, name: true } } },
  });
  if (!candidate) throw new RuleViolation("This candidate no longer exists.");
  if (candidate.recruiter.id === recruiterId) return;
  const next = await tx.user.findFirst({ where: { id: recruiterId, active: true }, select: { id: true, name: true } });
  if (!next) throw new RuleViolation("Choose an active recruiter or manager.", "recruiterId");
  await tx.candidate.update({ where: { id: candidateId }, data: { recruiterId: next.id } });
  const moved = await tx.interview.updateMany({
    where: {
      candidateId,
      recruiterId: { not: next.id },
      OR: [{ scheduledAt: { gte: new Date() } }, { flags: { some: { removedAt: null, closedAt: null } } }],
    },
    data: { recruiterId: next.id },
  });
  // Every recovery and second-interview request of the candidate, open or not, belongs to their recruiter's queues.
  await tx.interviewFlag.updateMany({ where: { interview: { candidateId } }, data: { recruiterId: next.id } });
  await tx.secondInterviewRequest.updateMany({ where: { candidateId }, data: { recruiterId: next.id } });
  await syncCandidateSummary(tx, candidateId);
  await recordAudit(tx, {
    actor,
    action: "candidate.reassigned",
    entityId: candidateId,
    candidateId,
    before: { recruiterId: candidate.recruiter.id, recruiterName: candidate.recruiter.name },
    after: { recruiterId: next.id, recruiterName: next.name, interviewsMoved: moved.count },
  });
  await candidateReassignedInTx(tx, { candidateId, candidateName: candidate.name, from: candidate.recruiter, to: next, actorId: actor.userId });
}
