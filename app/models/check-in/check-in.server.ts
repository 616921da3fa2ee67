// The candidate's check-in: a few hours after an interview Rebound asks "How did it go?", so a bad interview nobody
// reported still gets its recovery. Planned when the interview is logged, sent once (through the outbox), answered
// once through an unguessable, expiring link whose token only the email ever holds (only its hash is stored).
import { recordAudit } from "~/models/audit/audit.server";
import type { AuditActor } from "~/models/audit/events";
import { prisma, type Tx } from "~/utils/db.server";
import { formatDate } from "~/utils/dates";
import { RuleViolation } from "~/utils/errors.server";
import { firstName } from "~/utils/names";
import { getAgency } from "../agency/agency.server";
import { checkInReasons, type CheckInAnswer, type FlagReason } from "../enums";
import { renderCheckInEmail } from "../email/email-templates.server";
import { getPrivacyContact } from "../privacy/privacy-settings.server";
import { CHECK_IN_TOKEN_PLACEHOLDER, checkInUrl, hashCheckInToken, UNSUBSCRIBE_TOKEN_PLACEHOLDER, unsubscribeUrl } from "../email/email-links.server";
import { queueEmailInTx, wakeEmailWorker } from "../email/email.server";
import { addFlagReasonsInTx, raiseFlagInTx } from "../flags/flag.server";
import { jobKeys } from "../jobs/kinds";
import { scheduleJob } from "../jobs/schedule.server";
import { notifyInTx } from "../notifications/notifications.server";
import { createCoachingLinkInTx } from "../recovery/coaching.server";
import { lockInterviewCandidate } from "../candidates/candidate-lock.server";
import { CHECK_IN_LINK_DAYS, CHECK_IN_TEMPLATE, checkInDueAt, checkInSkipReason } from "./check-in-rules";

const candidateActor: AuditActor = { label: "candidate" };
const systemActor: AuditActor = { label: "system" };

// ---------------------------------------------------------------------------------------------------------------
// Planning and sending

/**
 * Plans the check-in of a newly logged interview, inside logInterview's transaction: "planned" for the interview's
 * end + the agency's delay, or "off" when the recruiter or the agency switched it off. Returns the row so the caller
 * can schedule the send.
 */
export async function planCheckInInTx(
  tx: Tx,
  interview: { id: string; scheduledAt: Date; durationMinutes: number },
  { wanted, now = new Date() }: { wanted: boolean; now?: Date },
) {
  const agency = await tx.agency.findUnique({ where: { id: 1 }, select: { checkInEnabled: true, checkInAfterHours: true } });
  const enabled = agency?.checkInEnabled ?? true;
  const dueAt = checkInDueAt(interview, agency?.checkInAfterHours ?? 2);
  const off = !enabled ? "Check-ins are switched off for the agency." : !wanted ? "Switched off when the interview was logged." : null;
  // An interview logged long after it happened gets no question: it would only ever be skipped.
  const late = off ? null : checkInSkipReason({ agencyEnabled: true, optedOut: false, flagged: false, interview, now });
  const checkIn = await tx.checkIn.create({
    data: { interviewId: interview.id, status: off ? "off" : late ? "skipped" : "planned", dueAt, skippedReason: off ?? late },
    select: { id: true, status: true, dueAt: true },
  });
  if (checkIn.status === "planned") {
    await scheduleJob(tx, { kind: "checkin.send", runAt: dueAt, payload: { checkInId: checkIn.id }, key: jobKeys.checkIn(interview.id) });
  }
  return checkIn;
}

export type CheckInSendResult = { status: "sent"; emailId: string } | { status: "skipped"; reason: string } | { status: "unchanged" };

/**
 * Sends one planned check-in, if it still should go: the rules are checked again at send time (the candidate may
 * have unsubscribed, or the recruiter flagged the interview meanwhile). A check-in that must not go is marked
 * "skipped" with the reason, so it never comes back. Anything not planned any more is left alone.
 */
export async function sendCheckIn(checkInId: string, now: Date = new Date()): Promise<CheckInSendResult> {
  const agency = await getAgency();
  const checkIn = await prisma.checkIn.findUnique({ where: { id: checkInId }, select: { status: true, interviewId: true } });
  if (!checkIn || checkIn.status !== "planned") return { status: "unchanged" };
  const interview = await prisma.interview.findUniqueOrThrow({
    where: { id: checkIn.interviewId },
    select: {
      id: true,
      roleTitle: true,
      scheduledAt: true,
      durationMinutes: true,
      company: { select: { name: true } },
      recruiter: { select: { name: true, email: true } },
      candidate: { select: { id: true, name: true, email: true, emailOptOut: true, doNotContact: true } },
      _count: { select: { flags: { where: { removedAt: null } } } },
    },
  });
  const reason = checkInSkipReason({
    agencyEnabled: agency.checkInEnabled,
    optedOut: interview.candidate.emailOptOut,
    doNotContact: interview.candidate.doNotContact,
    flagged: interview._count.flags > 0,
    interview,
    now,
  });
  // Rendered before the transaction: only stored text goes in, with placeholders where the tokens go.
  const rendered = reason
    ? null
    : await renderCheckInEmail(
        {
          agencyName: agency.name,
          candidateFirstName: firstName(interview.candidate.name) || null,
          companyName: interview.company.name,
          roleTitle: interview.roleTitle,
          interviewDate: formatDate(interview.scheduledAt, agency.timeZone),
          recruiter: { name: interview.recruiter.name, email: interview.recruiter.email },
          unsubscribeUrl: unsubscribeUrl(UNSUBSCRIBE_TOKEN_PLACEHOLDER),
          privacyContact: await getPrivacyContact(),
        },
        checkInUrl(CHECK_IN_TOKEN_PLACEHOLDER),
        CHECK_IN_LINK_DAYS,
      );
  const result = await prisma.$transaction(async (tx): Promise<CheckInSendResult> => {
    // The candidate first, as every check-then-write on their records does (queueEmailInTx locks it too).
    await lockInterviewCandidate(tx, interview.id);
    // Still planned? Another worker or a change since the read above wins.
    const claimed = await tx.checkIn.updateMany({
      where: { id: checkInId, status: "planned" },
      data: reason ? { status: "skipped", skippedReason: reason } : { status: "sent", sentAt: now },
    });
    if (!claimed.count) return { status: "unchanged" };
    if (reason || !rendered) {
      await recordAudit(tx, {
        actor: systemActor,
        action: "checkin.skipped",
        entityId: checkInId,
        candidateId: interview.candidate.id,
        after: { interviewId: interview.id, reason: reason ?? "" },
      });
      return { status: "skipped", reason: reason ?? "" };
    }
    const email = await queueEmailInTx(
      tx,
      {
        candidateId: interview.candidate.id,
        interviewId: interview.id,
        template: CHECK_IN_TEMPLATE,
        toAddress: interview.candidate.email,
        ...rendered,
        now,
      },
      systemActor,
    );
    await recordAudit(tx, {
      actor: systemActor,
      action: "checkin.sent",
      entityId: checkInId,
      candidateId: interview.candidate.id,
      after: { interviewId: interview.id, emailId: email.id },
    });
    return { status: "sent", emailId: email.id };
  });
  if (result.status === "sent") wakeEmailWorker();
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// The candidate's side: wrong, expired and unknown links all look alike.

const plausibleToken = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

async function findValidLink(client: Tx, token: string, now: Date) {
  if (!plausibleToken(token)) return null;
  const link = await client.checkInLink.findUnique({
    where: { tokenHash: hashCheckInToken(token) },
    select: { expiresAt: true, checkIn: { select: { id: true, interviewId: true } } },
  });
  if (!link || link.expiresAt <= now) return null;
  return link.checkIn;
}

/** What the check-in page shows for a token; null when the link is wrong or expired. Only what the candidate may see. */
export async function findCheckIn(token: string, now: Date = new Date()) {
  const access = await findValidLink(prisma, token, now);
  if (!access) return null;
  const checkIn = await prisma.checkIn.findUniqueOrThrow({
    where: { id: access.id },
    select: {
      status: true,
      answer: true,
      answeredAt: true,
      interview: {
        select: {
          roleTitle: true,
          scheduledAt: true,
          company: { select: { name: true } },
          candidate: { select: { name: true } },
          recruiter: { select: { name: true, email: true, phone: true } },
          checklistRuns: { where: { status: { not: "cancelled" } }, select: { id: true }, take: 1 },
        },
      },
    },
  });
  const { interview } = checkIn;
  return {
    answered: checkIn.status === "answered",
    answer: checkIn.answer as CheckInAnswer | null,
    answeredAt: checkIn.answeredAt,
    firstName: firstName(interview.candidate.name),
    companyName: interview.company.name,
    roleTitle: interview.roleTitle,
    scheduledAt: interview.scheduledAt,
    recruiter: interview.recruiter,
    hasCoachingPage: interview.checklistRuns.length > 0,
  };
}

export type CheckInPage = NonNullable<Awaited<ReturnType<typeof findCheckIn>>>;

export type CheckInReply = { answer: CheckInAnswer; reasons: FlagReason[]; otherReason: string | null; note: string | null };

/** The candidate's first steps of a recovery, shown straight after a "badly" answer. */
async function firstSteps(tx: Tx, runId: string) {
  const steps = await tx.checklistStepState.findMany({
    where: { runId, status: "pending", step: { owner: "candidate" } },
    orderBy: { step: { position: "asc" } },
    take: 3,
    select: { dueAt: true, step: { select: { title: true } } },
  });
  return steps.map((s) => ({ title: s.step.title, dueAt: s.dueAt }));
}

/**
 * Records the candidate's answer, once. "Badly" flags the interview as a candidate self-report with the reasons they
 * chose (or adds them to the flag the recruiter already raised), which starts the recovery like any flag, and returns
 * a fresh coaching link with the first steps. Null when the link is not valid.
 */
export async function answerCheckIn(token: string, reply: CheckInReply, now: Date = new Date()) {
  return prisma.$transaction(async (tx) => {
    const access = await findValidLink(tx, token, now);
    if (!access) return null;
    // A "badly" answer flags the interview or adds to its flag, which a recruiter may be doing at the same moment.
    await lockInterviewCandidate(tx, access.interviewId);
    const claimed = await tx.checkIn.updateMany({
      where: { id: access.id, status: "sent" },
      data: {
        status: "answered",
        answer: reply.answer,
        reasons: reply.reasons.join(",") || null,
        note: reply.note,
        answeredAt: now,
      },
    });
    if (!claimed.count) throw new RuleViolation("You've already told us how it went. Thank you!");
    const interview = await tx.interview.findUniqueOrThrow({
      where: { id: access.interviewId },
      select: { id: true, candidateId: true, recruiterId: true, impression: true, candidate: { select: { name: true, recruiterId: true } } },
    });
    let flagId: string | undefined;
    if (reply.answer === "badly") {
      const reasons: FlagReason[] = reply.reasons.length ? reply.reasons : ["other"];
      const otherReason = reasons.includes("other") ? (reply.otherReason ?? "Told us it went badly") : null;
      flagId =
        (await addFlagReasonsInTx(tx, interview.id, { reasons, otherReason }, candidateActor)) ??
        (
          await raiseFlagInTx(
            tx,
            interview.id,
            { reasons, otherReason, severity: "serious", source: "candidate_self_report", description: reply.note },
            { flaggedById: interview.recruiterId, actor: candidateActor, now },
          )
        ).id;
    } else if (interview.impression === "unknown") {
      // The candidate's own view fills in an impression nobody recorded; a recruiter's stays.
      await tx.interview.update({ where: { id: interview.id }, data: { impression: reply.answer === "well" ? "went_well" : "mixed" } });
    }
    await recordAudit(tx, {
      actor: candidateActor,
      action: "checkin.answered",
      entityId: access.id,
      candidateId: interview.candidateId,
      after: {
        interviewId: interview.id,
        answer: reply.answer,
        reasons: reply.reasons,
        ...(reply.note ? { note: reply.note } : {}),
        ...(flagId ? { flagId } : {}),
      },
    });
    // The candidate's recruiter hears of it: at once for "badly" (their window is running), as activity otherwise.
    const said = reply.reasons.map((r) => checkInReasons.label(r)).join("; ");
    await notifyInTx(
      tx,
      {
        kind: reply.answer === "badly" ? "checkin_badly" : "candidate_activity",
        userIds: [interview.candidate.recruiterId],
        title: `${interview.candidate.name} said the interview went ${reply.answer === "mixed" ? "so-so" : reply.answer}`,
        text: [said, reply.note].filter(Boolean).join(" — ") || null,
        link: `/interviews/${interview.id}`,
        candidateId: interview.candidateId,
        interviewId: interview.id,
        flagId: flagId ?? null,
      },
      now,
    );
    const coaching = flagId ? await coachingFor(tx, flagId, now) : null;
    return { answer: reply.answer, coaching };
  });
}

async function coachingFor(tx: Tx, flagId: string, now: Date) {
  const run = await tx.checklistRun.findUnique({ where: { flagId }, select: { id: true, status: true } });
  if (!run || run.status === "cancelled") return null;
  const link = await createCoachingLinkInTx(tx, run.id, candidateActor, { replacePrevious: false, now });
  return { token: link.token, steps: await firstSteps(tx, run.id) };
}

/**
 * A candidate back on an answered check-in opens their coaching page: a fresh link (never stored in the clear, so
 * the old one can't be shown again). Null when the link is not valid or there is no coaching page.
 */
export async function openCoachingFromCheckIn(token: string, now: Date = new Date()) {
  return prisma.$transaction(async (tx) => {
    const access = await findValidLink(tx, token, now);
    if (!access) return null;
    const run = await tx.checklistRun.findFirst({
      where: { interviewId: access.interviewId, status: { not: "cancelled" } },
      orderBy: { startedAt: "desc" },
      select: { id: true },
    });
    if (!run) return null;
    return (await createCoachingLinkInTx(tx, run.id, candidateActor, { replacePrevious: false, now })).token;
  });
}
