// Second interviews after a bad interview: the request for a second interview, the company's answer, the second
// interview it leads to, and the candidacy's outcome. Every write is one transaction with its audit event.
import type { StaffActor } from "~/models/audit/events";
import { Prisma } from "~/.generated/prisma/client";
import { recordAudit } from "~/models/audit/audit.server";
import { requestAnsweredInTx, scheduleRequestAlertInTx } from "../notifications/alerts.server";
import { readDate, sqlDate } from "~/utils/sql-dialect.server";
import { prisma, type Tx, isUniqueViolation } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import type { CandidateStatus } from "../enums";
import { RECOVERY_WINDOW_HOURS, recoveryWindowClosesAt, requestTiming, requestWaitingSince, REQUEST_WAITING_DAYS } from "../recovery/rules";
import {
  type OutcomeInput,
  type RequestInput,
  type ResponseInput,
  type ScheduleInput,
} from "./second-interview-forms";
import { countRows } from "~/utils/bounded-count.server";
import { applicationOf } from "../recovery/application.server";
import { syncCandidateSummary } from "../candidates/summaries.server";
import { syncRecoveryFacts } from "../stats/recovery-facts.server";
import { lockInterviewCandidate } from "../candidates/candidate-lock.server";
import { closeRecoveriesForOutcome, inQueue, moveRecoveryForRequest, openRecovery } from "../recovery/lifecycle.server";


const HOUR = 3600_000;
/** People type times to the minute and clocks drift: "now" tolerates this much of the future. */
const CLOCK_SLACK_MS = 5 * 60_000;
/** How many waiting requests the dashboard lists. */
export const WAITING_REQUESTS_LIMIT = 25;

/** Shown when a request missed the best route: a phone call within 24 hours works best. */
export function requestAdvice(timing: { withinWindow: boolean }, channel: string) {
  if (timing.withinWindow && channel === "phone") return null;
  return `A phone call within ${RECOVERY_WINDOW_HOURS} hours of the interview works best${
    timing.withinWindow ? "" : "; a late request still counts, so keep going"
  }.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Writes

function notInFuture(date: Date, now: Date, field: string, what: string) {
  if (date.getTime() > now.getTime() + CLOCK_SLACK_MS) throw new RuleViolation(`${what} can't be in the future.`, field);
}

/** Records that the candidate or the recruiter asked the company for a second interview after this one. */
export async function recordSecondInterviewRequest(interviewId: string, input: RequestInput, actor: StaffActor, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    await lockInterviewCandidate(tx, interviewId);
    const interview = await tx.interview.findUnique({
      where: { id: interviewId },
      select: { id: true, candidateId: true, scheduledAt: true, durationMinutes: true, candidate: { select: { recruiterId: true } } },
    });
    if (!interview) throw new RuleViolation("This interview no longer exists.");
    if (input.requestedAt < interview.scheduledAt) {
      throw new RuleViolation("A second interview is asked for after the interview: check the date and time.", "requestedAt");
    }
    notInFuture(input.requestedAt, now, "requestedAt", "The request");
    const request = await tx.secondInterviewRequest.create({
      data: {
        interviewId,
        candidateId: interview.candidateId,
        requestedAt: input.requestedAt,
        requestedBy: input.requestedBy,
        channel: input.channel,
        note: input.note?.trim() || null,
        recordedById: actor.userId,
        recruiterId: interview.candidate.recruiterId,
      },
      select: { id: true },
    });
    const timing = requestTiming(interview, input.requestedAt);
    await recordAudit(tx, {
      actor,
      action: "second_interview.requested",
      entityId: request.id,
      candidateId: interview.candidateId,
      after: {
        interviewId,
        requestedAt: input.requestedAt.toISOString(),
        requestedBy: input.requestedBy,
        channel: input.channel,
        withinWindow: timing.withinWindow,
      },
    });
    await moveRecoveryForRequest(tx, interviewId, actor, now);
    await syncRecoveryFacts(tx, interview.candidateId);
    await scheduleRequestAlertInTx(tx, { id: request.id, requestedAt: input.requestedAt }, now);
    return { requestId: request.id, ...timing };
  });
}

/** Loads the request for a check-then-write, after locking its candidate (candidate-lock.server.ts). */
async function findRequest(tx: Tx, ref: { interviewId: string; requestId: string }) {
  await lockInterviewCandidate(tx, ref.interviewId);
  const request = await tx.secondInterviewRequest.findUnique({
    where: { id: ref.requestId },
    select: {
      id: true,
      interviewId: true,
      candidateId: true,
      requestedAt: true,
      response: true,
      respondedAt: true,
      secondInterview: { select: { id: true } },
    },
  });
  // A request of another interview is as good as missing: the page that sent it is stale or forged.
  if (!request || request.interviewId !== ref.interviewId) throw new RuleViolation("This request no longer exists. Reload the page.");
  return request;
}

/** Records the company's answer; "pending" takes an answer back. Fixed once the second interview is scheduled. */
export async function recordRequestResponse(
  ref: { interviewId: string; requestId: string },
  input: ResponseInput,
  actor: StaffActor,
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const request = await findRequest(tx, ref);
    if (request.secondInterview) {
      throw new RuleViolation("The second interview is already scheduled from this request, so its answer stays granted.", "response");
    }
    const respondedAt = input.response === "pending" ? null : (input.respondedAt ?? null);
    if (respondedAt) {
      if (respondedAt < request.requestedAt) {
        throw new RuleViolation("The answer can't come before the request: check the date and time.", "respondedAt");
      }
      notInFuture(respondedAt, now, "respondedAt", "The answer");
    }
    await tx.secondInterviewRequest.update({ where: { id: request.id }, data: { response: input.response, respondedAt } });
    await recordAudit(tx, {
      actor,
      action: "second_interview.responded",
      entityId: request.id,
      candidateId: request.candidateId,
      before: { response: request.response, respondedAt: request.respondedAt?.toISOString() ?? null },
      after: { interviewId: ref.interviewId, response: input.response, respondedAt: respondedAt?.toISOString() ?? null },
    });
    await moveRecoveryForRequest(tx, ref.interviewId, actor, now);
    await syncRecoveryFacts(tx, request.candidateId);
    await requestAnsweredInTx(tx, { id: request.id, requestedAt: request.requestedAt, response: input.response }, now);
    return { response: input.response };
  });
}

/**
 * Schedules the second interview a granted request led to: a round-"second" interview with the same candidate,
 * company, role and recruiter, linked to the request. One per request (the unique link has the last word).
 */
export async function scheduleSecondInterview(ref: { interviewId: string; requestId: string }, input: ScheduleInput, actor: StaffActor) {
  try {
    return await prisma.$transaction(async (tx) => {
      const request = await findRequest(tx, ref);
      if (request.response !== "granted") {
        throw new RuleViolation("Record that the second interview was granted before scheduling it.");
      }
      if (request.secondInterview) throw new RuleViolation("The second interview for this request is already scheduled.");
      const original = await tx.interview.findUniqueOrThrow({
        where: { id: ref.interviewId },
        select: { candidateId: true, companyId: true, recruiterId: true, roleTitle: true, scheduledAt: true, company: { select: { name: true } } },
      });
      if (input.scheduledAt <= original.scheduledAt) {
        throw new RuleViolation("The second interview comes after the first: check the date and time.", "scheduledAt");
      }
      const second = await tx.interview.create({
        data: {
          candidateId: original.candidateId,
          companyId: original.companyId,
          recruiterId: original.recruiterId,
          roleTitle: original.roleTitle,
          round: "second",
          format: input.format,
          scheduledAt: input.scheduledAt,
          interviewerName: input.interviewerName?.trim() || null,
          secondInterviewRequestId: request.id,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actor,
        action: "second_interview.scheduled",
        entityId: second.id,
        candidateId: original.candidateId,
        after: {
          requestId: request.id,
          interviewId: ref.interviewId,
          companyName: original.company.name,
          roleTitle: original.roleTitle,
          scheduledAt: input.scheduledAt.toISOString(),
          format: input.format,
        },
      });
      await syncCandidateSummary(tx, original.candidateId);
      return { interviewId: second.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new RuleViolation("The second interview for this request is already scheduled.");
    }
    throw error;
  }
}

const finalOutcomes = new Set(["hired", "offer_declined", "rejected", "withdrawn"]);

/**
 * Records how an application ended (or that it is still open). The outcome belongs to the original interview,
 * also when recorded from the second interview's page. A final outcome closes the application's open recoveries.
 * Hired makes the candidate "hired"; another final outcome closes them unless another recovery is still under way
 * (a hired candidate stays hired); "open" changes nothing.
 */
export async function recordOutcome(input: OutcomeInput, actor: StaffActor, { candidateId, now = new Date() }: { candidateId?: string; now?: Date } = {}) {
  return prisma.$transaction(async (tx) => {
    await lockInterviewCandidate(tx, input.interviewId);
    const application = await applicationOf(tx, input.interviewId);
    if (!application || (candidateId && application.candidateId !== candidateId)) {
      throw new RuleViolation("Choose one of this candidate's interviews.", "interviewId");
    }
    notInFuture(input.decidedAt, now, "decidedAt", "The decision");
    if (input.outcome === "hired" && !input.startDate) throw new RuleViolation("Hired: enter the start date of the new job.", "startDate");
    return recordOutcomeInTx(tx, application, input, actor, now);
  });
}

type OutcomeApplication = { id: string; candidateId: string; companyId: string };

/**
 * The outcome's writes, inside the caller's transaction, once its rules have passed: the row and its audit event, the
 * application's recoveries closed, and the candidate's status. The demo seed records its history through it too.
 */
export async function recordOutcomeInTx(tx: Tx, application: OutcomeApplication, input: OutcomeInput, actor: StaffActor, now: Date) {
  const startDate = input.outcome === "hired" ? (input.startDate ?? null) : null;
  const outcome = await tx.candidacyOutcome.create({
    data: {
      candidateId: application.candidateId,
      interviewId: application.id,
      companyId: application.companyId,
      outcome: input.outcome,
      decidedAt: input.decidedAt,
      startDate,
      note: input.note?.trim() || null,
      recordedById: actor.userId,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    actor,
    action: "outcome.recorded",
    entityId: outcome.id,
    candidateId: application.candidateId,
    after: {
      interviewId: application.id,
      outcome: input.outcome,
      decidedAt: input.decidedAt.toISOString(),
      startDate: startDate?.toISOString() ?? null,
    },
  });

  // A final outcome closes the application's recovery, and everything it opened (lifecycle.server.ts).
  await closeRecoveriesForOutcome(tx, { applicationId: application.id, outcome: input.outcome, actor, now });
  const candidate = await tx.candidate.findUniqueOrThrow({ where: { id: application.candidateId }, select: { status: true } });
  let status = candidate.status as CandidateStatus;
  if (input.outcome === "hired") status = "hired";
  else if (finalOutcomes.has(input.outcome) && status !== "hired") {
    const stillOpen = await tx.interviewFlag.count({ where: { ...openRecovery, interview: { candidateId: application.candidateId } } });
    status = stillOpen > 0 ? "recovering" : "closed";
  }
  if (status !== candidate.status) {
    await tx.candidate.update({ where: { id: application.candidateId }, data: { status } });
    await recordAudit(tx, {
      actor,
      action: "candidate.updated",
      entityId: application.candidateId,
      candidateId: application.candidateId,
      before: { status: candidate.status },
      after: { status },
    });
  }
  await syncRecoveryFacts(tx, application.candidateId);
  return { outcomeId: outcome.id, applicationInterviewId: application.id, candidateStatus: status, statusChanged: status !== candidate.status };
}

// ---------------------------------------------------------------------------------------------------------------
// Reads

/** What the "Second interview" panel on /interviews/:id shows. Null when the interview doesn't exist. */
export async function getSecondInterviewPanel(interviewId: string) {
  const interview = await prisma.interview.findUnique({
    where: { id: interviewId },
    select: {
      id: true,
      candidateId: true,
      scheduledAt: true,
      durationMinutes: true,
      grantedFrom: { select: { id: true, interviewId: true } },
      secondInterviewRequests: {
        orderBy: { requestedAt: "desc" },
        take: 50,
        select: {
          id: true,
          requestedAt: true,
          requestedBy: true,
          channel: true,
          note: true,
          response: true,
          respondedAt: true,
          recordedBy: { select: { name: true } },
          secondInterview: { select: { id: true, scheduledAt: true, format: true, interviewerName: true } },
        },
      },
    },
  });
  if (!interview) return null;
  const application = interview.grantedFrom ? await applicationOf(prisma, interviewId) : interview;
  const applicationId = application?.id ?? interviewId;
  const outcomes = await prisma.candidacyOutcome.findMany({
    where: { interviewId: applicationId },
    orderBy: [{ decidedAt: "desc" }, { createdAt: "desc" }],
    take: 50,
    select: { id: true, outcome: true, decidedAt: true, startDate: true, note: true, recordedBy: { select: { name: true } } },
  });
  return {
    interviewId: interview.id,
    candidateId: interview.candidateId,
    windowEndsAt: recoveryWindowClosesAt(interview),
    /** Set on a second interview: the interview that went badly and whose request granted it. */
    grantedFrom: interview.grantedFrom,
    applicationInterviewId: applicationId,
    requests: interview.secondInterviewRequests.map((r) => {
      const timing = requestTiming(interview, r.requestedAt);
      return { ...r, recordedBy: r.recordedBy.name, timing: timing.text, withinWindow: timing.withinWindow, advice: requestAdvice(timing, r.channel) };
    }),
    outcomes: outcomes.map((o) => ({ ...o, recordedBy: o.recordedBy.name })),
  };
}

export type SecondInterviewPanelData = NonNullable<Awaited<ReturnType<typeof getSecondInterviewPanel>>>;

/** The candidate's outcomes for the profile, newest first, with the application each closes. */
export async function getCandidateOutcomes(candidateId: string) {
  const outcomes = await prisma.candidacyOutcome.findMany({
    where: { candidateId },
    orderBy: [{ decidedAt: "desc" }, { createdAt: "desc" }],
    take: 100,
    select: {
      id: true,
      outcome: true,
      decidedAt: true,
      startDate: true,
      note: true,
      interviewId: true,
      company: { select: { name: true } },
      interview: { select: { roleTitle: true, scheduledAt: true } },
      recordedBy: { select: { name: true } },
    },
  });
  return outcomes.map((o) => ({ ...o, company: o.company?.name ?? null, recordedBy: o.recordedBy.name }));
}

type WaitingRequestRow = {
  id: string;
  interviewId: string;
  requestedAt: unknown;
  requestedBy: string;
  channel: string;
  candidateId: string;
  candidateName: string;
  recruiterId: string;
  recruiterName: string;
  roleTitle: string;
  flagSeverity: string | null;
  company: string;
};

/**
 * Pending requests asked for more than `days` ago, oldest first, for the dashboard: the company has gone quiet and
 * deserves a nudge. Scoped by the candidate's owner like the rest of the dashboard; (response, requestedAt) index.
 */
export async function pendingRequestsOlderThan({
  recruiterId,
  days = REQUEST_WAITING_DAYS,
  rules,
  limit = WAITING_REQUESTS_LIMIT,
  offset = 0,
  countCap,
}: {
  recruiterId?: string;
  days?: number;
  rules: { now: Date; quietAfter: Date };
  limit?: number;
  offset?: number;
  /** Count no further than this (the dashboard's "99+"); left out, the exact total. */
  countCap?: number;
}) {
  const { now } = rules;
  const before = sqlDate(requestWaitingSince(now, days));
  // Pending requests in request order, from the (response, requestedAt) index, or for one recruiter (the
  // candidate's, kept on the request) from (recruiterId, response, requestedAt, id).
  // A request whose interview's recovery is closed, snoozed or quiet waits for nobody (lifecycle.server.ts).
  const owned = recruiterId ? Prisma.sql`AND r."recruiterId" = ${recruiterId}` : Prisma.empty;
  const waiting = Prisma.sql`
    FROM "SecondInterviewRequest" r
    WHERE r."response" = 'pending' AND r."requestedAt" < ${before} ${owned}
      AND NOT EXISTS (SELECT 1 FROM "InterviewFlag" f WHERE f."interviewId" = r."interviewId" AND f."removedAt" IS NULL AND NOT (${inQueue(rules)}))`;
  // The page's rows with their names in one statement (a nested Prisma read is a query per relation).
  const [rows, { total, capped }] = await Promise.all([
    prisma.$queryRaw<WaitingRequestRow[]>`
      SELECT r."id", r."interviewId", r."requestedAt", r."requestedBy", r."channel", c."id" AS "candidateId",
        c."name" AS "candidateName", u."id" AS "recruiterId", u."name" AS "recruiterName", i."roleTitle",
        i."flagSeverity", co."name" AS "company"
      FROM (SELECT r."id" ${waiting} ORDER BY r."requestedAt" ASC, r."id" ASC LIMIT ${limit} OFFSET ${offset}) page
      JOIN "SecondInterviewRequest" r ON r."id" = page."id"
      JOIN "Candidate" c ON c."id" = r."candidateId"
      JOIN "User" u ON u."id" = c."recruiterId"
      JOIN "Interview" i ON i."id" = r."interviewId"
      JOIN "Company" co ON co."id" = i."companyId"
      ORDER BY r."requestedAt" ASC, r."id" ASC`,
    countRows(waiting, countCap),
  ]);
  return {
    requests: rows.map((r) => {
      const requestedAt = readDate(r.requestedAt)!;
      return {
        id: r.id,
        interviewId: r.interviewId,
        requestedAt,
        requestedBy: r.requestedBy,
        channel: r.channel,
        daysWaiting: Math.floor((now.getTime() - requestedAt.getTime()) / (24 * HOUR)),
        candidate: { id: r.candidateId, name: r.candidateName },
        recruiter: { id: r.recruiterId, name: r.recruiterName },
        company: r.company,
        roleTitle: r.roleTitle,
        /** A flagged interview has a recovery to snooze. */
        flagged: r.flagSeverity !== null,
      };
    }),
    total,
    capped,
  };
}
