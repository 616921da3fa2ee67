// The statistics' per-recovery facts stay exact: after every kind of write the app makes to a recovery (through the
// app's own model functions), recomputing every fact from scratch gives exactly the stored rows.
import { describe, expect, test } from "vitest";
import { addFlagReasonsInTx, editFlag, flagInterview, removeFlag } from "~/models/flags/flag.server";
import { reopenStep, skipStep, tickStep } from "~/models/recovery/checklist.server";
import { createCoachingLink, markCandidateStepDone } from "~/models/recovery/coaching.server";
import { closeRecoveryByHand, reopenRecovery } from "~/models/recovery/lifecycle.server";
import { updateCandidate } from "~/models/candidates/candidate-profile.server";
import { eraseCandidate } from "~/models/privacy/erase.server";
import {
  recordOutcome,
  recordRequestResponse,
  recordSecondInterviewRequest,
  scheduleSecondInterview,
} from "~/models/second-interviews/second-interview.server";
import { recoveryFactDrift, syncAllRecoveryFacts } from "~/models/stats/recovery-facts.server";
import { recoveryStatistics } from "~/models/stats/stats.server";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { flagDetails, makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";

const HOUR = 3600_000;

async function expectExact() {
  const drift = await recoveryFactDrift(prisma);
  expect(drift.differing).toEqual([]);
  return drift.compared;
}

const factOf = (flagId: string) => prisma.recoveryFact.findUnique({ where: { flagId } });

async function flaggedRecovery() {
  const recruiter = await makeUser();
  const actor = { userId: recruiter.id };
  const candidate = await makeCandidate({ recruiterId: recruiter.id, status: "open" });
  const interview = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(Date.now() - 5 * HOUR) });
  const flag = await flagInterview(interview.id, flagDetails({ reasons: ["late", "nerves"] }), actor);
  const steps = await prisma.checklistStepState.findMany({
    where: { run: { flagId: flag.id } },
    include: { step: true },
    orderBy: { dueAt: "asc" },
  });
  return { recruiter, actor, candidate, interview, flag, steps, ref: { interviewId: interview.id, flagId: flag.id } };
}

describe("recovery facts", () => {
  test("follow a recovery through its checklist, requests, second round, hire, closing and reopening", async () => {
    const r = await flaggedRecovery();
    expect(await expectExact()).toBeGreaterThan(0);
    expect(await factOf(r.flag.id)).toMatchObject({
      closed: 0,
      steps: r.steps.length,
      stepsDone: 0,
      requested: 0,
      hired: 0,
    });

    const recruiterSteps = r.steps.filter((s) => s.step.owner === "recruiter");
    const candidateStep = r.steps.find((s) => s.step.owner === "candidate")!;
    await tickStep({ interviewId: r.interview.id, stepStateId: recruiterSteps[0].id }, r.actor);
    await skipStep({ interviewId: r.interview.id, stepStateId: recruiterSteps[1].id }, r.actor);
    expect((await factOf(r.flag.id))?.stepsDone).toBe(2);
    await reopenStep({ interviewId: r.interview.id, stepStateId: recruiterSteps[1].id }, r.actor);
    expect((await factOf(r.flag.id))?.stepsDone).toBe(1);
    await expectExact();

    const run = await prisma.checklistRun.findUniqueOrThrow({ where: { flagId: r.flag.id } });
    const { token } = await createCoachingLink(run.id, r.actor);
    await markCandidateStepDone(token, candidateStep.id);
    expect((await factOf(r.flag.id))?.stepsDone).toBe(2);
    await expectExact();

    const { requestId } = await recordSecondInterviewRequest(
      r.interview.id,
      { requestedAt: new Date(Date.now() - HOUR), requestedBy: "candidate", channel: "phone" },
      r.actor,
    );
    expect(await factOf(r.flag.id)).toMatchObject({ requested: 1, granted: 0, requestsWithin: 1, requestsLater: 0 });
    await recordRequestResponse({ interviewId: r.interview.id, requestId }, { response: "granted", respondedAt: new Date() }, r.actor);
    expect(await factOf(r.flag.id)).toMatchObject({ granted: 1, grantedWithin: 1 });
    await expectExact();

    const { interviewId: secondId } = await scheduleSecondInterview(
      { interviewId: r.interview.id, requestId },
      { scheduledAt: new Date(Date.now() + 48 * HOUR), format: "video" },
      r.actor,
    );
    await expectExact();
    await recordOutcome({ interviewId: secondId, outcome: "hired", decidedAt: new Date(), startDate: new Date(Date.now() + 30 * 24 * HOUR) }, r.actor);
    // Hired on the second round counts for the first interview's recovery, and closes it.
    expect(await factOf(r.flag.id)).toMatchObject({ hired: 1, closed: 1 });
    await expectExact();

    await reopenRecovery(r.ref, r.actor);
    expect((await factOf(r.flag.id))?.closed).toBe(0);
    await closeRecoveryByHand(r.ref, { reason: "resolved_by_hand", note: "Settled on the phone." }, r.actor);
    expect((await factOf(r.flag.id))?.closed).toBe(1);
    await expectExact();
  });

  test("follow the flag's edits and removal, a new recruiter, and the candidate's erasure", async () => {
    const r = await flaggedRecovery();
    const other = await makeUser();
    await editFlag(r.ref, flagDetails({ reasons: ["wrong_name"], severity: "critical" }), r.actor);
    expect((await factOf(r.flag.id))?.severity).toBe("critical");
    await expectExact();

    await updateCandidate(r.candidate.id, { recruiterId: other.id }, r.actor);
    expect((await factOf(r.flag.id))?.recruiterId).toBe(other.id);
    await expectExact();

    const manager = await makeUser({ role: "manager" });
    await eraseCandidate(r.candidate.id, { reason: "candidate_request" }, { userId: manager.id });
    // Erasure keeps the statistics: the fact holds ids and counts, nothing personal.
    expect(await factOf(r.flag.id)).not.toBeNull();
    await expectExact();

    await removeFlag(r.ref, r.actor);
    expect(await factOf(r.flag.id)).toBeNull();
    await expectExact();
  });

  test("follow the reasons a candidate's check-in adds to a flag", async () => {
    const r = await flaggedRecovery();
    await prisma.$transaction((tx) => addFlagReasonsInTx(tx, r.interview.id, { reasons: ["blanked", "late"] }, { label: "candidate" }));
    expect((await factOf(r.flag.id))?.reasons).toBe("|blanked|late|nerves|");
    await expectExact();
  });

  test("the check finds a stale, a missing and an extra fact, and the full recomputation mends them", async () => {
    const a = await flaggedRecovery();
    const b = await flaggedRecovery();
    await prisma.recoveryFact.update({ where: { flagId: a.flag.id }, data: { stepsDone: 7 } });
    await prisma.recoveryFact.delete({ where: { flagId: b.flag.id } });
    const drift = await recoveryFactDrift(prisma);
    expect(drift.differing).toEqual(
      expect.arrayContaining([
        { flagId: a.flag.id, side: "stored" },
        { flagId: a.flag.id, side: "fresh" },
        { flagId: b.flag.id, side: "fresh" },
      ]),
    );
    await prisma.$transaction((tx) => syncAllRecoveryFacts(tx));
    await expectExact();
    expect((await factOf(a.flag.id))?.stepsDone).toBe(0);
    expect(await factOf(b.flag.id)).not.toBeNull();
  });

  test("/stats counts from the rollups, and a company's view from the facts: a row changed behind the app's back changes the figure", async () => {
    const r = await flaggedRecovery();
    const byRecruiter = { from: "2000-01-01", to: "2099-12-31", recruiterId: r.recruiter.id };
    const byCompany = { from: "2000-01-01", to: "2099-12-31", companyId: r.interview.companyId };
    expect((await recoveryStatistics(byRecruiter, "UTC")).funnel).toMatchObject({ recoveries: 1, requested: 0 });
    expect((await recoveryStatistics(byCompany, "UTC")).funnel).toMatchObject({ recoveries: 1, requested: 0 });

    await prisma.recoveryRollup.updateMany({
      where: { scope: r.recruiter.id, grain: "m", dimension: "all" },
      data: { requested: 1 },
    });
    expect((await recoveryStatistics(byRecruiter, "UTC")).funnel.requested).toBe(1);
    expect((await recoveryFactDrift(prisma)).differing).toEqual([
      { flagId: expect.stringMatching(new RegExp(`^rollup ${r.recruiter.id} m \\d{4}-\\d{2} all $`)), side: "stored" },
      { flagId: expect.stringMatching(new RegExp(`^rollup ${r.recruiter.id} m \\d{4}-\\d{2} all $`)), side: "fresh" },
    ]);

    await prisma.recoveryFact.update({ where: { flagId: r.flag.id }, data: { requested: 1 } });
    expect((await recoveryStatistics(byCompany, "UTC")).funnel.requested).toBe(1);
  });
});
