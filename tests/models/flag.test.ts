import { expect, test } from "vitest";
import { recoveryWindowClosesAt } from "~/models/recovery/rules";
import { closeRecoveryByHand, reopenRecovery } from "~/models/recovery/lifecycle.server";
import { editFlag, flagInterview, removeFlag } from "~/models/flags/flag.server";
import { getInterviewPage } from "~/models/interviews/interview.server";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { flagDetails, makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";

async function setup() {
  const recruiter = await makeUser();
  const candidate = await makeCandidate({ recruiterId: recruiter.id, status: "open" });
  const interview = await makeInterview({ candidateId: candidate.id, impression: "mixed" });
  return { actor: { userId: recruiter.id }, candidate, interview };
}

const state = async (interviewId: string, candidateId: string) => ({
  interview: await prisma.interview.findUniqueOrThrow({ where: { id: interviewId } }),
  candidate: await prisma.candidate.findUniqueOrThrow({ where: { id: candidateId } }),
  actions: (await prisma.auditEvent.findMany({ where: { candidateId }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((e) => e.action),
});

test("flagging sets the severity, counts an open flag, marks it went badly, moves the candidate to recovering and is audited", async () => {
  const { actor, candidate, interview } = await setup();
  const flag = await flagInterview(interview.id, flagDetails({ severity: "critical", reasons: ["nerves", "late"] }), actor);
  const after = await state(interview.id, candidate.id);
  expect(after.interview).toMatchObject({ flagSeverity: "critical", impression: "went_badly" });
  expect(after.candidate).toMatchObject({ openFlagCount: 1, status: "recovering" });
  const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "flag.raised", entityId: flag.id } });
  expect(event).toMatchObject({ entityType: "InterviewFlag", candidateId: candidate.id });
  expect(JSON.parse(event.after!)).toMatchObject({ interviewId: interview.id, reasons: ["late", "nerves"], severity: "critical", source: "recruiter_observed" });
  const page = await getInterviewPage(interview.id);
  // The window counts from the interview's end, not from the flag.
  expect(page?.flag?.windowClosesAt.getTime()).toBe(recoveryWindowClosesAt(interview).getTime());
});

test("a candidate who is not open keeps their status when flagged", async () => {
  const recruiter = await makeUser();
  const candidate = await makeCandidate({ recruiterId: recruiter.id, status: "hired" });
  const interview = await makeInterview({ candidateId: candidate.id });
  await flagInterview(interview.id, flagDetails(), { userId: recruiter.id });
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).status).toBe("hired");
});

test("'other' needs its text, and unknown reasons or severities are refused with nothing written", async () => {
  const { actor, interview } = await setup();
  await expect(flagInterview(interview.id, flagDetails({ reasons: ["other"] }), actor)).rejects.toMatchObject({ field: "otherReason" });
  await expect(flagInterview(interview.id, flagDetails({ reasons: ["bribery"] }), actor)).rejects.toMatchObject({ field: "reasons" });
  await expect(flagInterview(interview.id, flagDetails({ severity: "apocalyptic" }), actor)).rejects.toMatchObject({ field: "severity" });
  expect(await prisma.interviewFlag.count({ where: { interviewId: interview.id } })).toBe(0);
  const flag = await flagInterview(interview.id, flagDetails({ reasons: ["other"], otherReason: "Brought a parrot" }), actor);
  expect((await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id } })).otherReason).toBe("Brought a parrot");
});

test("two flags on one interview at the same time: one wins, the other is refused", async () => {
  const { actor, interview } = await setup();
  const results = await Promise.allSettled([
    flagInterview(interview.id, flagDetails(), actor),
    flagInterview(interview.id, flagDetails({ severity: "minor" }), actor),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  expect(await prisma.interviewFlag.count({ where: { interviewId: interview.id, removedAt: null } })).toBe(1);
  await expect(flagInterview(interview.id, flagDetails(), actor)).rejects.toThrow(/already flagged/);
});

test("editing replaces reasons and severity, audited with before and after", async () => {
  const { actor, candidate, interview } = await setup();
  const flag = await flagInterview(interview.id, flagDetails(), actor);
  await editFlag({ interviewId: interview.id, flagId: flag.id }, flagDetails({ reasons: ["blanked"], severity: "minor", source: "client_feedback" }), actor);
  const reasons = await prisma.flagReason.findMany({ where: { flagId: flag.id } });
  expect(reasons.map((r) => r.reason)).toEqual(["blanked"]);
  const after = await state(interview.id, candidate.id);
  expect(after.interview.flagSeverity).toBe("minor");
  const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "flag.edited", entityId: flag.id } });
  expect(JSON.parse(event.before!)).toMatchObject({ reasons: ["late", "nerves"], severity: "serious" });
  expect(JSON.parse(event.after!)).toMatchObject({ reasons: ["blanked"], severity: "minor", source: "client_feedback" });
});

test("closing the recovery by hand closes the open count, reopening restores it, both audited; closing twice is refused", async () => {
  const { actor, candidate, interview } = await setup();
  const flag = await flagInterview(interview.id, flagDetails(), actor);
  const ref = { interviewId: interview.id, flagId: flag.id };
  await closeRecoveryByHand(ref, { reason: "resolved_by_hand", note: "Spoke to the client; all fine." }, actor);
  let now = await state(interview.id, candidate.id);
  expect(now.candidate.openFlagCount).toBe(0);
  expect(now.interview.flagSeverity).toBe("serious");
  await expect(closeRecoveryByHand(ref, { reason: "went_quiet" }, actor)).rejects.toThrow(/already closed/);
  await reopenRecovery(ref, actor);
  now = await state(interview.id, candidate.id);
  expect(now.candidate.openFlagCount).toBe(1);
  expect(now.actions).toEqual(["flag.raised", "checklist.started", "recovery.closed", "candidate.updated", "recovery.reopened", "candidate.updated"]);
  // Closing finished the checklist; reopening brought it back.
  expect((await prisma.checklistRun.findUniqueOrThrow({ where: { flagId: flag.id } })).status).toBe("active");
});

test("removing keeps the row, leaves the interview unflagged, and it can be flagged again", async () => {
  const { actor, candidate, interview } = await setup();
  const flag = await flagInterview(interview.id, flagDetails(), actor);
  await removeFlag({ interviewId: interview.id, flagId: flag.id }, actor);
  const now = await state(interview.id, candidate.id);
  expect(now.interview.flagSeverity).toBeNull();
  expect(now.candidate.openFlagCount).toBe(0);
  expect((await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id } })).removedAt).toBeInstanceOf(Date);
  expect((await getInterviewPage(interview.id))?.flag).toBeNull();
  await expect(closeRecoveryByHand({ interviewId: interview.id, flagId: flag.id }, { reason: "went_quiet" }, actor)).rejects.toThrow(/removed/);
  expect(await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id } })).toMatchObject({ recoveryState: "closed", closedReason: "flag_removed" });
  await flagInterview(interview.id, flagDetails({ severity: "critical" }), actor);
  const again = await state(interview.id, candidate.id);
  expect(again.interview.flagSeverity).toBe("critical");
  expect(again.actions).toEqual([
    "flag.raised", "checklist.started", "flag.removed", "checklist.cancelled", "recovery.closed", "candidate.updated", "flag.raised", "checklist.started",
  ]);
  const runs = await prisma.checklistRun.findMany({ where: { interviewId: interview.id }, orderBy: { startedAt: "asc" } });
  expect(runs.map((r) => r.status)).toEqual(["cancelled", "active"]);
});

test("a flag can't be changed through another interview's address", async () => {
  const { actor, interview } = await setup();
  const other = await setup();
  const flag = await flagInterview(interview.id, flagDetails(), actor);
  await expect(removeFlag({ interviewId: other.interview.id, flagId: flag.id }, actor)).rejects.toThrow();
  expect((await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id } })).removedAt).toBeNull();
});
