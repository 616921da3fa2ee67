// The recovery lifecycle: states, the closing cascade, going quiet, snooze, reopen, the one window and the grace.
import { describe, expect, test } from "vitest";
import { recordAudit } from "~/models/audit/audit.server";
import { flagInterview } from "~/models/flags/flag.server";
import { tickStep } from "~/models/recovery/checklist.server";
import {
  closeQuietRecoveries,
  closeRecoveryByHand,
  queueRules,
  reopenRecovery,
  snoozeRecovery,
  wakeRecovery,
} from "~/models/recovery/lifecycle.server";
import { interviewEnd, lateFlagNotice, recoveryWindowClosesAt, stepDueAfterFlag } from "~/models/recovery/rules";
import { recordOutcome, recordRequestResponse, recordSecondInterviewRequest } from "~/models/second-interviews/second-interview.server";
import { candidateStepsNotDone, overdueRecruiterSteps } from "~/models/recovery/checklist.server";
import { recoveryQueue, workQueueCounts } from "~/models/dashboard/dashboard.server";
import { pendingRequestsOlderThan } from "~/models/second-interviews/second-interview.server";
import { prisma } from "~/utils/db.server";
import { setAgencyTimeZone } from "../builders/agency";
import { makeCandidate } from "../builders/candidates";
import { flagDetails, makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** A recruiter's candidate with an interview that ended `endedHoursAgo` before `now`, flagged `flaggedAfterEnd` later. */
async function recovery({ now = new Date(), endedHoursAgo = 2, flaggedAfterEnd = 1 }: { now?: Date; endedHoursAgo?: number; flaggedAfterEnd?: number } = {}) {
  const recruiter = await makeUser();
  const candidate = await makeCandidate({ recruiterId: recruiter.id, status: "open" });
  const interview = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(now.getTime() - (endedHoursAgo + 1) * HOUR) });
  const flaggedAt = new Date(interviewEnd(interview).getTime() + flaggedAfterEnd * HOUR);
  const flag = await flagInterview(interview.id, flagDetails(), { userId: recruiter.id }, flaggedAt);
  const actor = { userId: recruiter.id };
  const ref = { interviewId: interview.id, flagId: flag.id };
  const read = () => prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id } });
  const run = () => prisma.checklistRun.findUniqueOrThrow({ where: { flagId: flag.id }, include: { steps: { include: { step: true } } } });
  const status = async () => (await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).status;
  return { recruiter, candidate, interview, flag, actor, ref, read, run, status };
}

/** Everything the dashboard's queues show for this recruiter. */
async function queues(recruiterId: string, now = new Date()) {
  const rules = await queueRules(now);
  const [calls, overdue, candidateSteps, waiting, counts] = await Promise.all([
    recoveryQueue({ recruiterId, rules }),
    overdueRecruiterSteps({ recruiterId, rules }),
    candidateStepsNotDone({ recruiterId, rules }),
    pendingRequestsOlderThan({ recruiterId, rules, days: 0 }),
    workQueueCounts({ recruiterId, rules }),
  ]);
  return { calls: calls.length, overdue: overdue.total, candidateSteps: candidateSteps.total, waiting: waiting.total, counts };
}

describe("states", () => {
  test("a flag opens a recovery; a request moves it to requested, the answer to granted, declined or no answer, audited", async () => {
    const r = await recovery();
    expect(await r.read()).toMatchObject({ recoveryState: "open", closedAt: null });
    expect(await r.status()).toBe("recovering");
    const { requestId } = await recordSecondInterviewRequest(
      r.interview.id,
      { requestedAt: new Date(), requestedBy: "candidate", channel: "phone" },
      r.actor,
    );
    expect((await r.read()).recoveryState).toBe("requested");
    const answer = (response: "granted" | "declined" | "no_response" | "pending") =>
      recordRequestResponse({ interviewId: r.interview.id, requestId }, { response, respondedAt: new Date() }, r.actor);
    await answer("declined");
    expect((await r.read()).recoveryState).toBe("declined");
    await answer("no_response");
    expect((await r.read()).recoveryState).toBe("no_answer");
    await answer("pending");
    expect((await r.read()).recoveryState).toBe("requested");
    await answer("granted");
    expect((await r.read()).recoveryState).toBe("granted");
    const moves = await prisma.auditEvent.findMany({ where: { entityId: r.flag.id, action: "recovery.moved" }, orderBy: { at: "asc" } });
    expect(moves.map((e) => JSON.parse(e.after!).state)).toEqual(["requested", "declined", "no_answer", "requested", "granted"]);
  });
});

describe("closing closes everything", () => {
  test("hired closes the recovery, finishes its checklist (steps not done are 'not needed'), and it leaves every queue", async () => {
    const now = new Date();
    const r = await recovery({ now, endedHoursAgo: 30, flaggedAfterEnd: 1 });
    await recordSecondInterviewRequest(r.interview.id, { requestedAt: new Date(now.getTime() - 20 * HOUR), requestedBy: "candidate", channel: "phone" }, r.actor);
    const before = await queues(r.recruiter.id, now);
    expect(before.calls).toBe(1);
    expect(before.overdue).toBeGreaterThan(0);
    expect(before.candidateSteps).toBeGreaterThan(0);
    expect(before.waiting).toBe(1);
    await tickStep({ interviewId: r.interview.id, stepStateId: (await r.run()).steps[0].id }, r.actor);

    await recordOutcome({ interviewId: r.interview.id, outcome: "hired", decidedAt: now, startDate: new Date(now.getTime() + 14 * DAY) }, r.actor, { now });
    expect(await r.read()).toMatchObject({ recoveryState: "closed", closedReason: "hired", closedById: r.recruiter.id });
    const run = await r.run();
    expect(run.status).toBe("completed");
    expect(run.steps.filter((s) => s.status === "pending")).toHaveLength(0);
    expect(run.steps.filter((s) => s.status === "done")).toHaveLength(1);
    expect(run.steps.filter((s) => s.status === "not_needed").length).toBe(run.steps.length - 1);
    // Nobody skipped them: no person is named on a step that wasn't needed.
    expect(run.steps.filter((s) => s.status === "not_needed").every((s) => s.completedById === null)).toBe(true);
    expect(await r.status()).toBe("hired");
    expect((await prisma.candidate.findUniqueOrThrow({ where: { id: r.candidate.id } })).openFlagCount).toBe(0);
    const after = await queues(r.recruiter.id, now);
    expect(after).toMatchObject({ calls: 0, overdue: 0, candidateSteps: 0, waiting: 0 });
    expect(after.counts).toMatchObject({ openFlags: 0, insideWindow: 0 });
    const closed = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: r.flag.id, action: "recovery.closed" } });
    expect(JSON.parse(closed.after!)).toMatchObject({ reason: "hired", stepsNotNeeded: run.steps.length - 1 });
  });

  test("rejected, offer declined and withdrawn close with their reason; 'open' closes nothing", async () => {
    for (const [outcome, reason] of [["rejected", "rejected"], ["offer_declined", "offer_declined"], ["withdrawn", "withdrew"]] as const) {
      const r = await recovery();
      await recordOutcome({ interviewId: r.interview.id, outcome: "open", decidedAt: new Date() }, r.actor);
      expect((await r.read()).closedAt).toBeNull();
      await recordOutcome({ interviewId: r.interview.id, outcome, decidedAt: new Date() }, r.actor);
      expect(await r.read()).toMatchObject({ recoveryState: "closed", closedReason: reason });
      expect(await r.status()).toBe("closed");
    }
  });

  test("an outcome recorded on the second interview closes the bad first interview's recovery too", async () => {
    const r = await recovery({ endedHoursAgo: 48 });
    const { requestId } = await recordSecondInterviewRequest(r.interview.id, { requestedAt: new Date(Date.now() - 20 * HOUR), requestedBy: "candidate", channel: "phone" }, r.actor);
    await recordRequestResponse({ interviewId: r.interview.id, requestId }, { response: "granted", respondedAt: new Date(Date.now() - HOUR) }, r.actor);
    const second = await prisma.interview.create({
      data: {
        candidateId: r.candidate.id,
        companyId: r.interview.companyId,
        recruiterId: r.recruiter.id,
        roleTitle: "Data Analyst",
        round: "second",
        scheduledAt: new Date(Date.now() - 2 * HOUR),
        secondInterviewRequestId: requestId,
      },
    });
    const secondFlag = await flagInterview(second.id, flagDetails(), r.actor);
    await recordOutcome({ interviewId: second.id, outcome: "rejected", decidedAt: new Date() }, r.actor);
    expect(await r.read()).toMatchObject({ closedReason: "rejected" });
    expect(await prisma.interviewFlag.findUniqueOrThrow({ where: { id: secondFlag.id } })).toMatchObject({ closedReason: "rejected" });
  });

  test("closing by hand asks why; 'resolved' needs a note; the candidate goes back to open", async () => {
    const r = await recovery();
    await expect(closeRecoveryByHand(r.ref, { reason: "resolved_by_hand", note: "  " }, r.actor)).rejects.toMatchObject({ field: "note" });
    expect((await r.read()).closedAt).toBeNull();
    await closeRecoveryByHand(r.ref, { reason: "resolved_by_hand", note: "Client called back; all fine." }, r.actor);
    expect(await r.read()).toMatchObject({ closedReason: "resolved_by_hand", closedNote: "Client called back; all fine." });
    expect(await r.status()).toBe("open");
  });
});

describe("reopening", () => {
  test("brings the state back from the requests, puts 'not needed' steps back to do, and the candidate back to recovering", async () => {
    const r = await recovery();
    await recordSecondInterviewRequest(r.interview.id, { requestedAt: new Date(), requestedBy: "recruiter", channel: "email" }, r.actor);
    await tickStep({ interviewId: r.interview.id, stepStateId: (await r.run()).steps[0].id }, r.actor);
    await closeRecoveryByHand(r.ref, { reason: "withdrew" }, r.actor);
    expect(await r.status()).toBe("closed");
    await reopenRecovery(r.ref, r.actor);
    expect(await r.read()).toMatchObject({ recoveryState: "requested", closedAt: null, closedReason: null });
    const run = await r.run();
    expect(run.status).toBe("active");
    expect(run.steps.filter((s) => s.status === "done")).toHaveLength(1);
    expect(run.steps.filter((s) => s.status === "pending")).toHaveLength(run.steps.length - 1);
    expect(await r.status()).toBe("recovering");
    await expect(reopenRecovery(r.ref, r.actor)).rejects.toThrow(/already open/);
    const reopened = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: r.flag.id, action: "recovery.reopened" } });
    expect(JSON.parse(reopened.before!)).toEqual({ state: "closed", reason: "withdrew" });
  });

  test("a closed recovery refuses checklist changes until reopened", async () => {
    const r = await recovery();
    await closeRecoveryByHand(r.ref, { reason: "went_quiet" }, r.actor);
    const step = (await r.run()).steps.find((s) => s.status === "not_needed")!;
    await expect(tickStep({ interviewId: r.interview.id, stepStateId: step.id }, r.actor)).rejects.toThrow(/reopen it/);
  });
});

describe("snooze", () => {
  test("takes the recovery out of every queue until the time set, then it comes back; audited; waking ends it early", async () => {
    const now = new Date();
    const r = await recovery({ now, endedHoursAgo: 30 });
    expect((await queues(r.recruiter.id, now)).calls).toBe(1);
    const until = new Date(now.getTime() + 2 * DAY);
    await snoozeRecovery(r.ref, { until, note: "On holiday until Wednesday" }, r.actor, now);
    const snoozed = await queues(r.recruiter.id, now);
    expect(snoozed).toMatchObject({ calls: 0, overdue: 0, candidateSteps: 0 });
    // Back once the snooze is over (and still not quiet).
    const later = await queues(r.recruiter.id, new Date(until.getTime() + HOUR));
    expect(later.calls).toBe(1);
    expect(await r.read()).toMatchObject({ snoozeNote: "On holiday until Wednesday", snoozedById: r.recruiter.id });
    await wakeRecovery(r.ref, r.actor);
    expect((await queues(r.recruiter.id, now)).calls).toBe(1);
    const actions = (await prisma.auditEvent.findMany({ where: { entityId: r.flag.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["flag.raised", "recovery.snoozed", "recovery.woken"]);
  });

  test("refuses a time in the past, more than 90 days ahead, or a closed recovery", async () => {
    const r = await recovery();
    await expect(snoozeRecovery(r.ref, { until: new Date(Date.now() - HOUR) }, r.actor)).rejects.toMatchObject({ field: "until" });
    await expect(snoozeRecovery(r.ref, { until: new Date(Date.now() + 91 * DAY) }, r.actor)).rejects.toMatchObject({ field: "until" });
    await closeRecoveryByHand(r.ref, { reason: "went_quiet" }, r.actor);
    await expect(snoozeRecovery(r.ref, { until: new Date(Date.now() + DAY) }, r.actor)).rejects.toThrow(/Only an open recovery/);
    expect((await r.read()).snoozedUntil).toBeNull();
  });
});

describe("going quiet", () => {
  test("a recovery with no activity for the agency's N days leaves the queues at once and the sweep closes it", async () => {
    await prisma.agency.upsert({ where: { id: 1 }, create: { id: 1, quietAfterDays: 10 }, update: { quietAfterDays: 10 } });
    const quiet = await recovery();
    const busy = await recovery();
    const snoozed = await recovery();
    const in11Days = new Date(Date.now() + 11 * DAY);
    // Something happens on "busy" 9 days from now; "snoozed" is snoozed until then.
    await prisma.interviewFlag.update({ where: { id: busy.flag.id }, data: { lastActivityAt: new Date(Date.now() + 9 * DAY) } });
    await prisma.interviewFlag.update({ where: { id: snoozed.flag.id }, data: { snoozedUntil: new Date(Date.now() + 9 * DAY) } });

    expect((await queues(quiet.recruiter.id, in11Days)).calls).toBe(0);
    expect((await queues(busy.recruiter.id, in11Days)).calls).toBe(1);

    // Other tests' open recoveries in this file's database are just as quiet by then: count what the sweep closed.
    const closedNow = await closeQuietRecoveries(in11Days);
    expect(closedNow).toBeGreaterThanOrEqual(1);
    expect(closedNow).toBe(await prisma.interviewFlag.count({ where: { closedReason: "went_quiet", closedAt: in11Days } }));
    expect(await quiet.read()).toMatchObject({ recoveryState: "closed", closedReason: "went_quiet", closedById: null });
    expect((await quiet.run()).status).toBe("completed");
    expect(await quiet.status()).toBe("open");
    expect((await busy.read()).closedAt).toBeNull();
    expect((await snoozed.read()).closedAt).toBeNull();
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: quiet.flag.id, action: "recovery.closed" } });
    expect(event).toMatchObject({ actorId: null, actorLabel: "system" });
    // Running again closes nothing more.
    expect(await closeQuietRecoveries(in11Days)).toBe(0);
    await prisma.agency.update({ where: { id: 1 }, data: { quietAfterDays: 30 } });
  });

  test("anything a person does about the candidate is activity; the system's own events are not", async () => {
    const r = await recovery();
    const stamp = new Date("2026-01-01T00:00:00Z");
    await prisma.interviewFlag.update({ where: { id: r.flag.id }, data: { lastActivityAt: stamp } });
    await prisma.$transaction((tx) =>
      recordAudit(tx, { actor: { label: "system" }, action: "email.captured", entityId: "e1", candidateId: r.candidate.id }),
    );
    expect((await r.read()).lastActivityAt).toEqual(stamp);
    await tickStep({ interviewId: r.interview.id, stepStateId: (await r.run()).steps[0].id }, r.actor);
    expect((await r.read()).lastActivityAt.getTime()).toBeGreaterThan(stamp.getTime());
  });
});

describe("one window, and the grace for a late flag", () => {
  test("the window is the interview's end + 24 hours, whenever the flag is logged", async () => {
    const r = await recovery({ endedHoursAgo: 10, flaggedAfterEnd: 5 });
    expect((await r.read()).windowClosesAt).toEqual(recoveryWindowClosesAt(r.interview));
    expect((await r.read()).windowClosesAt.getTime()).toBe(interviewEnd(r.interview).getTime() + 24 * HOUR);
  });

  test("a flag logged after the window says so plainly", async () => {
    const interview = { scheduledAt: new Date("2026-11-02T09:00:00Z"), durationMinutes: 60 };
    expect(lateFlagNotice(interview, new Date("2026-11-03T09:59:00Z"))).toBeNull();
    expect(lateFlagNotice(interview, new Date("2026-11-03T16:00:00Z"))).toBe(
      "Logged 30 hours after the interview: the 24-hour window had closed. Call today anyway.",
    );
  });

  test("no step starts overdue: a step already due when the flag is logged is due a grace after it, and keeps its usual time", async () => {
    await setAgencyTimeZone("UTC");
    const r = await recovery({ endedHoursAgo: 40, flaggedAfterEnd: 30 });
    const flaggedAt = (await r.read()).flaggedAt;
    const steps = (await r.run()).steps;
    expect(steps.every((s) => s.dueAt > flaggedAt)).toBe(true);
    const graced = steps.filter((s) => s.usualDueAt);
    expect(graced.length).toBeGreaterThan(0);
    for (const s of graced) {
      expect(s.usualDueAt!.getTime()).toBeLessThanOrEqual(flaggedAt.getTime());
      expect(s.dueAt.getTime()).toBe(flaggedAt.getTime() + 2 * HOUR);
    }
    // A step whose usual time is still ahead keeps it.
    expect(steps.filter((s) => !s.usualDueAt).every((s) => s.dueAt > flaggedAt)).toBe(true);
  });

  test("the grace follows the agency's setting, and counts real hours across a daylight-saving change", async () => {
    // London clocks go back at 02:00 BST on Sun 25 Oct 2026 (01:00 UTC): 2 hours after 00:30 UTC is 02:30 UTC.
    const flaggedAt = new Date("2026-10-25T00:30:00Z");
    const usual = new Date("2026-10-24T20:00:00Z");
    expect(stepDueAfterFlag(usual, flaggedAt, 2)).toEqual({ dueAt: new Date("2026-10-25T02:30:00Z"), usualDueAt: usual });
    expect(stepDueAfterFlag(new Date("2026-10-25T09:00:00Z"), flaggedAt, 2)).toEqual({ dueAt: new Date("2026-10-25T09:00:00Z"), usualDueAt: null });
    await prisma.agency.upsert({ where: { id: 1 }, create: { id: 1, overdueGraceHours: 5 }, update: { overdueGraceHours: 5 } });
    const r = await recovery({ endedHoursAgo: 40, flaggedAfterEnd: 30 });
    const flagged = (await r.read()).flaggedAt.getTime();
    expect((await r.run()).steps.filter((s) => s.usualDueAt).every((s) => s.dueAt.getTime() === flagged + 5 * HOUR)).toBe(true);
    await prisma.agency.update({ where: { id: 1 }, data: { overdueGraceHours: 2 } });
  });
});
