// The entity builders keep the summary columns (Interview.flagSeverity, Candidate.lastInterviewAt and
// openFlagCount) as the app's own writes would, so table and dashboard tests see real data.
import { expect, test } from "vitest";
import { findCoachingRun } from "~/models/recovery/coaching.server";
import { prisma } from "~/utils/db.server";
import { makeCoachingLink } from "./checklists";
import { makeRun } from "./coaching";
import { makeCandidate } from "./candidates";
import { closeRecovery, makeFlag, makeFlaggedInterview, removeFlag } from "./flags";
import { makeInterview } from "./interviews";

const summaryOf = (candidateId: string) =>
  prisma.candidate.findUniqueOrThrow({ where: { id: candidateId }, select: { lastInterviewAt: true, openFlagCount: true } });
const severityOf = async (interviewId: string) =>
  (await prisma.interview.findUniqueOrThrow({ where: { id: interviewId } })).flagSeverity;

test("a new candidate has no last interview and no open flags", async () => {
  const candidate = await makeCandidate();
  expect(await summaryOf(candidate.id)).toEqual({ lastInterviewAt: null, openFlagCount: 0 });
});

test("interviews set the candidate's last interview to the latest one, whatever the order they are made in", async () => {
  const candidate = await makeCandidate();
  await makeInterview({ candidateId: candidate.id, scheduledAt: new Date("2026-11-10T09:00:00Z") });
  await makeInterview({ candidateId: candidate.id, scheduledAt: new Date("2026-11-20T09:00:00Z") });
  await makeInterview({ candidateId: candidate.id, scheduledAt: new Date("2026-11-15T09:00:00Z") });
  expect(await summaryOf(candidate.id)).toEqual({ lastInterviewAt: new Date("2026-11-20T09:00:00Z"), openFlagCount: 0 });
});

test("a flag sets the interview's severity and counts as open until it is resolved", async () => {
  const candidate = await makeCandidate();
  const first = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date("2026-11-10T09:00:00Z") });
  const second = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date("2026-11-12T09:00:00Z") });
  const flag = await makeFlag(first.id, { severity: "critical" });
  await makeFlag(second.id, { severity: "minor" });

  expect(await severityOf(first.id)).toBe("critical");
  expect(await severityOf(second.id)).toBe("minor");
  expect((await summaryOf(candidate.id)).openFlagCount).toBe(2);

  await closeRecovery(flag.id);
  // A resolved flag is still the interview's flag, but no longer open.
  expect(await severityOf(first.id)).toBe("critical");
  expect(await summaryOf(candidate.id)).toEqual({ lastInterviewAt: new Date("2026-11-12T09:00:00Z"), openFlagCount: 1 });
});

test("removing a flag clears the interview's severity and the candidate's open count", async () => {
  const interview = await makeFlaggedInterview({ scheduledAt: new Date("2026-11-10T09:00:00Z") });
  expect(interview.flagSeverity).toBe("serious");
  expect((await summaryOf(interview.candidateId)).openFlagCount).toBe(1);

  const [flag] = await prisma.interviewFlag.findMany({ where: { interviewId: interview.id } });
  await removeFlag(flag.id);
  expect(await severityOf(interview.id)).toBeNull();
  expect(await summaryOf(interview.candidateId)).toEqual({ lastInterviewAt: new Date("2026-11-10T09:00:00Z"), openFlagCount: 0 });
});

test("a flag made already removed or resolved never counts as open", async () => {
  const interview = await makeInterview();
  await makeFlag(interview.id, { removedAt: new Date() });
  expect(await severityOf(interview.id)).toBeNull();
  const other = await makeInterview({ candidateId: interview.candidateId });
  await makeFlag(other.id, { severity: "minor", closedAt: new Date() });
  expect(await severityOf(other.id)).toBe("minor");
  expect((await summaryOf(interview.candidateId)).openFlagCount).toBe(0);
});

test("a coaching link made by the builder opens the candidate's page until it is revoked", async () => {
  const { run, candidate } = await makeRun();
  const { token } = await makeCoachingLink(run.id);
  expect((await findCoachingRun(token))?.runId).toBe(run.id);
  const revoked = await makeCoachingLink(run.id, { revokedAt: new Date() });
  expect(await findCoachingRun(revoked.token)).toBeNull();
  expect((await summaryOf(candidate.id)).openFlagCount).toBe(1);
});
