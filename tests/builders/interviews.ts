// Test builder for interviews (keeping the candidate's summary columns right), plus the interview log and flag
// tests' signed-in request and ready-made form inputs.
import { syncCandidateSummary } from "~/models/candidates/summaries.server";
import type { FlagReason } from "~/models/enums";
import type { FlagInput } from "~/models/flags/flag.server";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "./candidates";
import { makeCompany } from "./companies";
import { sessionCookie } from "./session";
import { makeUser } from "./users";

/** An interview of a new candidate (or `candidateId`'s) with a new company; Candidate.lastInterviewAt follows it. */
export async function makeInterview(
  overrides: {
    candidateId?: string;
    companyId?: string;
    recruiterId?: string;
    scheduledAt?: Date;
    impression?: string;
    round?: string;
    format?: string;
    roleTitle?: string;
  } = {},
) {
  const candidate = overrides.candidateId
    ? await prisma.candidate.findUniqueOrThrow({ where: { id: overrides.candidateId } })
    : await makeCandidate({ recruiterId: overrides.recruiterId });
  const companyId = overrides.companyId ?? (await makeCompany()).id;
  return prisma.$transaction(async (tx) => {
    const interview = await tx.interview.create({
      data: {
        candidateId: candidate.id,
        companyId,
        recruiterId: overrides.recruiterId ?? candidate.recruiterId,
        roleTitle: overrides.roleTitle ?? "Data Analyst",
        round: overrides.round ?? "first",
        format: overrides.format ?? "in_person",
        scheduledAt: overrides.scheduledAt ?? new Date("2026-11-20T10:00:00Z"),
        impression: overrides.impression ?? "unknown",
      },
    });
    await syncCandidateSummary(tx, candidate.id);
    return interview;
  });
}

/** A recruiter (or manager) with a session cookie, for calling loaders and actions directly. */
export async function signedIn(role: "recruiter" | "manager" = "recruiter") {
  const user = await makeUser({ role });
  const cookie = await sessionCookie(user.id);
  const post = (path: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    return new Request(`http://localhost${path}`, { method: "POST", body, headers: { Cookie: cookie } });
  };
  const get = (path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
  return { user, cookie, post, get };
}

export function interviewFields(overrides: Record<string, string | string[]> = {}) {
  return {
    candidateMode: "new",
    candidateName: "Priya Raman",
    candidateEmail: "priya.raman@example.net",
    companyName: "Acme Logistics",
    roleTitle: "Data Analyst",
    round: "first",
    format: "video",
    scheduledAt: "2026-11-24T14:30",
    impression: "mixed",
    ...overrides,
  };
}

/** Flag details for the model functions; reasons are plain strings so tests can pass ones the taxonomy lacks. */
export const flagDetails = (
  overrides: Partial<{ reasons: string[]; otherReason: string; severity: string; source: string; description: string }> = {},
): FlagInput => ({
  severity: "serious",
  source: "recruiter_observed",
  description: "Arrived 20 minutes late and rambled.",
  ...overrides,
  reasons: (overrides.reasons ?? ["late", "nerves"]) as FlagReason[],
});

type ActionResult = Response | { init: ResponseInit | null; data: unknown };
export const statusOf = (result: unknown) =>
  result instanceof Response ? result.status : ((result as { init?: ResponseInit | null }).init?.status ?? 200);
export const fieldErrorsOf = (result: unknown) =>
  ((result as { data: { result: { error?: Record<string, string[]> } } }).data.result.error ?? {}) as Record<string, string[]>;
export type { ActionResult };
