// Builders shared by the recovery-email tests: a candidate's interview, flagged (which starts the checklist) or not.
import { flagInterview } from "~/models/flags/flag.server";
import { interviewEnd } from "~/models/recovery/rules";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { makeCompany } from "../builders/companies";
import { flagDetails, makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";

export async function makeEmailableInterview(
  overrides: {
    candidateName?: string;
    companyName?: string;
    reasons?: string[];
    flagged?: boolean;
    optedOut?: boolean;
    scheduledAt?: Date;
    recruiterId?: string;
  } = {},
) {
  const recruiter = overrides.recruiterId
    ? await prisma.user.findUniqueOrThrow({ where: { id: overrides.recruiterId } })
    : await makeUser({ name: "Sam Okafor" });
  const candidate = await makeCandidate({ name: overrides.candidateName ?? "Priya Raman", recruiterId: recruiter.id });
  if (overrides.optedOut) {
    await prisma.candidate.update({
      where: { id: candidate.id },
      data: { emailOptOut: true, optedOutAt: new Date("2026-11-21T09:00:00Z") },
    });
  }
  const company = await makeCompany({ name: overrides.companyName ?? `Acme Logistics ${candidate.id.slice(-5)}` });
  const interview = await makeInterview({
    candidateId: candidate.id,
    companyId: company.id,
    scheduledAt: overrides.scheduledAt ?? new Date("2026-11-20T10:00:00Z"),
  });
  if (overrides.flagged !== false) {
    // Flagged as the interview ended, as a recruiter who heard straight away would.
    await flagInterview(interview.id, flagDetails({ reasons: overrides.reasons ?? ["late", "nerves"] }), { userId: recruiter.id }, interviewEnd(interview));
  }
  return { recruiter, candidate, company, interview };
}

export const outboxFor = (candidateId: string) =>
  prisma.emailMessage.findMany({ where: { candidateId }, orderBy: { createdAt: "asc" } });
