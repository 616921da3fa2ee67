import { expect, test } from "vitest";
import { candidateTimeline } from "~/models/timeline/timeline.server";
import {
  recordOutcome,
  recordRequestResponse,
  recordSecondInterviewRequest,
  scheduleSecondInterview,
} from "~/models/second-interviews/second-interview.server";
import { requestTiming } from "~/models/recovery/rules";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { makeCandidate } from "../builders/candidates";
import { makeFlaggedInterview } from "../builders/flags";
import { makeSecondInterviewRequest } from "../builders/second-interviews";
import { makeUser } from "../builders/users";

const HOUR = 3600_000;
const held = new Date("2026-11-20T10:00:00Z"); // 60 minutes: ends 11:00
const afterEnd = (hours: number) => new Date(held.getTime() + HOUR + hours * HOUR);
const now = new Date("2026-12-20T12:00:00Z");

async function setup() {
  const recruiter = await makeUser();
  const candidate = await makeCandidate({ recruiterId: recruiter.id, status: "recovering" });
  const interview = await makeFlaggedInterview({ candidateId: candidate.id, scheduledAt: held });
  return { recruiter, candidate, interview, actor: { userId: recruiter.id } };
}

const asks = (requestedAt: Date) => ({ requestedAt, requestedBy: "candidate" as const, channel: "phone" as const });

test("a request exactly 24 hours after the interview ended is inside the window; a minute later is not", () => {
  const interview = { scheduledAt: held, durationMinutes: 60 };
  expect(requestTiming(interview, afterEnd(24))).toMatchObject({ withinWindow: true, text: "inside the 24-hour window" });
  const late = requestTiming(interview, new Date(afterEnd(24).getTime() + 60_000));
  expect(late).toMatchObject({ withinWindow: false, text: "after the 24-hour window (24 h after the interview)" });
  expect(requestTiming(interview, afterEnd(30.5)).text).toBe("after the 24-hour window (30 h after the interview)");
  // Counted from the end of the interview, not its start.
  expect(requestTiming({ scheduledAt: held, durationMinutes: 180 }, afterEnd(25)).withinWindow).toBe(true);
});

test("recording a request stores it with its window and audits it on the candidate's timeline", async () => {
  const { interview, actor, candidate } = await setup();
  const result = await recordSecondInterviewRequest(interview.id, { ...asks(afterEnd(30)), note: " Called Ms Lee " }, actor, now);
  expect(result.withinWindow).toBe(false);
  const request = await prisma.secondInterviewRequest.findUniqueOrThrow({ where: { id: result.requestId } });
  expect(request).toMatchObject({ candidateId: candidate.id, response: "pending", note: "Called Ms Lee", recordedById: actor.userId });
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: request.id } });
  expect(audit).toMatchObject({ action: "second_interview.requested", candidateId: candidate.id, actorId: actor.userId });
  const timeline = await candidateTimeline(candidate.id);
  const shown = timeline.filter((e) => e.kind === "second-interview");
  expect(shown).toHaveLength(1);
  expect(shown[0].summary).toContain("after the 24-hour window (30 h after the interview)");
});

test("refuses a request dated before the interview or in the future, writing nothing", async () => {
  const { interview, actor } = await setup();
  await expect(recordSecondInterviewRequest(interview.id, asks(new Date(held.getTime() - HOUR)), actor, now)).rejects.toMatchObject({ field: "requestedAt" });
  await expect(recordSecondInterviewRequest(interview.id, asks(new Date(now.getTime() + 2 * HOUR)), actor, now)).rejects.toMatchObject({ field: "requestedAt" });
  expect(await prisma.secondInterviewRequest.count({ where: { interviewId: interview.id } })).toBe(0);
  expect(await prisma.auditEvent.count({ where: { candidateId: interview.candidateId } })).toBe(0);
});

test("an answer before the request is refused at its field; a later one is recorded and audited", async () => {
  const { interview, actor, candidate } = await setup();
  const request = await makeSecondInterviewRequest(interview.id, { requestedAt: afterEnd(2) });
  const ref = { interviewId: interview.id, requestId: request.id };
  await expect(recordRequestResponse(ref, { response: "declined", respondedAt: afterEnd(1) }, actor, now)).rejects.toMatchObject({ field: "respondedAt" });
  expect((await prisma.secondInterviewRequest.findUniqueOrThrow({ where: { id: request.id } })).response).toBe("pending");

  await recordRequestResponse(ref, { response: "declined", respondedAt: afterEnd(5) }, actor, now);
  await recordRequestResponse(ref, { response: "granted", respondedAt: afterEnd(6) }, actor, now);
  const saved = await prisma.secondInterviewRequest.findUniqueOrThrow({ where: { id: request.id } });
  expect(saved).toMatchObject({ response: "granted", respondedAt: afterEnd(6) });
  const events = await prisma.auditEvent.findMany({ where: { entityId: request.id }, orderBy: { at: "asc" } });
  expect(events.map((e) => [e.action, e.candidateId])).toEqual([
    ["second_interview.responded", candidate.id],
    ["second_interview.responded", candidate.id],
  ]);
  // The answer in force shows once from the request; the changed one stays as history.
  const summaries = (await candidateTimeline(candidate.id)).map((e) => e.summary);
  expect(summaries.filter((s) => s.startsWith("Second interview granted"))).toHaveLength(1);
  expect(summaries).toContain("Answer to the second-interview request recorded: declined (was pending)");
});

test("a request of another interview can't be answered through this one", async () => {
  const { interview, actor } = await setup();
  const other = await makeFlaggedInterview();
  const request = await makeSecondInterviewRequest(other.id);
  await expect(
    recordRequestResponse({ interviewId: interview.id, requestId: request.id }, { response: "granted", respondedAt: now }, actor, now),
  ).rejects.toBeInstanceOf(RuleViolation);
});

test("scheduling needs a granted request, links one second interview to it, and refuses a second time", async () => {
  const { interview, actor, candidate } = await setup();
  const request = await makeSecondInterviewRequest(interview.id, { requestedAt: afterEnd(2) });
  const ref = { interviewId: interview.id, requestId: request.id };
  const input = { scheduledAt: new Date("2026-11-27T09:00:00Z"), format: "video" as const, interviewerName: "Ms Lee" };
  await expect(scheduleSecondInterview(ref, input, actor)).rejects.toThrow(/granted/);

  await prisma.secondInterviewRequest.update({ where: { id: request.id }, data: { response: "granted", respondedAt: afterEnd(20) } });
  const { interviewId } = await scheduleSecondInterview(ref, input, actor);
  const second = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
  expect(second).toMatchObject({
    round: "second",
    secondInterviewRequestId: request.id,
    candidateId: candidate.id,
    companyId: interview.companyId,
    roleTitle: interview.roleTitle,
    recruiterId: interview.recruiterId,
    format: "video",
    interviewerName: "Ms Lee",
  });
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).lastInterviewAt).toEqual(input.scheduledAt);
  expect(await prisma.auditEvent.count({ where: { action: "second_interview.scheduled", entityId: interviewId, candidateId: candidate.id } })).toBe(1);

  await expect(scheduleSecondInterview(ref, input, actor)).rejects.toThrow(/already scheduled/);
  await expect(recordRequestResponse(ref, { response: "declined", respondedAt: now }, actor, now)).rejects.toMatchObject({ field: "response" });
  expect(await prisma.interview.count({ where: { secondInterviewRequestId: request.id } })).toBe(1);
});

test("hired from the second interview's page belongs to the original interview and makes the candidate hired", async () => {
  const { interview, actor, candidate } = await setup();
  const request = await makeSecondInterviewRequest(interview.id, { requestedAt: afterEnd(2), response: "granted" });
  const { interviewId: secondId } = await scheduleSecondInterview(
    { interviewId: interview.id, requestId: request.id },
    { scheduledAt: new Date("2026-11-27T09:00:00Z"), format: "in_person" },
    actor,
  );
  const decidedAt = new Date("2026-12-01T12:00:00Z");
  const startDate = new Date("2027-01-04T00:00:00Z");
  const result = await recordOutcome({ interviewId: secondId, outcome: "hired", decidedAt, startDate }, actor, { now });
  expect(result).toMatchObject({ applicationInterviewId: interview.id, candidateStatus: "hired", statusChanged: true });
  const outcome = await prisma.candidacyOutcome.findUniqueOrThrow({ where: { id: result.outcomeId } });
  expect(outcome).toMatchObject({ interviewId: interview.id, companyId: interview.companyId, candidateId: candidate.id, startDate });
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).status).toBe("hired");
  const actions = (await prisma.auditEvent.findMany({ where: { candidateId: candidate.id }, orderBy: { at: "asc" } })).map((e) => e.action);
  // Hired closes the application's recovery, and with it the flag and the checklist.
  expect(actions).toEqual(["second_interview.scheduled", "outcome.recorded", "recovery.closed", "candidate.updated"]);
  const outcomeEntries = (await candidateTimeline(candidate.id)).filter((e) => e.kind === "outcome");
  expect(outcomeEntries).toHaveLength(1);
});

test("hired without a start date is refused and writes nothing", async () => {
  const { interview, actor, candidate } = await setup();
  await expect(recordOutcome({ interviewId: interview.id, outcome: "hired", decidedAt: now }, actor, { now })).rejects.toMatchObject({ field: "startDate" });
  expect(await prisma.candidacyOutcome.count({ where: { candidateId: candidate.id } })).toBe(0);
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).status).toBe("recovering");
});

test("a final outcome closes the candidate unless another recovery is open; open changes nothing", async () => {
  const { interview, actor, candidate } = await setup();
  const other = await makeFlaggedInterview({ candidateId: candidate.id });
  const decidedAt = new Date("2026-12-01T12:00:00Z");

  await recordOutcome({ interviewId: interview.id, outcome: "open", decidedAt }, actor, { now });
  await recordOutcome({ interviewId: interview.id, outcome: "rejected", decidedAt }, actor, { now });
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).status).toBe("recovering");

  const last = await recordOutcome({ interviewId: other.id, outcome: "withdrawn", decidedAt }, actor, { now });
  expect(last).toMatchObject({ candidateStatus: "closed", statusChanged: true });
});

test("a hired candidate stays hired when another application is rejected", async () => {
  const { interview, actor, candidate } = await setup();
  const other = await makeFlaggedInterview({ candidateId: candidate.id });
  const decidedAt = new Date("2026-12-01T12:00:00Z");
  await recordOutcome({ interviewId: interview.id, outcome: "hired", decidedAt, startDate: decidedAt }, actor, { now });
  await recordOutcome({ interviewId: other.id, outcome: "offer_declined", decidedAt }, actor, { now });
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).status).toBe("hired");
});

test("an outcome for another candidate's interview is refused from the profile", async () => {
  const { actor, candidate } = await setup();
  const stranger = await makeFlaggedInterview();
  await expect(
    recordOutcome({ interviewId: stranger.id, outcome: "rejected", decidedAt: now }, actor, { candidateId: candidate.id, now }),
  ).rejects.toMatchObject({ field: "interviewId" });
  expect(await prisma.candidacyOutcome.count({ where: { interviewId: stranger.id } })).toBe(0);
});
