// Builders for the coaching tests: a flagged interview with a checklist run and its steps, made directly with
// Prisma so these tests don't depend on the checklist model.
import { recoveryWindowClosesAt } from "~/models/recovery/rules";
import { randomUUID } from "node:crypto";
import { prisma } from "~/utils/db.server";
import { makeCandidate, makeInterview, makeUser } from "../db-utils";

type StepSpec = {
  title: string;
  owner: "candidate" | "recruiter";
  guidance?: string;
  status?: "pending" | "done" | "skipped";
  note?: string;
  dueAt?: Date;
};

export const defaultSteps: StepSpec[] = [
  { title: "Rest before you call anyone", owner: "candidate", guidance: "Go home and write down what you want to say." },
  { title: "Check in with the candidate", owner: "recruiter", guidance: "Call them today.", note: "RECRUITER-NOTE-tells-client-he-was-rude" },
  { title: "Phone the hiring manager", owner: "candidate", guidance: "A call, not an email.", note: "STEP-NOTE-candidate-owned" },
];

async function nextPlaybookVersion() {
  const { _max } = await prisma.playbookVersion.aggregate({ _max: { version: true } });
  return (_max.version ?? 0) + 1;
}

/** A flagged interview with a checklist run; returns the run, its interview, candidate and step states by title. */
export async function makeRun(
  overrides: { candidateName?: string; status?: "active" | "completed" | "cancelled"; steps?: StepSpec[] } = {},
) {
  const recruiter = await makeUser({ email: `recruiter-${randomUUID().slice(0, 8)}@agency.example` });
  const candidate = await makeCandidate({ name: overrides.candidateName ?? "Priya Raman", recruiterId: recruiter.id });
  const interview = await makeInterview({ candidateId: candidate.id });
  const flag = await prisma.interviewFlag.create({
    data: {
      interviewId: interview.id,
      severity: "critical",
      source: "client_feedback",
      description: "FLAG-DESCRIPTION-internal",
      flaggedById: recruiter.id,
      windowClosesAt: recoveryWindowClosesAt(interview),
    },
  });
  const steps = overrides.steps ?? defaultSteps;
  const version = await prisma.playbookVersion.create({
    data: {
      version: await nextPlaybookVersion(),
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
  const run = await prisma.checklistRun.create({
    data: {
      interviewId: interview.id,
      flagId: flag.id,
      playbookVersionId: version.id,
      status: overrides.status ?? "active",
      cancelledAt: overrides.status === "cancelled" ? new Date() : null,
    },
  });
  const states: Record<string, { id: string }> = {};
  for (const [i, step] of version.steps.entries()) {
    const spec = steps[i];
    const done = spec.status && spec.status !== "pending";
    states[step.title] = await prisma.checklistStepState.create({
      data: {
        runId: run.id,
        stepId: step.id,
        dueAt: spec.dueAt ?? new Date(Date.now() + (i + 1) * 3600_000),
        status: spec.status ?? "pending",
        note: spec.note ?? null,
        completedAt: done ? new Date() : null,
        completedById: done ? recruiter.id : null,
      },
      select: { id: true },
    });
  }
  return { run, interview, candidate, recruiter, flag, states };
}
