// Recovery checklists: one run per flag, its steps due at absolute times, ticked, skipped, undone and annotated.
// Every change is one transaction with its audit event, so it lands on the candidate's timeline.
import { Prisma } from "~/.generated/prisma/client";
import { recordAudit } from "~/models/audit/audit.server";
import type { AuditActor, StaffActor } from "~/models/audit/events";
import { sqlDate } from "~/utils/sql-dialect.server";
import { prisma, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { RuleViolation } from "~/utils/errors.server";
import { assertNotStale, stepNoteVersion } from "../stale-edit.server";
import { DEFAULT_OVERDUE_GRACE_HOURS, interviewEnd, stepDueAfterFlag } from "./rules";
import { dueTimeFor } from "./step-due";
import { inQueue, recoveryOwnedBy } from "./lifecycle.server";
import { currentPlaybook } from "./playbook.server";
import { refreshCandidateReminderInTx } from "./candidate-reminders.server";
import { lockInterviewCandidate } from "../candidates/candidate-lock.server";
import { syncRecoveryFacts } from "../stats/recovery-facts.server";
import { countRows } from "~/utils/bounded-count.server";


export const NOTE_MAX = 2000;

/**
 * Starts the checklist for a new flag, inside the flag's transaction, with the newest playbook version. Each step's
 * due time is worked out once, now, in the agency's zone, and stored (with its usual time when a grace moved it).
 */
export async function startChecklistRun(tx: Tx, { interviewId, flagId, now = new Date() }: { interviewId: string; flagId: string; now?: Date }) {
  const [interview, flag, agency, playbook] = await Promise.all([
    tx.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { scheduledAt: true, durationMinutes: true, candidateId: true } }),
    tx.interviewFlag.findUniqueOrThrow({ where: { id: flagId }, select: { flaggedById: true } }),
    tx.agency.findUnique({ where: { id: 1 }, select: { timeZone: true, overdueGraceHours: true } }),
    currentPlaybook(tx),
  ]);
  const timeZone = agency?.timeZone ?? env.defaultTimeZone;
  const end = interviewEnd(interview);
  const run = await tx.checklistRun.create({
    data: {
      interviewId,
      flagId,
      playbookVersionId: playbook.id,
      startedAt: now,
      // No step starts overdue: one whose usual time has passed is due a grace after the flag (rules.ts).
      steps: {
        create: playbook.steps.map((step) => ({
          stepId: step.id,
          ...stepDueAfterFlag(dueTimeFor(end, step, timeZone), now, agency?.overdueGraceHours ?? DEFAULT_OVERDUE_GRACE_HOURS),
        })),
      },
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    actor: { userId: flag.flaggedById },
    action: "checklist.started",
    entityId: run.id,
    candidateId: interview.candidateId,
    after: { interviewId, flagId, playbookVersion: playbook.version, steps: playbook.steps.length },
  });
  await syncRecoveryFacts(tx, interview.candidateId);
  return run;
}

/** Cancels the flag's checklist (the flag was removed), inside the flag's transaction. Ticks stay for the record. */
export async function cancelChecklistRun(tx: Tx, flagId: string, actor: AuditActor = { label: "system" }, now = new Date()) {
  const run = await tx.checklistRun.findUnique({
    where: { flagId },
    select: { id: true, status: true, interviewId: true, interview: { select: { candidateId: true } } },
  });
  if (!run || run.status === "cancelled") return null;
  await tx.checklistRun.update({ where: { id: run.id }, data: { status: "cancelled", cancelledAt: now } });
  await recordAudit(tx, {
    actor,
    action: "checklist.cancelled",
    entityId: run.id,
    candidateId: run.interview.candidateId,
    before: { status: run.status },
    after: { interviewId: run.interviewId, status: "cancelled" },
  });
  return run.id;
}

// ---------------------------------------------------------------------------------------------------------------
// Ticking steps from the interview page

export type StepRef = { interviewId: string; stepStateId: string };

/** Loads the step for a check-then-write, after locking its candidate (candidate-lock.server.ts). */
async function loadStep(tx: Tx, { interviewId, stepStateId }: StepRef) {
  await lockInterviewCandidate(tx, interviewId);
  const state = await tx.checklistStepState.findUnique({
    where: { id: stepStateId },
    select: {
      id: true,
      status: true,
      note: true,
      step: { select: { title: true } },
      run: {
        select: { id: true, status: true, interviewId: true, flagId: true, interview: { select: { candidateId: true } }, flag: { select: { closedAt: true, removedAt: true } } },
      },
    },
  });
  // A step of another interview's checklist is treated as missing, so ids can't be used to reach across.
  if (!state || state.run.interviewId !== interviewId) {
    throw new RuleViolation("That step isn't part of this interview's checklist. Reload the page.");
  }
  if (state.run.status === "cancelled") {
    throw new RuleViolation("This checklist was cancelled when the flag was removed; its steps can't be changed.");
  }
  if (state.run.flag.closedAt) throw new RuleViolation("This recovery is closed: reopen it to change its checklist.");
  return state;
}

type LoadedStep = Awaited<ReturnType<typeof loadStep>>;

/** The part every step event shares: which step, of which interview, for which candidate. */
function stepEvent(state: LoadedStep, actor: StaffActor) {
  return {
    actor,
    entityId: state.id,
    candidateId: state.run.interview.candidateId,
    step: { interviewId: state.run.interviewId, step: state.step.title },
  };
}

const cleanNote = (note: string | null | undefined) => note?.trim().slice(0, NOTE_MAX) || null;

/** Completes the run once no step is left to do. Call after a step leaves "pending". */
export async function completeRunIfFinished(tx: Tx, runId: string, actor: AuditActor, now = new Date()) {
  const run = await tx.checklistRun.findUniqueOrThrow({
    where: { id: runId },
    select: { status: true, interviewId: true, interview: { select: { candidateId: true } } },
  });
  if (run.status !== "active") return false;
  const pending = await tx.checklistStepState.count({ where: { runId, status: "pending" } });
  if (pending > 0) return false;
  await tx.checklistRun.update({ where: { id: runId }, data: { status: "completed", completedAt: now } });
  await recordAudit(tx, {
    actor,
    action: "checklist.completed",
    entityId: runId,
    candidateId: run.interview.candidateId,
    after: { interviewId: run.interviewId, status: "completed" },
  });
  return true;
}

async function finishStep(ref: StepRef, actor: StaffActor, status: "done" | "skipped", note?: string | null) {
  return prisma.$transaction(async (tx) => {
    const state = await loadStep(tx, ref);
    if (state.status !== "pending") {
      throw new RuleViolation(`This step is already ${state.status === "done" ? "done" : "skipped"}. Undo it first to change it.`);
    }
    const now = new Date();
    const newNote = cleanNote(note);
    await tx.checklistStepState.update({
      where: { id: state.id },
      data: {
        status,
        completedAt: now,
        completedById: actor.userId,
        completedByCandidate: false,
        ...(newNote && newNote !== state.note ? { note: newNote } : {}),
      },
    });
    const { step, ...event } = stepEvent(state, actor);
    await recordAudit(tx, {
      ...event,
      action: status === "done" ? "checklist.step_done" : "checklist.step_skipped",
      before: { status: state.status },
      after: { ...step, status, ...(newNote && newNote !== state.note ? { note: newNote } : {}) },
    });
    const completed = await completeRunIfFinished(tx, state.run.id, actor, now);
    await syncRecoveryFacts(tx, state.run.interview.candidateId);
    return { completed };
  });
}

export const tickStep = (ref: StepRef, actor: StaffActor, note?: string | null) => finishStep(ref, actor, "done", note);
export const skipStep = (ref: StepRef, actor: StaffActor, note?: string | null) => finishStep(ref, actor, "skipped", note);

/** Undo: the step goes back to "to do", and a completed checklist becomes active again. */
export async function reopenStep(ref: StepRef, actor: StaffActor) {
  return prisma.$transaction(async (tx) => {
    const state = await loadStep(tx, ref);
    if (state.status === "pending") throw new RuleViolation("This step is still to do; there is nothing to undo.");
    await tx.checklistStepState.update({
      where: { id: state.id },
      data: { status: "pending", completedAt: null, completedById: null, completedByCandidate: false },
    });
    const reopened = state.run.status === "completed";
    if (reopened) {
      await tx.checklistRun.update({ where: { id: state.run.id }, data: { status: "active", completedAt: null } });
    }
    const { step, ...event } = stepEvent(state, actor);
    await recordAudit(tx, {
      ...event,
      action: "checklist.step_reopened",
      before: { status: state.status },
      after: { ...step, status: "pending", ...(reopened ? { checklistReopened: true } : {}) },
    });
    // A step to do again may need a candidate reminder that had stopped when every step was done.
    await refreshCandidateReminderInTx(tx, state.run.flagId);
    await syncRecoveryFacts(tx, state.run.interview.candidateId);
    return { reopened };
  });
}

/** Saves (or clears, when empty) the step's note. */
export async function noteStep(ref: StepRef, actor: StaffActor, note: string | null | undefined, baseVersion?: string) {
  return prisma.$transaction(async (tx) => {
    const state = await loadStep(tx, ref);
    const next = cleanNote(note);
    if (next === state.note) return { changed: false };
    assertNotStale(baseVersion, stepNoteVersion(state.note), () =>
      state.note ? `The note now reads: “${state.note}”.` : "The note was removed.",
    );
    await tx.checklistStepState.update({ where: { id: state.id }, data: { note: next } });
    const { step, ...event } = stepEvent(state, actor);
    await recordAudit(tx, { ...event, action: "checklist.step_noted", before: { note: state.note }, after: { ...step, note: next } });
    return { changed: true };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/**
 * The interview's newest checklist (active, completed or cancelled) with its steps in playbook order, and how many
 * earlier checklists were cancelled. Null when the interview was never flagged.
 */
export async function getChecklistForInterview(interviewId: string) {
  const runs = await prisma.checklistRun.findMany({
    where: { interviewId },
    orderBy: { startedAt: "desc" },
    take: 1,
    select: {
      id: true,
      status: true,
      startedAt: true,
      completedAt: true,
      cancelledAt: true,
      playbookVersion: { select: { version: true } },
      steps: {
        orderBy: { step: { position: "asc" } },
        select: {
          id: true,
          status: true,
          dueAt: true,
          usualDueAt: true,
          note: true,
          completedAt: true,
          completedByCandidate: true,
          completedBy: { select: { name: true } },
          step: { select: { title: true, guidance: true, staffNote: true, owner: true, position: true } },
        },
      },
    },
  });
  const run = runs[0];
  if (!run) return null;
  const earlierCancelled = await prisma.checklistRun.count({ where: { interviewId, status: "cancelled", id: { not: run.id } } });
  const finished = run.steps.filter((s) => s.status === "done" || s.status === "skipped").length;
  return { ...run, steps: run.steps.map((s) => ({ ...s, noteVersion: stepNoteVersion(s.note) })), progress: { finished, total: run.steps.length }, earlierCancelled };
}

export type InterviewChecklist = NonNullable<Awaited<ReturnType<typeof getChecklistForInterview>>>;

// ---------------------------------------------------------------------------------------------------------------
// Dashboard lists

/** How many steps each dashboard list shows. */
export const STEP_LIST_LIMIT = 25;


export type DashboardStep = {
  id: string;
  dueAt: Date;
  title: string;
  interviewId: string;
  candidate: { id: string; name: string };
  company: string;
  recruiter: { id: string; name: string };
};

async function readSteps(ids: string[]): Promise<DashboardStep[]> {
  if (!ids.length) return [];
  const rows = await prisma.checklistStepState.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      dueAt: true,
      step: { select: { title: true } },
      run: {
        select: {
          interview: {
            select: {
              id: true,
              company: { select: { name: true } },
              candidate: { select: { id: true, name: true, recruiter: { select: { id: true, name: true } } } },
            },
          },
        },
      },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const { interview } = r.run;
    return [
      {
        id: r.id,
        dueAt: r.dueAt,
        title: r.step.title,
        interviewId: interview.id,
        candidate: { id: interview.candidate.id, name: interview.candidate.name },
        company: interview.company.name,
        recruiter: interview.candidate.recruiter,
      },
    ];
  });
}

// The (status, dueAt) index finds the pending steps in due order; the join keeps those of recoveries in the queues
// (open, not snoozed, not quiet) whose candidate belongs to the recruiter (the dashboard's scope).
type QueueRules = { now: Date; quietAfter: Date };

function pendingSteps({ owner, recruiterId, rules, overdue }: { owner: "candidate" | "recruiter"; recruiterId?: string; rules: QueueRules; overdue?: boolean }) {
  return Prisma.sql`
    FROM "ChecklistStepState" s
    JOIN "PlaybookStep" p ON p."id" = s."stepId"
    JOIN "ChecklistRun" r ON r."id" = s."runId"
    JOIN "InterviewFlag" f ON f."id" = r."flagId"
    WHERE s."status" = 'pending' AND p."owner" = ${owner} AND r."status" = 'active' AND ${inQueue(rules)}
    ${overdue ? Prisma.sql`AND s."dueAt" < ${sqlDate(rules.now)}` : Prisma.empty}
    ${recoveryOwnedBy(recruiterId)}`;
}

async function stepList(where: Prisma.Sql, order: "ASC" | "DESC", limit: number, offset = 0, countCap?: number) {
  const [ids, { total, capped }] = await Promise.all([
    prisma.$queryRaw<{ id: string }[]>`SELECT s."id" ${where} ORDER BY s."dueAt" ${Prisma.raw(order)}, s."id" LIMIT ${limit} OFFSET ${offset}`,
    countRows(where, countCap),
  ]);
  return { steps: await readSteps(ids.map((r) => r.id)), total, capped };
}

/** Recruiter steps past their due time on open recoveries, most recently due first (the freshest still help most). */
export function overdueRecruiterSteps({
  recruiterId,
  rules,
  limit = STEP_LIST_LIMIT,
  offset = 0,
  countCap,
}: {
  recruiterId?: string;
  rules: QueueRules;
  limit?: number;
  offset?: number;
  /** Count no further than this (the dashboard's "99+"); left out, the exact total. */
  countCap?: number;
}) {
  return stepList(pendingSteps({ owner: "recruiter", recruiterId, rules, overdue: true }), "DESC", limit, offset, countCap);
}

/** Candidate steps still to do on open recoveries, soonest due first. */
export function candidateStepsNotDone({
  recruiterId,
  rules,
  limit = STEP_LIST_LIMIT,
  offset = 0,
  countCap,
}: {
  recruiterId?: string;
  rules: QueueRules;
  limit?: number;
  offset?: number;
  /** Count no further than this (the dashboard's "99+"); left out, the exact total. */
  countCap?: number;
}) {
  return stepList(pendingSteps({ owner: "candidate", recruiterId, rules }), "ASC", limit, offset, countCap);
}
