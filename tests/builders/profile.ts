// Test builders for the profile, timeline and dashboard tests: flags, requests, outcomes, emails, signed-in requests.
import { randomUUID } from "node:crypto";
import { syncCandidateSummary, syncInterviewFlagSummary } from "~/models/candidates/summaries.server";
import { prisma } from "~/utils/db.server";
import { recoveryWindowClosesAt } from "~/models/recovery/rules";

const unique = () => randomUUID().slice(0, 8);

export async function makeFlag(
  interviewId: string,
  overrides: {
    flaggedById?: string;
    flaggedAt?: Date;
    severity?: string;
    reasons?: string[];
    otherReason?: string;
    description?: string;
    closedAt?: Date | null;
    closedById?: string | null;
    closedReason?: string | null;
    removedAt?: Date | null;
  } = {},
) {
  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
  const flag = await prisma.interviewFlag.create({
    data: {
      interviewId,
      flaggedById: overrides.flaggedById ?? interview.recruiterId,
      flaggedAt: overrides.flaggedAt ?? new Date(),
      severity: overrides.severity ?? "serious",
      source: "recruiter_observed",
      description: overrides.description ?? null,
      otherReason: overrides.otherReason ?? null,
      windowClosesAt: recoveryWindowClosesAt(interview),
      closedAt: overrides.closedAt ?? null,
      closedById: overrides.closedById ?? null,
      closedReason: overrides.closedReason ?? (overrides.closedAt ? "resolved_by_hand" : null),
      recoveryState: overrides.closedAt ? "closed" : "open",
      removedAt: overrides.removedAt ?? null,
      reasons: { create: (overrides.reasons ?? ["late"]).map((reason) => ({ reason })) },
    },
  });
  // Keep the summary columns true, as the app's own flag writes do.
  await syncInterviewFlagSummary(prisma, interviewId);
  await syncCandidateSummary(prisma, interview.candidateId);
  return flag;
}

export async function makeSecondInterviewRequest(
  interviewId: string,
  overrides: { requestedAt?: Date; response?: string; respondedAt?: Date | null; recordedById?: string } = {},
) {
  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
  return prisma.secondInterviewRequest.create({
    data: {
      interviewId,
      candidateId: interview.candidateId,
      requestedAt: overrides.requestedAt ?? new Date(),
      requestedBy: "candidate",
      channel: "phone",
      response: overrides.response ?? "pending",
      respondedAt: overrides.respondedAt ?? null,
      recordedById: overrides.recordedById ?? interview.recruiterId,
    },
  });
}

export async function makeOutcome(
  candidateId: string,
  overrides: { interviewId?: string; companyId?: string; outcome?: string; decidedAt?: Date; recordedById: string },
) {
  return prisma.candidacyOutcome.create({
    data: {
      candidateId,
      interviewId: overrides.interviewId ?? null,
      companyId: overrides.companyId ?? null,
      outcome: overrides.outcome ?? "hired",
      decidedAt: overrides.decidedAt ?? new Date(),
      recordedById: overrides.recordedById,
    },
  });
}

export async function makeEmail(
  candidateId: string,
  overrides: { subject?: string; status?: string; createdAt?: Date; sentAt?: Date | null; sentById?: string } = {},
) {
  const candidate = await prisma.candidate.findUniqueOrThrow({ where: { id: candidateId } });
  return prisma.emailMessage.create({
    data: {
      candidateId,
      template: "recovery-guidance",
      toAddress: candidate.email,
      subject: overrides.subject ?? "After your interview",
      html: "<p>Hello</p>",
      text: "Hello",
      status: overrides.status ?? "sent",
      createdAt: overrides.createdAt ?? new Date(),
      sentAt: overrides.sentAt === undefined ? new Date() : overrides.sentAt,
      sentById: overrides.sentById ?? null,
      messageId: `<${unique()}@test>`,
    },
  });
}

export async function setAgencyTimeZone(timeZone: string) {
  await prisma.agency.upsert({ where: { id: 1 }, create: { id: 1, timeZone }, update: { timeZone } });
}

/** A request carrying a valid session cookie for the user (a real session row), for calling loaders and actions directly. */
