// Retention: candidates are kept N months after their last activity and emails' bodies M months (Settings → Privacy).
// A daily job anonymises the candidates past the limit exactly as "erase" does (eraseCandidateInTx) and strips old
// bodies; the statistics keep their counts. Managers see the next run's list first and can exempt a candidate.
import { recordAudit } from "~/models/audit/audit.server";
import type { StaffActor } from "~/models/audit/events";
import { getAgency } from "~/models/agency/agency.server";
import { monthsBefore } from "~/utils/zoned-time";
import { prisma, type Tx } from "~/utils/db.server";
import { lockCandidate } from "~/models/candidates/candidate-lock.server";
import { RuleViolation } from "~/utils/errors.server";
import { jobKeys } from "~/models/jobs/kinds";
import { eraseCandidateInTx } from "./erase.server";
import { getPrivacySettings } from "./privacy-settings.server";

/** The job runs daily; a candidate crossing the limit waits at most a day. */
export const RETENTION_EVERY_MS = 24 * 3600_000;
const BATCH = 50;
export const PREVIEW_LIMIT = 50;

export type RetentionCutoffs = { candidates: Date; emailBodies: Date; candidateMonths: number; emailBodyMonths: number };

export async function retentionCutoffs(now: Date): Promise<RetentionCutoffs> {
  const [{ retainCandidatesMonths, retainEmailBodiesMonths }, { timeZone }] = await Promise.all([getPrivacySettings(), getAgency()]);
  return {
    candidates: monthsBefore(now, retainCandidatesMonths, timeZone),
    emailBodies: monthsBefore(now, retainEmailBodiesMonths, timeZone),
    candidateMonths: retainCandidatesMonths,
    emailBodyMonths: retainEmailBodiesMonths,
  };
}

/**
 * A candidate's last activity is the newest of: when they were added, their latest interview (a future one keeps them)
 * and the newest audit event about them (a flag, a step, an email, a check-in, an edit, an outcome).
 */
function dueCandidatesWhere(cutoff: Date) {
  return {
    erasedAt: null,
    retentionExemptAt: null,
    createdAt: { lt: cutoff },
    OR: [{ lastInterviewAt: null }, { lastInterviewAt: { lt: cutoff } }],
    auditEvents: { none: { at: { gte: cutoff } } },
  };
}

const stripWhere = (cutoff: Date) => ({
  createdAt: { lt: cutoff },
  // A message still waiting to go keeps its body until it is sent or given up.
  status: { notIn: ["queued", "sending"] },
  OR: [{ html: { not: "" } }, { text: { not: "" } }, { personalNote: { not: null } }],
});

/** What the next run will do, now: the candidates it would anonymise (a page of them), how many bodies it would strip. */
export async function retentionPreview(now: Date = new Date()) {
  const cutoffs = await retentionCutoffs(now);
  const where = dueCandidatesWhere(cutoffs.candidates);
  const [count, candidates, emailBodies, exempt, runs] = await Promise.all([
    prisma.candidate.count({ where }),
    prisma.candidate.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: PREVIEW_LIMIT,
      select: { id: true, name: true, createdAt: true, lastInterviewAt: true, status: true, recruiter: { select: { name: true } } },
    }),
    prisma.emailMessage.count({ where: stripWhere(cutoffs.emailBodies) }),
    prisma.candidate.findMany({
      where: { erasedAt: null, retentionExemptAt: { not: null } },
      orderBy: { retentionExemptAt: "desc" },
      take: 200,
      select: { id: true, name: true, retentionExemptAt: true, retentionExemptReason: true },
    }),
    prisma.retentionRun.findMany({ orderBy: { ranAt: "desc" }, take: 10 }),
  ]);
  const nextRun = await prisma.job.findUnique({ where: { key: jobKeys.retention() }, select: { runAt: true } });
  return { cutoffs, count, candidates, emailBodies, exempt, runs, nextRunAt: nextRun?.runAt ?? null };
}

/** Strips bodies older than the cutoff in batches; returns how many. The counts and statuses stay for the statistics. */
async function stripOldBodies(cutoff: Date) {
  let stripped = 0;
  for (;;) {
    const batch = await prisma.emailMessage.findMany({ where: stripWhere(cutoff), select: { id: true }, take: 500 });
    if (!batch.length) return stripped;
    const { count } = await prisma.emailMessage.updateMany({
      where: { id: { in: batch.map((m) => m.id) } },
      data: { html: "", text: "", personalNote: null },
    });
    stripped += count;
  }
}

/**
 * One retention run: anonymises every candidate past the limit (each in its own transaction, so a long backlog never
 * holds the database) and strips old bodies, then records the run. Running it twice does nothing more the second time.
 */
export async function runRetention(now: Date = new Date()) {
  const cutoffs = await retentionCutoffs(now);
  let erased = 0;
  const skipped = new Set<string>();
  for (;;) {
    const due = await prisma.candidate.findMany({
      where: { ...dueCandidatesWhere(cutoffs.candidates), id: { notIn: [...skipped] } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (!due.length) break;
    for (const { id } of due) {
      try {
        const done = await prisma.$transaction(async (tx) => {
          // Still due once locked? A manager may have exempted them since the list above was read.
          await lockCandidate(tx, id);
          if (!(await tx.candidate.count({ where: { ...dueCandidatesWhere(cutoffs.candidates), id } }))) return false;
          await eraseCandidateInTx(tx, id, { reason: "retention" }, { label: "system" }, now);
          return true;
        });
        if (!done) skipped.add(id);
        else erased += 1;
      } catch (error) {
        // Erased or exempted meanwhile: the next run looks again.
        if (!(error instanceof RuleViolation)) throw error;
        skipped.add(id);
      }
    }
  }
  const stripped = await stripOldBodies(cutoffs.emailBodies);
  const summary = { candidatesErased: erased, emailBodiesStripped: stripped, candidateMonths: cutoffs.candidateMonths, emailBodyMonths: cutoffs.emailBodyMonths };
  await prisma.$transaction(async (tx) => {
    const run = await tx.retentionRun.create({ data: { ranAt: now, ...summary } });
    await recordAudit(tx, { actor: { label: "system" }, action: "retention.ran", entityId: run.id, after: summary });
  });
  return summary;
}

async function loadForExemption(tx: Tx, candidateId: string) {
  await lockCandidate(tx, candidateId);
  const candidate = await tx.candidate.findUnique({ where: { id: candidateId }, select: { erasedAt: true, retentionExemptAt: true, retentionExemptReason: true } });
  if (!candidate) throw new RuleViolation("This candidate no longer exists.", "candidateId");
  if (candidate.erasedAt) throw new RuleViolation("This candidate was already erased.", "candidateId");
  return candidate;
}

/** Keeps a candidate out of retention's anonymising, with the manager's reason (audited). */
export async function exemptFromRetention(candidateId: string, reason: string, actor: StaffActor, now: Date = new Date()) {
  return prisma.$transaction(async (tx) => {
    await loadForExemption(tx, candidateId);
    await tx.candidate.update({ where: { id: candidateId }, data: { retentionExemptAt: now, retentionExemptReason: reason } });
    await recordAudit(tx, { actor, action: "candidate.retention_exempted", entityId: candidateId, candidateId, after: { reason } });
  });
}

export async function liftRetentionExemption(candidateId: string, actor: StaffActor) {
  return prisma.$transaction(async (tx) => {
    const current = await loadForExemption(tx, candidateId);
    if (!current.retentionExemptAt) return { changed: false };
    await tx.candidate.update({ where: { id: candidateId }, data: { retentionExemptAt: null, retentionExemptReason: null } });
    await recordAudit(tx, {
      actor,
      action: "candidate.retention_exemption_lifted",
      entityId: candidateId,
      candidateId,
      before: { reason: current.retentionExemptReason },
    });
    return { changed: true };
  });
}
