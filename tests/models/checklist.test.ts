import { describe, expect, test } from "vitest";
import { queueRules } from "~/models/recovery/lifecycle.server";
import {
  candidateStepsNotDone,
  getChecklistForInterview,
  noteStep,
  overdueRecruiterSteps,
  reopenStep,
  skipStep,
  tickStep,
} from "~/models/recovery/checklist.server";
import { flagInterview, removeFlag } from "~/models/flags/flag.server";
import { DEFAULT_PLAYBOOK } from "~/models/recovery/playbook";
import { currentPlaybook, savePlaybook } from "~/models/recovery/playbook.server";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { setAgencyTimeZone } from "../builders/agency";
import { makeFlaggedInterviewWithChecklist } from "../builders/checklists";
import { makeUser } from "../builders/users";
import { flagDetails } from "../builders/interviews";

const auditActions = async (entityId: string) =>
  (
    await prisma.auditEvent.findMany({
      where: { entityId },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    })
  ).map((e) => e.action);

describe("starting and cancelling", () => {
  test("flagging starts a checklist from the newest playbook with due times in the agency's zone", async () => {
    await setAgencyTimeZone("Europe/London");
    // 15:00 BST on Sat 24 Oct 2026, one hour long: ends 16:00 BST, the night before the clocks go back.
    const { run, interview } = await makeFlaggedInterviewWithChecklist({
      scheduledAt: new Date("2026-10-24T14:00:00Z"),
    });
    expect(run.status).toBe("active");
    expect(run.steps).toHaveLength(DEFAULT_PLAYBOOK.length);
    const byTitle = new Map(run.steps.map((s) => [s.step.title, s.dueAt]));
    expect(byTitle.get("Phone the hiring manager within 24 hours")).toEqual(
      new Date("2026-10-25T15:00:00Z")
    );
    // Thank-you note: at least 12 hours later, at 10:00 on the clock, which is GMT by then.
    expect(byTitle.get("Send a thank-you note with a short apology")).toEqual(
      new Date("2026-10-25T10:00:00Z")
    );
    const started = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "checklist.started", entityId: run.id },
    });
    expect(started.candidateId).toBe(interview.candidateId);
  });

  test("removing the flag cancels the checklist, and flagging again starts a new one", async () => {
    const { recruiter, interview, flag, run } = await makeFlaggedInterviewWithChecklist();
    await removeFlag(
      { interviewId: interview.id, flagId: flag.id },
      { userId: recruiter.id }
    );
    const cancelled = await prisma.checklistRun.findUniqueOrThrow({
      where: { id: run.id },
    });
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(await auditActions(run.id)).toEqual([
      "checklist.started",
      "checklist.cancelled",
    ]);

    const again = await flagInterview(interview.id, flagDetails(), {
      userId: recruiter.id,
    });
    const runs = await prisma.checklistRun.findMany({
      where: { interviewId: interview.id },
      orderBy: { startedAt: "asc" },
    });
    expect(runs.map((r) => [r.flagId, r.status])).toEqual([
      [flag.id, "cancelled"],
      [again.id, "active"],
    ]);
    const page = await getChecklistForInterview(interview.id);
    expect(page?.status).toBe("active");
    expect(page?.earlierCancelled).toBe(1);
  });

  test("a cancelled checklist refuses ticks, skips, undos and notes", async () => {
    const { recruiter, interview, flag, ref } = await makeFlaggedInterviewWithChecklist();
    await tickStep(ref(1), { userId: recruiter.id });
    await removeFlag(
      { interviewId: interview.id, flagId: flag.id },
      { userId: recruiter.id }
    );
    const actor = { userId: recruiter.id };
    await expect(tickStep(ref(0), actor)).rejects.toThrow(/cancelled/);
    await expect(skipStep(ref(0), actor)).rejects.toThrow(RuleViolation);
    await expect(reopenStep(ref(1), actor)).rejects.toThrow(RuleViolation);
    await expect(noteStep(ref(0), actor, "hello")).rejects.toThrow(
      RuleViolation
    );
    expect(
      await prisma.checklistStepState.count({
        where: { id: ref(0).stepStateId, status: "pending", note: null },
      })
    ).toBe(1);
  });
});

describe("ticking steps", () => {
  test("done, skip, undo and notes each change the step and are audited for the candidate", async () => {
    const { recruiter, interview, ref } = await makeFlaggedInterviewWithChecklist();
    const actor = { userId: recruiter.id };
    await tickStep(ref(0), actor, "Called her at 5pm");
    let step = await prisma.checklistStepState.findUniqueOrThrow({
      where: { id: ref(0).stepStateId },
    });
    expect(step).toMatchObject({
      status: "done",
      completedById: recruiter.id,
      completedByCandidate: false,
      note: "Called her at 5pm",
    });
    expect(step.completedAt).not.toBeNull();

    await expect(tickStep(ref(0), actor)).rejects.toThrow(/already done/);
    await reopenStep(ref(0), actor);
    step = await prisma.checklistStepState.findUniqueOrThrow({
      where: { id: ref(0).stepStateId },
    });
    expect(step).toMatchObject({
      status: "pending",
      completedAt: null,
      completedById: null,
      note: "Called her at 5pm",
    });
    await expect(reopenStep(ref(0), actor)).rejects.toThrow(/nothing to undo/);

    await skipStep(ref(0), actor);
    await noteStep(ref(0), actor, "  Not needed: she called first  ");
    step = await prisma.checklistStepState.findUniqueOrThrow({
      where: { id: ref(0).stepStateId },
    });
    expect(step).toMatchObject({
      status: "skipped",
      note: "Not needed: she called first",
    });
    expect(
      await noteStep(ref(0), actor, "Not needed: she called first")
    ).toEqual({ changed: false });
    await noteStep(ref(0), actor, "");
    expect(
      (
        await prisma.checklistStepState.findUniqueOrThrow({
          where: { id: ref(0).stepStateId },
        })
      ).note
    ).toBeNull();

    expect(await auditActions(ref(0).stepStateId)).toEqual([
      "checklist.step_done",
      "checklist.step_reopened",
      "checklist.step_skipped",
      "checklist.step_noted",
      "checklist.step_noted",
    ]);
    expect(
      await prisma.auditEvent.count({
        where: {
          entityId: ref(0).stepStateId,
          candidateId: interview.candidateId,
        },
      })
    ).toBe(5);
  });

  test("the checklist completes when the last step is done or skipped, and undo reopens it", async () => {
    const { recruiter, run, ref } = await makeFlaggedInterviewWithChecklist();
    const actor = { userId: recruiter.id };
    const last = run.steps.length - 1;
    for (let i = 0; i < last; i++) {
      const { completed } = await (i % 2 ? skipStep : tickStep)(ref(i), actor);
      expect(completed).toBe(false);
    }
    expect(
      (await prisma.checklistRun.findUniqueOrThrow({ where: { id: run.id } }))
        .status
    ).toBe("active");
    expect((await tickStep(ref(last), actor)).completed).toBe(true);
    let after = await prisma.checklistRun.findUniqueOrThrow({
      where: { id: run.id },
    });
    expect(after.status).toBe("completed");
    expect(after.completedAt).not.toBeNull();

    expect((await reopenStep(ref(3), actor)).reopened).toBe(true);
    after = await prisma.checklistRun.findUniqueOrThrow({
      where: { id: run.id },
    });
    expect(after).toMatchObject({ status: "active", completedAt: null });
    expect(await auditActions(run.id)).toEqual([
      "checklist.started",
      "checklist.completed",
    ]);
  });

  test("a step of another interview's checklist is refused", async () => {
    const mine = await makeFlaggedInterviewWithChecklist();
    const theirs = await makeFlaggedInterviewWithChecklist();
    const foreign = {
      interviewId: mine.interview.id,
      stepStateId: theirs.run.steps[0].id,
    };
    await expect(
      tickStep(foreign, { userId: mine.recruiter.id })
    ).rejects.toThrow(/isn't part of this interview/);
    await expect(
      noteStep(
        { interviewId: mine.interview.id, stepStateId: "nope" },
        { userId: mine.recruiter.id },
        "x"
      )
    ).rejects.toThrow(RuleViolation);
    expect(
      (
        await prisma.checklistStepState.findUniqueOrThrow({
          where: { id: theirs.run.steps[0].id },
        })
      ).status
    ).toBe("pending");
  });
});

describe("playbook versions", () => {
  test("the default playbook is version 1, created once", async () => {
    const [a, b] = await Promise.all([currentPlaybook(), currentPlaybook()]);
    expect(a.version).toBe(1);
    expect(b.id).toBe(a.id);
    expect(a.steps.map((s) => s.title)).toEqual(
      DEFAULT_PLAYBOOK.map((s) => s.title)
    );
    expect(await prisma.playbookVersion.count()).toBe(1);
  });

  test("saving creates the next version; a running checklist keeps its version and a new flag uses the newest", async () => {
    const manager = await makeUser({ role: "manager" });
    const before = await makeFlaggedInterviewWithChecklist();
    const v1 = await currentPlaybook();
    const steps = [
      {
        title: "Call the candidate",
        guidance: "Today. Listen first.",
        owner: "recruiter" as const,
        dueOffsetMinutes: 60,
        dueLocalTime: null,
      },
      {
        title: "Write the note",
        guidance: "Short. Kind.",
        owner: "candidate" as const,
        dueOffsetMinutes: 600,
        dueLocalTime: "09:00",
      },
    ];
    const saved = await savePlaybook(
      { baseVersion: v1.version, steps },
      { userId: manager.id }
    );
    expect(saved.version).toBe(v1.version + 1);
    const v2 = await currentPlaybook();
    expect(
      v2.steps.map((s) => [s.position, s.title, s.owner, s.dueLocalTime])
    ).toEqual([
      [1, "Call the candidate", "recruiter", null],
      [2, "Write the note", "candidate", "09:00"],
    ]);
    expect(v2.createdBy?.name).toBe(manager.name);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "playbook.saved", entityId: saved.id },
    });
    expect(audit.actorId).toBe(manager.id);

    const running = await prisma.checklistRun.findUniqueOrThrow({
      where: { id: before.run.id },
      include: { steps: true },
    });
    expect(running.playbookVersionId).toBe(v1.id);
    expect(running.steps).toHaveLength(DEFAULT_PLAYBOOK.length);

    const after = await makeFlaggedInterviewWithChecklist();
    expect(after.run.playbookVersionId).toBe(v2.id);
    expect(after.run.steps.map((s) => s.step.title)).toEqual([
      "Call the candidate",
      "Write the note",
    ]);
  });

  test("saving over a version someone else saved meanwhile is refused and writes nothing", async () => {
    const manager = await makeUser({ role: "manager" });
    const v1 = await currentPlaybook();
    const steps = [
      {
        title: "One",
        guidance: "Do it.",
        owner: "candidate" as const,
        dueOffsetMinutes: 0,
      },
    ];
    await savePlaybook(
      { baseVersion: v1.version, steps },
      { userId: manager.id }
    );
    const versions = await prisma.playbookVersion.count();
    await expect(
      savePlaybook({ baseVersion: v1.version, steps }, { userId: manager.id })
    ).rejects.toThrow(/while you were editing/);
    expect(await prisma.playbookVersion.count()).toBe(versions);
    expect(
      await prisma.auditEvent.count({ where: { action: "playbook.saved" } })
    ).toBe(versions - 1);
  });
});

describe("dashboard lists", () => {
  test("overdue recruiter steps and candidate steps not yet done are scoped to the recruiter's candidates", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    const manager = await makeUser({ role: "manager" });
    const step = (
      title: string,
      owner: "candidate" | "recruiter",
      hours: number
    ) => ({
      title,
      guidance: "Do it. Now.",
      owner,
      dueOffsetMinutes: hours * 60,
    });
    await savePlaybook(
      {
        baseVersion: (await currentPlaybook()).version,
        steps: [
          step("Check in", "recruiter", 4),
          step("Calm down", "candidate", 2),
          step("Ask the client", "recruiter", 48),
          step("Call", "candidate", 24),
          step("Review", "candidate", 30),
          step("Much later", "recruiter", 24 * 30),
          step("Stay in touch", "candidate", 24 * 14),
        ],
      },
      { userId: manager.id }
    );
    const mine = await makeFlaggedInterviewWithChecklist({
      scheduledAt: new Date("2026-11-20T10:00:00Z"),
    });
    const other = await makeFlaggedInterviewWithChecklist({
      scheduledAt: new Date("2026-11-20T10:00:00Z"),
    });
    const recruiterSteps = mine.run.steps.filter(
      (s) => s.step.owner === "recruiter"
    );
    expect(recruiterSteps).toHaveLength(3);
    await tickStep(
      { interviewId: mine.interview.id, stepStateId: recruiterSteps[0].id },
      { userId: mine.recruiter.id }
    );

    const overdue = await overdueRecruiterSteps({
      recruiterId: mine.recruiter.id,
      rules: await queueRules(now),
    });
    const expected = recruiterSteps.slice(1).filter((s) => s.dueAt < now);
    expect(expected.map((s) => s.step.title)).toEqual(["Ask the client"]);
    expect(overdue.steps.map((s) => s.id).sort()).toEqual(
      expected.map((s) => s.id).sort()
    );
    expect(overdue.total).toBe(expected.length);
    expect(
      overdue.steps.every(
        (s) =>
          s.candidate.id === mine.interview.candidateId &&
          s.interviewId === mine.interview.id
      )
    ).toBe(true);

    const all = await overdueRecruiterSteps({ rules: await queueRules(now) });
    expect(all.steps.some((s) => s.interviewId === other.interview.id)).toBe(
      true
    );

    const candidateSteps = await candidateStepsNotDone({
      recruiterId: mine.recruiter.id,
      rules: await queueRules(),
      limit: 3,
    });
    expect(candidateSteps.steps).toHaveLength(3);
    expect(candidateSteps.total).toBe(
      mine.run.steps.filter((s) => s.step.owner === "candidate").length
    );
    const dues = candidateSteps.steps.map((s) => s.dueAt.getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));

    // A cancelled checklist drops out of both lists.
    await removeFlag(
      { interviewId: mine.interview.id, flagId: mine.flag.id },
      { userId: mine.recruiter.id }
    );
    expect(
      (await overdueRecruiterSteps({ recruiterId: mine.recruiter.id, rules: await queueRules(now) }))
        .total
    ).toBe(0);
    expect(
      (await candidateStepsNotDone({ recruiterId: mine.recruiter.id, rules: await queueRules() })).total
    ).toBe(0);
  });
});

describe("the candidate's timeline", () => {
  test("shows ticks, undos and notes once each, with who did them", async () => {
    const { candidateTimeline } = await import("~/models/timeline/timeline.server");
    const { recruiter, interview, run, ref } = await makeFlaggedInterviewWithChecklist();
    const actor = { userId: recruiter.id };
    const title = run.steps[0].step.title;
    await tickStep(ref(0), actor);
    await reopenStep(ref(0), actor);
    await skipStep(ref(0), actor);
    await noteStep(ref(0), actor, "She had already written");
    const entries = await candidateTimeline(interview.candidateId);
    const checklist = entries.filter((e) => e.kind === "checklist").map((e) => [e.summary, e.actor]);
    expect(checklist).toEqual(
      expect.arrayContaining([
        [`Checklist step done: ${title}`, recruiter.name],
        [`Checklist step back to do (was done): ${title}`, recruiter.name],
        [`Checklist step skipped: ${title}`, recruiter.name],
        [`Note on checklist step: ${title}`, recruiter.name],
        [expect.stringMatching(/^Recovery checklist started/), undefined],
      ]),
    );
    expect(checklist.filter(([summary]) => summary === `Checklist step skipped: ${title}`)).toHaveLength(1);
    expect(checklist.filter(([summary]) => summary === `Checklist step done: ${title}`)).toHaveLength(1);
  });
});
