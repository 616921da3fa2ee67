import { expect, test } from "vitest";
import { reopenStep, tickStep } from "~/models/recovery/checklist.server";
import { createCoachingLink, markCandidateStepDone } from "~/models/recovery/coaching.server";
import { candidateTimeline } from "~/models/timeline/timeline.server";
import { prisma } from "~/utils/db.server";
import { makeFlaggedInterviewWithChecklist } from "../../builders/checklists";

test("a candidate's own tick stays on the timeline after a recruiter undoes it, like a recruiter's tick does", async () => {
  const { recruiter, interview, run, ref } = await makeFlaggedInterviewWithChecklist();
  const actor = { userId: recruiter.id };
  const candidateStep = run.steps.findIndex((s) => s.step.owner === "candidate");
  const recruiterStep = run.steps.findIndex((s) => s.step.owner === "recruiter");
  const candidateTitle = run.steps[candidateStep].step.title;
  const recruiterTitle = run.steps[recruiterStep].step.title;

  const { token } = await createCoachingLink(run.id, actor);
  await markCandidateStepDone(token, run.steps[candidateStep].id);
  await reopenStep(ref(candidateStep), actor);
  await tickStep(ref(recruiterStep), actor);
  await reopenStep(ref(recruiterStep), actor);

  const lines = (await candidateTimeline(interview.candidateId)).filter((e) => e.kind === "checklist").map((e) => [e.summary, e.actor]);
  expect(lines).toEqual(
    expect.arrayContaining([
      [`Checklist step done: ${candidateTitle}`, "The candidate"],
      [`Checklist step back to do (was done): ${candidateTitle}`, recruiter.name],
      [`Checklist step done: ${recruiterTitle}`, recruiter.name],
      [`Checklist step back to do (was done): ${recruiterTitle}`, recruiter.name],
    ]),
  );
});

test("an event kind this version doesn't know shows as a plain change, and a broken row doesn't break the page", async () => {
  const { interview } = await makeFlaggedInterviewWithChecklist();
  const base = { entityType: "Candidate", entityId: interview.candidateId, candidateId: interview.candidateId, actorLabel: "system" };
  await prisma.auditEvent.create({ data: { ...base, action: "candidate.merged", after: JSON.stringify({ into: "x" }) } });
  await prisma.auditEvent.create({ data: { ...base, action: "candidate.updated", after: "{broken" } });
  const summaries = (await candidateTimeline(interview.candidateId)).map((e) => e.summary);
  expect(summaries).toContain("Changed (candidate.merged)");
  expect(summaries).toContain("Changed (candidate.updated)");
});
