// Test builders for checklists: playbook versions, runs with their step states, coaching links, and a flagged
// interview whose run the app itself started.
import { randomBytes } from "node:crypto";
import { flagInterview } from "~/models/flags/flag.server";
import { COACHING_LINK_DAYS, hashCoachingToken } from "~/models/recovery/coaching.server";
import { interviewEnd } from "~/models/recovery/rules";
import { syncRecoveryFacts } from "~/models/stats/recovery-facts.server";
import { prisma } from "~/utils/db.server";
import { makeInterview, flagDetails } from "./interviews";
import { makeUser } from "./users";

export type PlaybookStepSpec = { title: string; owner: "candidate" | "recruiter"; guidance?: string };

/** A new playbook version (it becomes the current one) with these steps, due an hour apart. */
export async function makePlaybookVersion(steps: PlaybookStepSpec[]) {
  const { _max } = await prisma.playbookVersion.aggregate({ _max: { version: true } });
  return prisma.playbookVersion.create({
    data: {
      version: (_max.version ?? 0) + 1,
      steps: {
        create: steps.map((s, position) => ({
          position,
          title: s.title,
          guidance: s.guidance ?? `Guidance for ${s.title}`,
          owner: s.owner,
          dueOffsetMinutes: 60 * (position + 1),
        })),
      },
    },
    include: { steps: { orderBy: { position: "asc" } } },
  });
}

export type StepStateSpec = { status?: "pending" | "done" | "skipped"; note?: string; dueAt?: Date; completedById?: string };

/**
 * A checklist run for the flag, on this playbook version, with one step state per step (`steps[i]` describes the
 * i-th step; missing ones are pending). Returns the run and its step states in step order.
 */
export async function makeChecklistRun(input: {
  flag: { id: string; interviewId: string };
  playbookVersion: { id: string; steps: { id: string }[] };
  status?: "active" | "completed" | "cancelled";
  steps?: StepStateSpec[];
}) {
  const status = input.status ?? "active";
  const run = await prisma.checklistRun.create({
    data: {
      interviewId: input.flag.interviewId,
      flagId: input.flag.id,
      playbookVersionId: input.playbookVersion.id,
      status,
      cancelledAt: status === "cancelled" ? new Date() : null,
    },
  });
  const states = [];
  for (const [i, step] of input.playbookVersion.steps.entries()) {
    const spec = input.steps?.[i] ?? {};
    const done = spec.status !== undefined && spec.status !== "pending";
    states.push(
      await prisma.checklistStepState.create({
        data: {
          runId: run.id,
          stepId: step.id,
          dueAt: spec.dueAt ?? new Date(Date.now() + (i + 1) * 3600_000),
          status: spec.status ?? "pending",
          note: spec.note ?? null,
          completedAt: done ? new Date() : null,
          completedById: done ? (spec.completedById ?? null) : null,
        },
      }),
    );
  }
  // The statistics count steps from the candidate's recovery facts, kept as the app's checklist writes keep them.
  const { candidateId } = await prisma.interview.findUniqueOrThrow({ where: { id: input.flag.interviewId }, select: { candidateId: true } });
  await syncRecoveryFacts(prisma, candidateId);
  return { run, states };
}

/** A coaching link to the run; returns the link and its raw token (only the hash is stored). */
export async function makeCoachingLink(
  runId: string,
  overrides: { expiresAt?: Date; revokedAt?: Date | null; createdById?: string } = {},
) {
  const token = randomBytes(32).toString("base64url");
  const link = await prisma.coachingLink.create({
    data: {
      runId,
      tokenHash: hashCoachingToken(token),
      expiresAt: overrides.expiresAt ?? new Date(Date.now() + COACHING_LINK_DAYS * 24 * 3600_000),
      revokedAt: overrides.revokedAt ?? null,
      createdById: overrides.createdById ?? null,
    },
  });
  return { link, token };
}

/** A recruiter's interview, flagged by them through the app: the flag starts the checklist. */
/**
 * A recruiter's interview, flagged by them through the app (which starts the checklist). The flag is logged when
 * the interview ended unless `flaggedAt` says otherwise, so no step starts on its grace time by accident.
 */
export async function makeFlaggedInterviewWithChecklist(overrides: { scheduledAt?: Date; recruiterId?: string; flaggedAt?: Date } = {}) {
  const recruiter = overrides.recruiterId
    ? await prisma.user.findUniqueOrThrow({ where: { id: overrides.recruiterId } })
    : await makeUser();
  const interview = await makeInterview({ recruiterId: recruiter.id, scheduledAt: overrides.scheduledAt });
  const flag = await flagInterview(interview.id, flagDetails(), { userId: recruiter.id }, overrides.flaggedAt ?? interviewEnd(interview));
  const run = await prisma.checklistRun.findUniqueOrThrow({
    where: { flagId: flag.id },
    include: { steps: { include: { step: true }, orderBy: { step: { position: "asc" } } } },
  });
  return { recruiter, interview, flag, run, ref: (i: number) => ({ interviewId: interview.id, stepStateId: run.steps[i].id }) };
}
