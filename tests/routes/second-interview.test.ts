import { expect, test } from "vitest";
import { action as profileAction } from "~/routes/candidates.$candidateId";
import { action } from "~/routes/interviews.$interviewId";
import { prisma } from "~/utils/db.server";
import { fieldErrorsOf, signedIn, statusOf } from "../builders/interviews";
import { makeFlaggedInterview } from "../builders/flags";

async function setup() {
  const session = await signedIn();
  const interview = await makeFlaggedInterview({ recruiterId: session.user.id, scheduledAt: new Date("2026-01-10T10:00:00Z") });
  const path = `/interviews/${interview.id}`;
  const act = (fields: Record<string, string>) =>
    action({ request: session.post(path, fields), params: { interviewId: interview.id }, context: {} });
  const writes = async () =>
    (await prisma.secondInterviewRequest.count({ where: { interviewId: interview.id } })) +
    (await prisma.candidacyOutcome.count({ where: { candidateId: interview.candidateId } })) +
    (await prisma.auditEvent.count({ where: { candidateId: interview.candidateId } }));
  return { session, interview, act, writes };
}

const request = { intent: "record-request", requestedAt: "2026-01-10T15:00", requestedBy: "candidate", channel: "phone" };

test("record, grant, schedule and hire through the panel, each redirecting back to the interview", async () => {
  const { interview, act } = await setup();
  const back = `/interviews/${interview.id}`;
  const recorded = (await act(request)) as Response;
  expect(recorded.status).toBe(302);
  expect(recorded.headers.get("Location")).toBe(back);
  const saved = await prisma.secondInterviewRequest.findFirstOrThrow({ where: { interviewId: interview.id } });
  expect(saved.requestedAt).toEqual(new Date("2026-01-10T15:00:00Z")); // the agency's zone is UTC in tests

  expect(statusOf(await act({ intent: "record-response", requestId: saved.id, response: "granted", respondedAt: "2026-01-12T09:00" }))).toBe(302);
  expect(
    statusOf(await act({ intent: "schedule-second-interview", requestId: saved.id, scheduledAt: "2026-01-20T10:00", format: "video" })),
  ).toBe(302);
  const second = await prisma.interview.findFirstOrThrow({ where: { secondInterviewRequestId: saved.id } });
  expect(second.round).toBe("second");
  // Recorded on the second interview's page: still the original application's outcome.
  const hired = await action({
    request: (await signedIn()).post(`/interviews/${second.id}`, {
      intent: "record-outcome",
      interviewId: second.id,
      outcome: "hired",
      decidedAt: "2026-01-25T12:00",
      startDate: "2026-02-02",
    }),
    params: { interviewId: second.id },
    context: {},
  });
  expect(statusOf(hired)).toBe(302);
  const outcome = await prisma.candidacyOutcome.findFirstOrThrow({ where: { candidateId: interview.candidateId } });
  expect(outcome).toMatchObject({ interviewId: interview.id, outcome: "hired", startDate: new Date("2026-02-02T00:00:00Z") });
});

test.each([
  ["a date that is not a date", { requestedAt: "2026-02-31T10:00" }, "requestedAt"],
  ["a date in another format", { requestedAt: "yesterday" }, "requestedAt"],
  ["an unknown channel", { channel: "carrier pigeon" }, "channel"],
  ["an unknown asker", { requestedBy: "the client" }, "requestedBy"],
  ["a 10,000-character note", { note: "x".repeat(10_000) }, "note"],
  ["a request before the interview", { requestedAt: "2026-01-09T10:00" }, "requestedAt"],
])("a request with %s gives 400 at its field and writes nothing", async (_, overrides, field) => {
  const { act, writes } = await setup();
  const result = await act({ ...request, ...overrides });
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result)[field]?.length).toBeGreaterThan(0);
  expect(await writes()).toBe(0);
});

test("an answer dated before the request is refused at its field, values kept", async () => {
  const { interview, act } = await setup();
  await act(request);
  const saved = await prisma.secondInterviewRequest.findFirstOrThrow({ where: { interviewId: interview.id } });
  const fields = { intent: "record-response", requestId: saved.id, response: "granted", respondedAt: "2026-01-10T14:00" };
  const result = await act(fields);
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result).respondedAt?.[0]).toMatch(/before the request/);
  expect((result as { data: { result: { initialValue: Record<string, string> } } }).data.result.initialValue).toMatchObject(fields);
  expect((await prisma.secondInterviewRequest.findUniqueOrThrow({ where: { id: saved.id } })).response).toBe("pending");
});

test("hired without a start date, or an unknown outcome, gives 400 at the field and writes nothing", async () => {
  const { act, writes } = await setup();
  const outcome = { intent: "record-outcome", interviewId: "ignored", decidedAt: "2026-01-25T12:00" };
  expect(fieldErrorsOf(await act({ ...outcome, outcome: "hired" })).startDate?.length).toBeGreaterThan(0);
  expect(fieldErrorsOf(await act({ ...outcome, outcome: "promoted" })).outcome?.length).toBeGreaterThan(0);
  expect(fieldErrorsOf(await act({ ...outcome, outcome: "hired", startDate: "soon" })).startDate?.length).toBeGreaterThan(0);
  expect(await writes()).toBe(0);
});

test("scheduling from a pending request is refused with a message, nothing written", async () => {
  const { interview, act } = await setup();
  await act(request);
  const saved = await prisma.secondInterviewRequest.findFirstOrThrow({ where: { interviewId: interview.id } });
  const result = await act({ intent: "schedule-second-interview", requestId: saved.id, scheduledAt: "2026-01-20T10:00", format: "video" });
  expect(statusOf(result)).toBe(400);
  expect(await prisma.interview.count({ where: { secondInterviewRequestId: saved.id } })).toBe(0);
});

test("the profile records an outcome for the chosen application, and refuses another candidate's interview", async () => {
  const { session, interview } = await setup();
  const stranger = await makeFlaggedInterview();
  const post = (interviewId: string) =>
    profileAction({
      request: session.post(`/candidates/${interview.candidateId}`, {
        intent: "record-outcome",
        interviewId,
        outcome: "rejected",
        decidedAt: "2026-01-25T12:00",
      }),
      params: { candidateId: interview.candidateId },
      context: {},
    });
  const refused = await post(stranger.id);
  expect(statusOf(refused)).toBe(400);
  expect(fieldErrorsOf(refused).interviewId?.length).toBeGreaterThan(0);
  expect(statusOf(await post(interview.id))).toBe(302);
  const outcome = await prisma.candidacyOutcome.findFirstOrThrow({ where: { candidateId: interview.candidateId } });
  expect(outcome).toMatchObject({ interviewId: interview.id, outcome: "rejected" });
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: interview.candidateId } })).status).toBe("closed");
});

test("a refused panel form is answered by the interview page itself, tagged with its form, so it renders without JavaScript", async () => {
  const { act, writes } = await setup();
  const result = (await act({ ...request, channel: "carrier pigeon" })) as unknown as { init: ResponseInit; data: { intent: string } };
  expect(result.init.status).toBe(400);
  expect(result.data.intent).toBe("record-request");
  expect(fieldErrorsOf(result).channel?.length).toBeGreaterThan(0);
  expect(await writes()).toBe(0);
});
