// Candidate reminders on the server: the recruiter's switch (audited), the one job per recovery that sends them
// (kind "reminder.candidate_step"), its cancelling when the recovery closes or the candidate unsubscribes, and what
// the interview page says. The rules themselves are in candidate-reminders.ts.
import { recordAudit } from "~/models/audit/audit.server";
import type { AuditActor, StaffActor } from "~/models/audit/events";
import { prisma, type Tx } from "~/utils/db.server";
import { describeTimeZone, formatDate, formatDateTime } from "~/utils/dates";
import { RuleViolation } from "~/utils/errors.server";
import { firstName } from "~/utils/names";
import { renderCandidateReminderEmail } from "../email/email-templates.server";
import { COACHING_TOKEN_PLACEHOLDER, coachingUrl, UNSUBSCRIBE_TOKEN_PLACEHOLDER, unsubscribeUrl } from "../email/email-links.server";
import { isDeliverableAddress, queueEmailInTx, wakeEmailWorker } from "../email/email.server";
import { jobKeys } from "../jobs/kinds";
import { cancelJobs, scheduleJob } from "../jobs/schedule.server";
import { lockCandidate, lockInterviewCandidate } from "../candidates/candidate-lock.server";
import {
  CANDIDATE_REMINDER_TEMPLATE,
  decideReminder,
  nextReminderAt,
  REMINDER_GAP_HOURS,
  reminderStopWords,
  shortGuidance,
  type ReminderFacts,
  type ReminderStopReason,
} from "./candidate-reminders";

const systemActor: AuditActor = { label: "system" };

async function agencyZone(client: Tx) {
  const agency = await client.agency.findUnique({ where: { id: 1 }, select: { timeZone: true, name: true } });
  return { timeZone: agency?.timeZone ?? "UTC", agencyName: agency?.name ?? "Rebound Staffing" };
}

async function loadReminder(client: Tx, flagId: string) {
  return client.interviewFlag.findUnique({
    where: { id: flagId },
    select: {
      id: true,
      interviewId: true,
      remindCandidate: true,
      lastCandidateReminderAt: true,
      closedAt: true,
      removedAt: true,
      interview: {
        select: {
          roleTitle: true,
          scheduledAt: true,
          company: { select: { name: true } },
          candidate: {
            select: {
              id: true,
              name: true,
              email: true,
              emailOptOut: true,
              doNotContact: true,
              recruiter: { select: { name: true, email: true, phone: true, emailSignature: true } },
            },
          },
        },
      },
      checklistRun: {
        select: {
          id: true,
          status: true,
          // Only the candidate's own steps: recruiter steps are not theirs to be reminded of.
          steps: {
            where: { status: "pending", step: { owner: "candidate" } },
            orderBy: [{ dueAt: "asc" }, { step: { position: "asc" } }],
            select: { id: true, dueAt: true, candidateRemindedAt: true, step: { select: { title: true, guidance: true } } },
          },
        },
      },
    },
  });
}
type LoadedReminder = NonNullable<Awaited<ReturnType<typeof loadReminder>>>;

function factsOf(flag: LoadedReminder, timeZone: string, now: Date): ReminderFacts {
  const { candidate } = flag.interview;
  const run = flag.checklistRun;
  return {
    switchedOn: flag.remindCandidate,
    closed: Boolean(flag.closedAt || flag.removedAt),
    // Staff's "do not contact" stops reminders as an unsubscribe does (app/models/privacy/contact-preferences.server.ts).
    optedOut: candidate.emailOptOut || candidate.doNotContact,
    hasEmail: isDeliverableAddress(candidate.email),
    pendingSteps: run && run.status === "active" ? run.steps.map((s) => ({ id: s.id, dueAt: s.dueAt, remindedAt: s.candidateRemindedAt })) : [],
    lastReminderAt: flag.lastCandidateReminderAt,
    timeZone,
    now,
  };
}

/**
 * Brings the recovery's reminder job in line with its facts, inside the caller's transaction: scheduled for when the
 * next reminder may go, or cancelled when none will (switched off, closed, unsubscribed, every step done).
 */
export async function refreshCandidateReminderInTx(tx: Tx, flagId: string, now = new Date()) {
  const flag = await loadReminder(tx, flagId);
  if (!flag) return null;
  const { timeZone } = await agencyZone(tx);
  const decision = decideReminder(factsOf(flag, timeZone, now));
  if (decision.action === "stop") {
    await cancelCandidateRemindersInTx(tx, [flagId], now);
    return null;
  }
  const runAt = decision.action === "wait" ? decision.until : now;
  await scheduleJob(tx, { kind: "reminder.candidate_step", runAt, payload: { flagId }, key: jobKeys.candidateReminder(flagId) }, now);
  return runAt;
}

/** The recoveries' reminder jobs no longer apply (closed, switched off). The switch itself stays as the recruiter set it. */
export async function cancelCandidateRemindersInTx(tx: Tx, flagIds: string[], now = new Date()) {
  if (!flagIds.length) return 0;
  return cancelJobs(tx, { keys: flagIds.map((id) => jobKeys.candidateReminder(id)) }, now);
}

/** The candidate unsubscribed: none of their recoveries reminds them any more. */
export async function candidateUnsubscribedRemindersInTx(tx: Tx, candidateId: string, now = new Date()) {
  const flags = await tx.interviewFlag.findMany({ where: { remindCandidate: true, interview: { candidateId } }, select: { id: true } });
  return cancelCandidateRemindersInTx(tx, flags.map((f) => f.id), now);
}

/**
 * The recruiter's switch, from the interview page. Switching on is refused (with the reason) for a closed recovery, a
 * candidate who unsubscribed or one without a usable address; it schedules the first reminder in the same
 * transaction. Switching off cancels it. Audited only when it changes.
 */
export async function setCandidateReminders(
  ref: { interviewId: string; flagId: string },
  on: boolean,
  actor: StaffActor,
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    await lockInterviewCandidate(tx, ref.interviewId);
    const flag = await tx.interviewFlag.findFirst({
      where: { id: ref.flagId, interviewId: ref.interviewId },
      select: {
        id: true,
        remindCandidate: true,
        closedAt: true,
        removedAt: true,
        interview: { select: { candidate: { select: { id: true, name: true, email: true, emailOptOut: true, doNotContact: true } } } },
      },
    });
    if (!flag) throw new RuleViolation("That recovery no longer exists. Reload the page.");
    const { candidate } = flag.interview;
    if (on) {
      if (flag.closedAt || flag.removedAt) throw new RuleViolation("This recovery is closed, so there is nothing to remind the candidate of.");
      if (candidate.emailOptOut) throw new RuleViolation(`${candidate.name} unsubscribed from our emails, so Rebound can't remind them.`);
      if (candidate.doNotContact) throw new RuleViolation(`${candidate.name} is marked “do not contact”, so Rebound can't remind them.`);
      if (!isDeliverableAddress(candidate.email)) throw new RuleViolation(`${candidate.name} has no email address we can write to.`);
    }
    const changed = flag.remindCandidate !== on;
    if (changed) {
      await tx.interviewFlag.update({ where: { id: flag.id }, data: { remindCandidate: on } });
      await recordAudit(tx, {
        actor,
        action: "recovery.candidate_reminders_set",
        entityId: flag.id,
        candidateId: candidate.id,
        before: { on: flag.remindCandidate },
        after: { interviewId: ref.interviewId, on },
      });
    }
    const nextAt = on ? await refreshCandidateReminderInTx(tx, flag.id, now) : (await cancelCandidateRemindersInTx(tx, [flag.id], now), null);
    return { changed, nextAt };
  });
}

export type CandidateReminderPanel = {
  on: boolean;
  /** When the next reminder is planned; null with `reason` when none is. */
  nextAt: Date | null;
  reason: string | null;
  /** Switching on is not possible; the form is disabled and says why. */
  blocked: string | null;
  lastSentAt: Date | null;
};

/** What the interview page says about the recovery's reminders, in words. Null when there is no such recovery. */
export async function getCandidateReminderPanel(flagId: string, now = new Date()): Promise<CandidateReminderPanel | null> {
  const flag = await loadReminder(prisma, flagId);
  if (!flag) return null;
  const { timeZone } = await agencyZone(prisma);
  const facts = factsOf(flag, timeZone, now);
  const decision = decideReminder(facts);
  const job = await prisma.job.findUnique({ where: { key: jobKeys.candidateReminder(flagId) }, select: { runAt: true } });
  const blockedBy: ReminderStopReason | null = facts.closed ? "closed" : facts.optedOut ? "unsubscribed" : !facts.hasEmail ? "no_email" : null;
  const reason = decision.action === "stop" && decision.reason !== "off" ? reminderStopWords[decision.reason] : null;
  return {
    on: flag.remindCandidate,
    // The live job says when it runs (a job already due goes now); without one, when it would.
    nextAt: decision.action === "stop" ? null : job ? new Date(Math.max(job.runAt.getTime(), now.getTime())) : decision.action === "wait" ? decision.until : now,
    reason,
    blocked: blockedBy && !flag.remindCandidate ? reminderStopWords[blockedBy] : null,
    lastSentAt: flag.lastCandidateReminderAt,
  };
}

class StepsChanged extends Error {}

/**
 * The job: re-checks every rule now, and sends the steps due (each listed once) through the outbox with a fresh
 * coaching link minted at delivery and the unsubscribe link. Returns when it should run next, or nothing when no
 * reminder is left to send. The email is rendered first; the transaction that queues it claims the daily slot
 * (guarded on lastCandidateReminderAt), so a second run of the same job sends nothing.
 */
export async function runCandidateReminder(flagId: string, now: Date = new Date()): Promise<{ next: Date } | undefined> {
  const { timeZone, agencyName } = await agencyZone(prisma);
  const flag = await loadReminder(prisma, flagId);
  if (!flag) return undefined;
  const decision = decideReminder(factsOf(flag, timeZone, now));
  if (decision.action === "stop") return undefined;
  if (decision.action === "wait") return { next: decision.until };

  const run = flag.checklistRun!;
  const steps = run.steps.filter((s) => decision.stepIds.includes(s.id));
  const { candidate } = flag.interview;
  const rendered = await renderCandidateReminderEmail(
    {
      agencyName,
      candidateFirstName: firstName(candidate.name) || null,
      companyName: flag.interview.company.name,
      roleTitle: flag.interview.roleTitle,
      interviewDate: formatDate(flag.interview.scheduledAt, timeZone),
      // The candidate's own recruiter signs it, as the recovery emails they send do.
      recruiter: {
        name: candidate.recruiter.name,
        email: candidate.recruiter.email,
        phone: candidate.recruiter.phone,
        signature: candidate.recruiter.emailSignature,
      },
      coachingLink: { url: coachingUrl(COACHING_TOKEN_PLACEHOLDER) },
      unsubscribeUrl: unsubscribeUrl(UNSUBSCRIBE_TOKEN_PLACEHOLDER),
      timeZoneLabel: describeTimeZone(timeZone, now),
    },
    steps.map((s) => ({ title: s.step.title, guidance: shortGuidance(s.step.guidance), due: formatDateTime(s.dueAt, timeZone) })),
  );
  let sent = false;
  try {
    sent = await prisma.$transaction(async (tx) => {
      // The candidate first, as every check-then-write on their records does (queueEmailInTx locks it too).
      await lockCandidate(tx, candidate.id);
      const slotFrom = new Date(now.getTime() - REMINDER_GAP_HOURS * 3600_000);
      const claimed = await tx.interviewFlag.updateMany({
        where: {
          id: flagId,
          remindCandidate: true,
          closedAt: null,
          removedAt: null,
          OR: [{ lastCandidateReminderAt: null }, { lastCandidateReminderAt: { lte: slotFrom } }],
        },
        data: { lastCandidateReminderAt: now },
      });
      if (!claimed.count) return false;
      const marked = await tx.checklistStepState.updateMany({
        where: { id: { in: decision.stepIds }, status: "pending", candidateRemindedAt: null },
        data: { candidateRemindedAt: now },
      });
      // A step ticked or reminded since the read: roll back and look again rather than list it wrongly.
      if (marked.count !== decision.stepIds.length) throw new StepsChanged();
      await queueEmailInTx(
        tx,
        {
          candidateId: candidate.id,
          interviewId: flag.interviewId,
          template: CANDIDATE_REMINDER_TEMPLATE,
          toAddress: candidate.email,
          ...rendered,
          coachingRunId: run.id,
          now,
        },
        systemActor,
      );
      return true;
    });
  } catch (error) {
    if (error instanceof StepsChanged) return { next: now };
    throw error;
  }
  if (sent) wakeEmailWorker();
  const after = await loadReminder(prisma, flagId);
  if (!after) return undefined;
  const facts = factsOf(after, timeZone, now);
  const next = decideReminder(facts).action === "stop" ? null : nextReminderAt(facts);
  return next ? { next } : undefined;
}
