// The candidate's coaching page: unguessable links to one checklist run, and what the candidate may do there
// (tick their own steps, fill the reflection worksheet). Only the SHA-256 of a link's token is stored.
import { firstName } from "~/utils/names";
import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "~/models/audit/audit.server";
import { candidateActivityInTx } from "../notifications/alerts.server";
import type { AuditActor, StaffActor } from "~/models/audit/events";
import { prisma, type Tx } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { completeRunIfFinished } from "./checklist.server";
import { lockCandidate, lockInterviewCandidate } from "../candidates/candidate-lock.server";
import type { Reflection } from "./reflection";
import { syncRecoveryFacts } from "../stats/recovery-facts.server";

export const COACHING_LINK_DAYS = 30;
const candidateActor: AuditActor = { label: "candidate" };

export function hashCoachingToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

// Anything that can't be one of our tokens (43 base64url characters) is refused before touching the database.
const plausibleToken = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

const reflectionColumns = {
  reflectionWentWell: true,
  reflectionWentWrong: true,
  reflectionQuestions: true,
  reflectionDoDifferently: true,
  reflectionUpdatedAt: true,
} as const;

type ReflectionRow = {
  reflectionWentWell: string | null;
  reflectionWentWrong: string | null;
  reflectionQuestions: string | null;
  reflectionDoDifferently: string | null;
};

function toReflection(run: ReflectionRow): Reflection {
  return {
    wentWell: run.reflectionWentWell,
    wentWrong: run.reflectionWentWrong,
    questions: run.reflectionQuestions,
    doDifferently: run.reflectionDoDifferently,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The recruiter's side

async function getRunForLinks(tx: Tx, runId: string, scope?: { interviewId: string }) {
  // "Replace the links still active" reads, then writes: lock the candidate first (candidate-lock.server.ts).
  const owner = await tx.checklistRun.findUnique({ where: { id: runId }, select: { interviewId: true } });
  if (owner) await lockInterviewCandidate(tx, owner.interviewId);
  const run = await tx.checklistRun.findUnique({
    where: { id: runId },
    select: { id: true, status: true, interviewId: true, interview: { select: { candidateId: true } } },
  });
  if (!run || (scope && run.interviewId !== scope.interviewId)) {
    throw new RuleViolation("That checklist no longer exists. Reload the page.");
  }
  return run;
}

/**
 * Creates a link to the candidate's page for a checklist run, inside the caller's transaction, and returns the token,
 * which is never stored: show it once. The recruiter's "Create a new link" replaces any link still active (the old
 * one may have gone astray); each recovery email gets a link of its own and leaves earlier emails' links working.
 */
export async function createCoachingLinkInTx(
  tx: Tx,
  runId: string,
  actor: AuditActor,
  { scope, replacePrevious, now = new Date() }: { scope?: { interviewId: string }; replacePrevious: boolean; now?: Date },
) {
  const token = randomBytes(32).toString("base64url");
  const run = await getRunForLinks(tx, runId, scope);
  if (run.status === "cancelled") {
    throw new RuleViolation("This checklist was cancelled, so the candidate can't have a link to it.");
  }
  const previous = replacePrevious
    ? await tx.coachingLink.findMany({ where: { runId, revokedAt: null, expiresAt: { gt: now } }, select: { id: true } })
    : [];
  if (previous.length) {
    await tx.coachingLink.updateMany({ where: { id: { in: previous.map((l) => l.id) } }, data: { revokedAt: now } });
  }
  const link = await tx.coachingLink.create({
    data: {
      runId,
      tokenHash: hashCoachingToken(token),
      expiresAt: new Date(now.getTime() + COACHING_LINK_DAYS * 24 * 3600_000),
      // The candidate opening their page from a check-in makes a link too: nobody on the staff made it.
      createdById: "userId" in actor ? actor.userId : null,
      createdAt: now,
    },
    select: { id: true, expiresAt: true },
  });
  await recordAudit(tx, {
    actor,
    action: "coaching.link_created",
    entityId: link.id,
    candidateId: run.interview.candidateId,
    after: {
      interviewId: run.interviewId,
      runId,
      expiresAt: link.expiresAt.toISOString(),
      replacedLinkIds: previous.map((l) => l.id),
    },
  });
  // A replaced link stops working: that shows on the timeline as its own revocation.
  for (const { id } of previous) {
    await recordAudit(tx, {
      actor,
      action: "coaching.link_revoked",
      entityId: id,
      candidateId: run.interview.candidateId,
      before: { revokedAt: null },
      after: { interviewId: run.interviewId, runId, revokedAt: now.toISOString(), replacedBy: link.id },
    });
  }
  return { token, linkId: link.id, expiresAt: link.expiresAt, replacedPrevious: previous.length > 0 };
}

/** The recruiter's "Create a new link": a fresh link that replaces any still active. */
export async function createCoachingLink(
  runId: string,
  actor: StaffActor,
  scope?: { interviewId: string },
  now: Date = new Date(),
) {
  return prisma.$transaction((tx) => createCoachingLinkInTx(tx, runId, actor, { scope, replacePrevious: true, now }));
}

/** Stops the candidate's links to this link's run from working. Revoking when none is active changes nothing. */
export async function revokeCoachingLink(
  linkId: string,
  actor: StaffActor,
  scope?: { interviewId: string },
  now: Date = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const link = await tx.coachingLink.findUnique({
      where: { id: linkId },
      select: { id: true, revokedAt: true, run: { select: { id: true, interviewId: true, interview: { select: { candidateId: true } } } } },
    });
    if (!link || (scope && link.run.interviewId !== scope.interviewId)) {
      throw new RuleViolation("That link no longer exists. Reload the page.");
    }
    await lockInterviewCandidate(tx, link.run.interviewId);
    // Emails each carry a link of their own, so "revoke" stops every link to this run that still works.
    const active = await tx.coachingLink.findMany({
      where: { runId: link.run.id, revokedAt: null, expiresAt: { gt: now } },
      select: { id: true },
    });
    for (const { id } of active) {
      await tx.coachingLink.update({ where: { id }, data: { revokedAt: now } });
      await recordAudit(tx, {
        actor,
        action: "coaching.link_revoked",
        entityId: id,
        candidateId: link.run.interview.candidateId,
        before: { revokedAt: null },
        after: { interviewId: link.run.interviewId, runId: link.run.id, revokedAt: now.toISOString() },
      });
    }
  });
}

export type CoachingLinkStatus = "active" | "revoked" | "expired";

/** What the recruiter's coaching panel on /interviews/:id shows: the latest run, its newest link, the reflection. */
export async function getCoachingPanel(interviewId: string, now: Date = new Date()) {
  const run = await prisma.checklistRun.findFirst({
    where: { interviewId },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      status: true,
      ...reflectionColumns,
      coachingLinks: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, expiresAt: true, revokedAt: true, createdAt: true },
      },
    },
  });
  if (!run) return { run: null, link: null, lastOpenedAt: null, reflection: null, reflectionUpdatedAt: null };
  // Any of the run's links counts (each email carries its own): when did the candidate last look?
  const opened = await prisma.coachingLink.findFirst({
    where: { runId: run.id, lastOpenedAt: { not: null } },
    orderBy: { lastOpenedAt: "desc" },
    select: { lastOpenedAt: true },
  });
  const latest = run.coachingLinks[0];
  const status: CoachingLinkStatus | null = !latest
    ? null
    : latest.revokedAt
      ? "revoked"
      : latest.expiresAt <= now
        ? "expired"
        : "active";
  return {
    run: { id: run.id, status: run.status },
    link: latest && status ? { ...latest, status } : null,
    lastOpenedAt: opened?.lastOpenedAt ?? null,
    reflection: toReflection(run),
    reflectionUpdatedAt: run.reflectionUpdatedAt,
  };
}

export type CoachingPanelData = Awaited<ReturnType<typeof getCoachingPanel>>;

// ---------------------------------------------------------------------------------------------------------------
// The candidate's side: everything goes through the token, and wrong, expired, revoked and cancelled all look alike.

async function findValidLink(client: Tx, token: string, now: Date) {
  if (!plausibleToken(token)) return null;
  const link = await client.coachingLink.findUnique({
    where: { tokenHash: hashCoachingToken(token) },
    select: {
      id: true,
      expiresAt: true,
      revokedAt: true,
      lastOpenedAt: true,
      run: { select: { id: true, status: true, interview: { select: { candidateId: true } } } },
    },
  });
  if (!link || link.revokedAt || link.expiresAt <= now || link.run.status === "cancelled") return null;
  return { linkId: link.id, runId: link.run.id, candidateId: link.run.interview.candidateId, lastOpenedAt: link.lastOpenedAt };
}

/**
 * findValidLink for a check-then-write: the link's candidate is locked (candidate-lock.server.ts), then the link is
 * checked again, since a recruiter may have revoked it or removed the flag while this waited for the lock.
 */
async function findValidLinkLocked(tx: Tx, token: string, now: Date) {
  const access = await findValidLink(tx, token, now);
  if (!access) return null;
  await lockCandidate(tx, access.candidateId);
  return findValidLink(tx, token, now);
}

const OPENED_EVERY_MS = 60_000;

/**
 * Records when the candidate opened their page, for the recruiter's "last opened …". Not audited: a visit decides
 * nothing. At most once a minute (the page reloads its data after every autosave), and never at the page's expense.
 */
async function noteLinkOpened(access: { linkId: string; lastOpenedAt: Date | null }, now: Date) {
  if (access.lastOpenedAt && now.getTime() - access.lastOpenedAt.getTime() < OPENED_EVERY_MS) return;
  await prisma.coachingLink.update({ where: { id: access.linkId }, data: { lastOpenedAt: now } }).catch(() => undefined);
}

/**
 * The candidate's page for a token, or null when the link is wrong, expired, revoked or its checklist cancelled.
 * Selects only what the candidate may see: their own (candidate-owned) steps, never notes or recruiter steps.
 */
export async function findCoachingRun(token: string, now: Date = new Date()) {
  const access = await findValidLink(prisma, token, now);
  if (!access) return null;
  await noteLinkOpened(access, now);
  const run = await prisma.checklistRun.findUniqueOrThrow({
    where: { id: access.runId },
    select: {
      id: true,
      status: true,
      ...reflectionColumns,
      interview: {
        select: {
          roleTitle: true,
          candidate: {
            select: { name: true, recruiter: { select: { name: true, email: true, phone: true, active: true } } },
          },
          company: { select: { name: true } },
        },
      },
      steps: {
        where: { step: { owner: "candidate" } },
        orderBy: [{ step: { position: "asc" } }],
        select: {
          id: true,
          dueAt: true,
          status: true,
          completedAt: true,
          step: { select: { title: true, guidance: true } },
        },
      },
    },
  });
  return {
    runId: run.id,
    runStatus: run.status,
    firstName: firstName(run.interview.candidate.name),
    companyName: run.interview.company.name,
    roleTitle: run.interview.roleTitle,
    // Who to contact: the candidate's own recruiter, while they still work here.
    recruiter: run.interview.candidate.recruiter.active
      ? { name: run.interview.candidate.recruiter.name, email: run.interview.candidate.recruiter.email, phone: run.interview.candidate.recruiter.phone }
      : null,
    steps: run.steps.map((s) => ({
      id: s.id,
      title: s.step.title,
      guidance: s.step.guidance,
      dueAt: s.dueAt,
      status: s.status,
      completedAt: s.completedAt,
    })),
    reflection: toReflection(run),
    reflectionUpdatedAt: run.reflectionUpdatedAt,
  };
}

export type CoachingPage = NonNullable<Awaited<ReturnType<typeof findCoachingRun>>>;

/**
 * The candidate ticks one of their own steps. Null when the link is not valid; a RuleViolation for a step that
 * isn't theirs to tick (a recruiter's step, another run's step). Ticking a step that is already done changes nothing.
 */
export async function markCandidateStepDone(token: string, stepStateId: string, now: Date = new Date()) {
  return prisma.$transaction(async (tx) => {
    const access = await findValidLinkLocked(tx, token, now);
    if (!access) return null;
    const state = await tx.checklistStepState.findFirst({
      where: { id: stepStateId, runId: access.runId, step: { owner: "candidate" } },
      select: { id: true, status: true, step: { select: { title: true } }, run: { select: { interviewId: true } } },
    });
    if (!state) throw new RuleViolation("That step isn't on your list. Reload the page.");
    if (state.status !== "pending") return { changed: false };
    await tx.checklistStepState.update({
      where: { id: state.id },
      data: { status: "done", completedAt: now, completedById: null, completedByCandidate: true },
    });
    await recordAudit(tx, {
      actor: candidateActor,
      action: "coaching.step_done_by_candidate",
      entityId: state.id,
      candidateId: access.candidateId,
      before: { status: state.status },
      after: { status: "done", stepTitle: state.step.title, interviewId: state.run.interviewId, runId: access.runId },
    });
    await completeRunIfFinished(tx, access.runId, candidateActor, now);
    await syncRecoveryFacts(tx, access.candidateId);
    await candidateActivityInTx(tx, { candidateId: access.candidateId, interviewId: state.run.interviewId, what: "step", stepTitle: state.step.title }, now);
    return { changed: true };
  });
}

/** Saves the worksheet (already validated by ReflectionSchema). Null when the link is not valid. */
export async function saveReflection(token: string, fields: Reflection, now: Date = new Date()) {
  return prisma.$transaction(async (tx) => {
    const access = await findValidLinkLocked(tx, token, now);
    if (!access) return null;
    const run = await tx.checklistRun.findUniqueOrThrow({
      where: { id: access.runId },
      select: { interviewId: true, ...reflectionColumns },
    });
    const before = toReflection(run);
    const changed = (Object.keys(fields) as (keyof Reflection)[]).filter((k) => (before[k] ?? null) !== fields[k]);
    // Autosave sends the whole form after every pause in typing; unchanged saves leave no trace.
    if (!changed.length) return { savedAt: run.reflectionUpdatedAt ?? now, changed: false };
    await tx.checklistRun.update({
      where: { id: access.runId },
      data: {
        reflectionWentWell: fields.wentWell,
        reflectionWentWrong: fields.wentWrong,
        reflectionQuestions: fields.questions,
        reflectionDoDifferently: fields.doDifferently,
        reflectionUpdatedAt: now,
      },
    });
    // The audit names the questions answered, not the candidate's words (the run keeps those).
    await recordAudit(tx, {
      actor: candidateActor,
      action: "coaching.reflection_saved",
      entityId: access.runId,
      candidateId: access.candidateId,
      after: { interviewId: run.interviewId, changedFields: changed },
    });
    await candidateActivityInTx(tx, { candidateId: access.candidateId, interviewId: run.interviewId, what: "reflection" }, now);
    return { savedAt: now, changed: true };
  });
}
