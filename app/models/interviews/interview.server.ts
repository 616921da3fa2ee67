// Logging interviews and reading one interview with its flag, for /interviews/new and /interviews/:interviewId.
import type { StaffActor } from "~/models/audit/events";
import { inTaxonomyOrder } from "~/models/flags/reasons";
import { recordAudit } from "~/models/audit/audit.server";
import { prisma, isUniqueViolation } from "~/utils/db.server";
import { scopeAllowsCandidate, type CandidateScope } from "../candidates/candidate-access.server";
import { RuleViolation } from "~/utils/errors.server";
import {
  createCandidateInTx,
  DuplicateCandidateEmail,
  resolveCandidateText,
  type NewCandidateInput,
} from "../candidates/candidate.server";
import { findOrCreateCompanyInTx } from "./company.server";
import { lateFlagNotice } from "../recovery/rules";
import { flagVersion } from "../stale-edit.server";
import { syncCandidateSummary } from "../candidates/summaries.server";
import { planCheckInInTx } from "../check-in/check-in.server";

export type LogInterviewInput = {
  candidate: { kind: "existing"; id?: string; text?: string } | ({ kind: "new" } & NewCandidateInput);
  companyName: string;
  roleTitle: string;
  round: string;
  format: string;
  scheduledAt: Date;
  interviewerName?: string | null;
  impression: string;
  notes?: string | null;
  /** Ask the candidate "How did it go?" after the interview (the agency's setting can still switch it off). */
  checkIn?: boolean;
};

/**
 * Records an interview, creating the candidate and the company when they are new, all in one transaction. The
 * interview belongs to the candidate's recruiter, so it lands in their work queue; a new candidate is the logger's.
 */
export async function logInterview(input: LogInterviewInput, actor: StaffActor, scope: CandidateScope = null, now = new Date()) {
  let existingId: string | undefined;
  if (input.candidate.kind === "existing") {
    const { id, text } = input.candidate;
    existingId = id ?? (text ? (await resolveCandidateText(text))?.id : undefined);
    // A candidate out of the recruiter's reach is treated as no match at all.
    if (existingId && !(await scopeAllowsCandidate(scope, existingId))) existingId = undefined;
    if (!existingId) {
      throw new RuleViolation(
        "No candidate matches that. Pick one from the suggestions, type their exact email address, or create a new candidate.",
        "candidateQuery",
      );
    }
  }
  const save = () =>
    prisma.$transaction(async (tx) => {
      let candidate: { id: string; recruiterId: string; name: string };
      if (input.candidate.kind === "new") {
        candidate = await createCandidateInTx(tx, input.candidate, { recruiterId: actor.userId, actor });
      } else {
        const found = await tx.candidate.findUnique({
          where: { id: existingId },
          select: { id: true, recruiterId: true, name: true },
        });
        if (!found) throw new RuleViolation("That candidate no longer exists. Choose another.", "candidateQuery");
        candidate = found;
      }
      const company = await findOrCreateCompanyInTx(tx, input.companyName);
      const interview = await tx.interview.create({
        data: {
          candidateId: candidate.id,
          companyId: company.id,
          recruiterId: candidate.recruiterId,
          roleTitle: input.roleTitle.trim(),
          round: input.round,
          format: input.format,
          scheduledAt: input.scheduledAt,
          interviewerName: input.interviewerName?.trim() || null,
          impression: input.impression,
          notes: input.notes?.trim() || null,
        },
        select: { id: true, impression: true, scheduledAt: true, durationMinutes: true },
      });
      await planCheckInInTx(tx, interview, { wanted: input.checkIn ?? true, now });
      await recordAudit(tx, {
        actor,
        action: "interview.logged",
        entityId: interview.id,
        candidateId: candidate.id,
        after: {
          companyName: company.name,
          roleTitle: input.roleTitle.trim(),
          round: input.round,
          scheduledAt: input.scheduledAt.toISOString(),
          impression: input.impression,
        },
      });
      await syncCandidateSummary(tx, candidate.id);
      return {
        interviewId: interview.id,
        candidateId: candidate.id,
        candidateName: candidate.name,
        candidateCreated: input.candidate.kind === "new",
        companyCreated: company.created,
        wentBadly: interview.impression === "went_badly",
      };
    });
  try {
    return await save();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Two people creating the same candidate at once: the second gets the same answer as a plain duplicate.
    if (input.candidate.kind === "new") {
      const existing = await prisma.candidate.findUnique({
        where: { email: input.candidate.email.trim().toLowerCase() },
        select: { id: true, name: true, email: true },
      });
      if (existing) throw new DuplicateCandidateEmail(existing);
    }
    // Otherwise the same new company was created by another request meanwhile: once more, it is found this time.
    return await save();
  }
}

/** Everything /interviews/:interviewId shows: the interview, its current (not removed) flag and its deadline. */
export async function getInterviewPage(interviewId: string) {
  const interview = await prisma.interview.findUnique({
    where: { id: interviewId },
    select: {
      id: true,
      roleTitle: true,
      round: true,
      format: true,
      scheduledAt: true,
      durationMinutes: true,
      interviewerName: true,
      impression: true,
      notes: true,
      flagSeverity: true,
      createdAt: true,
      candidate: { select: { id: true, name: true, email: true, status: true } },
      company: { select: { id: true, name: true } },
      recruiter: { select: { id: true, name: true } },
      checkIn: { select: { status: true, dueAt: true, sentAt: true, skippedReason: true, answer: true, answeredAt: true, reasons: true, note: true } },
      flags: {
        where: { removedAt: null },
        orderBy: { flaggedAt: "desc" },
        take: 1,
        select: {
          id: true,
          severity: true,
          source: true,
          description: true,
          otherReason: true,
          flaggedAt: true,
          windowClosesAt: true,
          recoveryState: true,
          stateChangedAt: true,
          closedAt: true,
          closedReason: true,
          closedNote: true,
          snoozedUntil: true,
          snoozeNote: true,
          updatedAt: true,
          flaggedBy: { select: { name: true } },
          closedBy: { select: { name: true } },
          snoozedBy: { select: { name: true } },
          reasons: { select: { reason: true } },
        },
      },
    },
  });
  if (!interview) return null;
  const { flags, ...rest } = interview;
  const current = flags[0];
  const flag = current
    ? {
        ...current,
        // Taxonomy order, so the page reads the same way every time.
        reasons: inTaxonomyOrder(current.reasons.map((x) => x.reason)),
        /** Set when the flag was logged after the window closed: says so, and what to do. */
        lateNotice: lateFlagNotice(interview, current.flaggedAt),
        // What the edit form starts from, so a save over someone else's edit is caught (stale-edit.server.ts).
        version: flagVersion({ ...current, reasons: current.reasons.map((x) => x.reason) }),
      }
    : null;
  return { ...rest, flag };
}

export type InterviewPage = NonNullable<Awaited<ReturnType<typeof getInterviewPage>>>;
