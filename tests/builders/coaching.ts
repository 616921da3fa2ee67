// Builders for the coaching tests: a flagged interview with a checklist run and its steps, made from the entity
// builders (not the checklist model) so these tests don't depend on how the app starts a run.
import { randomUUID } from "node:crypto";
import { makeCandidate } from "./candidates";
import { makeChecklistRun, makePlaybookVersion } from "./checklists";
import { makeFlag } from "./flags";
import { makeInterview } from "./interviews";
import { makeUser } from "./users";

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

/** A flagged interview with a checklist run; returns the run, its interview, candidate and step states by title. */
export async function makeRun(
  overrides: { candidateName?: string; status?: "active" | "completed" | "cancelled"; steps?: StepSpec[] } = {},
) {
  const recruiter = await makeUser({ email: `recruiter-${randomUUID().slice(0, 8)}@agency.example` });
  const candidate = await makeCandidate({ name: overrides.candidateName ?? "Priya Raman", recruiterId: recruiter.id });
  const interview = await makeInterview({ candidateId: candidate.id });
  const flag = await makeFlag(interview.id, {
    severity: "critical",
    source: "client_feedback",
    description: "FLAG-DESCRIPTION-internal",
    flaggedById: recruiter.id,
    reasons: [],
  });
  const steps = overrides.steps ?? defaultSteps;
  const version = await makePlaybookVersion(steps);
  const { run, states } = await makeChecklistRun({
    flag,
    playbookVersion: version,
    status: overrides.status,
    steps: steps.map((s) => ({ status: s.status, note: s.note, dueAt: s.dueAt, completedById: recruiter.id })),
  });
  const byTitle: Record<string, { id: string }> = {};
  for (const [i, step] of version.steps.entries()) byTitle[step.title] = { id: states[i].id };
  return { run, interview, candidate, recruiter, flag, states: byTitle };
}
