import { expect, test } from "vitest";
import { loader as searchLoader } from "~/routes/resources.candidate-search";
import { action, loader } from "~/routes/interviews.$interviewId";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { fieldErrorsOf, makeInterview, signedIn, statusOf } from "../builders/interviews";

async function setup() {
  const session = await signedIn();
  const interview = await makeInterview({ recruiterId: session.user.id });
  const path = `/interviews/${interview.id}`;
  const act = (fields: Record<string, string | string[]>) =>
    action({ request: session.post(path, fields), params: { interviewId: interview.id }, context: {} });
  return { session, interview, path, act };
}

const flagFields = { intent: "flag", reasons: ["late", "nerves"], severity: "serious", source: "client_feedback" };

test("flagging through the page redirects back with the flag in place", async () => {
  const { interview, path, act } = await setup();
  const result = (await act(flagFields)) as Response;
  expect(result.status).toBe(302);
  expect(result.headers.get("Location")).toBe(path);
  const flag = await prisma.interviewFlag.findFirstOrThrow({ where: { interviewId: interview.id }, include: { reasons: true } });
  expect(flag.reasons.map((r) => r.reason).sort()).toEqual(["late", "nerves"]);
});

test.each([
  ["an unknown reason", { reasons: ["late", "bribery"] }, "reasons"],
  ["no reason", { reasons: [] as string[] }, "reasons"],
  ["'other' without text", { reasons: ["other"] }, "otherReason"],
  ["a bad severity", { severity: "apocalyptic" }, "severity"],
  ["a bad source", { source: "rumour" }, "source"],
])("%s gives 400 with a field error and writes nothing", async (_, overrides, field) => {
  const { interview, act } = await setup();
  const result = await act({ ...flagFields, ...overrides });
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result)[field]?.length).toBeGreaterThan(0);
  expect(await prisma.interviewFlag.count({ where: { interviewId: interview.id } })).toBe(0);
  expect(await prisma.auditEvent.count({ where: { candidateId: interview.candidateId } })).toBe(0);
});

test("edit, close, reopen, snooze, wake and remove each go through their intent", async () => {
  const { interview, act } = await setup();
  await act(flagFields);
  const flag = await prisma.interviewFlag.findFirstOrThrow({ where: { interviewId: interview.id } });
  expect(statusOf(await act({ ...flagFields, intent: "edit-flag", flagId: flag.id, severity: "critical" }))).toBe(302);
  expect((await prisma.interview.findUniqueOrThrow({ where: { id: interview.id } })).flagSeverity).toBe("critical");
  // "Resolved" needs a note saying how: refused at the field, nothing written.
  const noNote = await act({ intent: "close-recovery", flagId: flag.id, reason: "resolved_by_hand" });
  expect(statusOf(noNote)).toBe(400);
  expect(fieldErrorsOf(noNote).note).toEqual(["Say how it was resolved."]);
  expect(statusOf(await act({ intent: "close-recovery", flagId: flag.id, reason: "resolved_by_hand", note: "Client happy after the call." }))).toBe(302);
  expect(statusOf(await act({ intent: "close-recovery", flagId: flag.id, reason: "went_quiet" }))).toBe(400);
  expect(statusOf(await act({ intent: "reopen-recovery", flagId: flag.id }))).toBe(302);
  // A snooze in the past is refused at its field; one tomorrow is kept.
  const past = await act({ intent: "snooze-recovery", flagId: flag.id, until: "2020-01-01T09:00" });
  expect(statusOf(past)).toBe(400);
  expect(fieldErrorsOf(past).until).toEqual(["Choose a time in the future."]);
  const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 16);
  expect(statusOf(await act({ intent: "snooze-recovery", flagId: flag.id, until: tomorrow, note: "On holiday" }))).toBe(302);
  expect((await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id } })).snoozeNote).toBe("On holiday");
  expect(statusOf(await act({ intent: "wake-recovery", flagId: flag.id }))).toBe(302);
  expect(statusOf(await act({ intent: "remove-flag", flagId: flag.id }))).toBe(302);
  expect((await prisma.interview.findUniqueOrThrow({ where: { id: interview.id } })).flagSeverity).toBeNull();
  const actions = await prisma.auditEvent.findMany({ where: { entityId: flag.id }, orderBy: { at: "asc" } });
  expect(actions.map((e) => e.action)).toEqual([
    "flag.raised", "flag.edited", "recovery.closed", "recovery.reopened", "recovery.snoozed", "recovery.woken", "flag.removed", "recovery.closed",
  ]);
});

test("an unknown intent is a 400, not a crash", async () => {
  const { act } = await setup();
  expect(statusOf(await act({ intent: "delete-everything" }))).toBe(400);
});

test("an unknown interview is a 404 for the page and its actions", async () => {
  const { session } = await setup();
  const params = { interviewId: "no-such-interview" };
  const thrown = await loader({ request: session.get("/interviews/no-such-interview"), params, context: {} }).catch((e) => e);
  expect((thrown as Response).status).toBe(404);
  const thrownByAction = await action({ request: session.post("/interviews/no-such-interview", flagFields), params, context: {} }).catch((e) => e);
  expect((thrownByAction as Response).status).toBe(404);
});

test("the page loader opens the flag form for ?flag=new and shows the recovery deadline once flagged", async () => {
  const { session, interview, path, act } = await setup();
  const open = await loader({ request: session.get(`${path}?flag=new`), params: { interviewId: interview.id }, context: {} });
  expect(open.view).toBe("new");
  await act(flagFields);
  const flagged = await loader({ request: session.get(path), params: { interviewId: interview.id }, context: {} });
  expect(flagged.view).toBeNull();
  // One window: the interview's end (60 minutes after it starts) + 24 hours.
  expect(flagged.interview.flag?.windowClosesAt.getTime()).toBe(flagged.interview.scheduledAt.getTime() + 25 * 3600_000);
});

test("the candidate search answers JSON with matches by name or email", async () => {
  const { session } = await setup();
  const candidate = await makeCandidate({ name: "Searchable Person", email: "findme@example.net" });
  const result = await searchLoader({ request: session.get("/resources/candidate-search?q=findme"), params: {}, context: {} });
  expect(result.candidates).toEqual([{ id: candidate.id, name: "Searchable Person", email: "findme@example.net" }]);
});

test("editing a flag someone else edited meanwhile is refused for review with their edit shown; saving again wins", async () => {
  const { session, interview, path, act } = await setup();
  expect(statusOf(await act(flagFields))).toBe(302);
  const page = (await loader({ request: session.get(path), params: { interviewId: interview.id }, context: {} })) as {
    interview: { flag: { id: string; version: string } };
  };
  const { id: flagId, version } = page.interview.flag;

  // A colleague raises the severity while this recruiter's edit form is open.
  expect(statusOf(await act({ ...flagFields, intent: "edit-flag", flagId, severity: "critical", baseVersion: version }))).toBe(302);

  const mine = { ...flagFields, intent: "edit-flag", flagId, description: "He froze on the second question.", baseVersion: version };
  const refused = (await act(mine)) as { data: { result: { initialValue: Record<string, unknown> }; currentVersion?: string } };
  expect(statusOf(refused)).toBe(400);
  expect(fieldErrorsOf(refused)[""]?.[0]).toMatch(/^Someone else saved a change while you were editing\. The flag now reads: critical,/);
  expect(refused.data.result.initialValue).toMatchObject({ description: "He froze on the second question." });
  expect(await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flagId } })).toMatchObject({ severity: "critical", description: null });

  expect(statusOf(await act({ ...mine, baseVersion: refused.data.currentVersion! }))).toBe(302);
  expect(await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flagId } })).toMatchObject({
    severity: "serious",
    description: "He froze on the second question.",
  });
});
