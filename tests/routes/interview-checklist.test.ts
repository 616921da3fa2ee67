import { expect, test } from "vitest";
import { action, loader } from "~/routes/interviews.$interviewId";
import { prisma } from "~/utils/db.server";
import { makeFlaggedInterviewWithChecklist } from "../builders/checklists";
import { makeInterview, signedIn, statusOf } from "../builders/interviews";

async function setup() {
  const session = await signedIn();
  const interview = await makeInterview({ recruiterId: session.user.id });
  const path = `/interviews/${interview.id}`;
  const params = { interviewId: interview.id };
  const act = (fields: Record<string, string | string[]>) => action({ request: session.post(path, fields), params, context: {} });
  const load = () => loader({ request: session.get(path), params, context: {} });
  await act({ intent: "flag", reasons: ["late"], severity: "serious", source: "client_feedback" });
  return { session, interview, path, act, load };
}

const formErrorsOf = (result: unknown) =>
  ((result as { data: { result: { error?: Record<string, string[]> } } }).data.result.error?.[""] ?? []) as string[];

test("flagging shows a running checklist on the interview page", async () => {
  const { load } = await setup();
  const page = await load();
  expect(page.checklist?.status).toBe("active");
  expect(page.checklist?.progress).toEqual({ finished: 0, total: page.checklist?.steps.length });
  expect(page.checklist?.steps[0].step.title).toBe("Calm down before doing anything else");
});

test("mark done, skip, undo and save note go through their intents and redirect back", async () => {
  const { act, load, path, session } = await setup();
  const [first, second] = (await load()).checklist!.steps;
  const done = (await act({ intent: "step-done", stepStateId: first.id, note: "Spoke at 6pm" })) as Response;
  expect(done.status).toBe(302);
  expect(done.headers.get("Location")).toBe(path);
  expect(statusOf(await act({ intent: "step-skip", stepStateId: second.id }))).toBe(302);
  let page = await load();
  expect(page.checklist?.progress.finished).toBe(2);
  expect(page.checklist?.steps[0]).toMatchObject({ status: "done", note: "Spoke at 6pm", completedBy: { name: session.user.name } });
  expect(statusOf(await act({ intent: "step-reopen", stepStateId: first.id }))).toBe(302);
  expect(statusOf(await act({ intent: "step-note", stepStateId: second.id, note: "Already did it by email" }))).toBe(302);
  page = await load();
  expect(page.checklist?.steps[0].status).toBe("pending");
  expect(page.checklist?.steps[1]).toMatchObject({ status: "skipped", note: "Already did it by email" });
});

test("a refused step action is a 400 naming the step, and changes nothing", async () => {
  const { act, load } = await setup();
  const [first] = (await load()).checklist!.steps;
  await act({ intent: "step-done", stepStateId: first.id });
  const again = await act({ intent: "step-done", stepStateId: first.id, note: "typed" });
  expect(statusOf(again)).toBe(400);
  expect(formErrorsOf(again)[0]).toMatch(/already done/);
  expect((again as { data: { result: { initialValue: Record<string, string> } } }).data.result.initialValue).toMatchObject({ stepStateId: first.id, note: "typed" });
});

test("a step of another interview, an unknown step and a bad intent are refused without writing", async () => {
  const { act } = await setup();
  const other = await makeFlaggedInterviewWithChecklist();
  const audits = await prisma.auditEvent.count();
  expect(statusOf(await act({ intent: "step-done", stepStateId: other.run.steps[0].id }))).toBe(400);
  expect(statusOf(await act({ intent: "step-done", stepStateId: "x".repeat(5000) }))).toBe(400);
  expect(statusOf(await act({ intent: "step-explode", stepStateId: other.run.steps[0].id }))).toBe(400);
  expect(statusOf(await act({ intent: "step-note", stepStateId: other.run.steps[0].id, note: "y".repeat(3000) }))).toBe(400);
  expect(await prisma.auditEvent.count()).toBe(audits);
  expect(await prisma.checklistStepState.count({ where: { runId: other.run.id, status: { not: "pending" } } })).toBe(0);
});

test("removing the flag leaves the cancelled checklist visible and refuses ticks", async () => {
  const { act, load } = await setup();
  const page = await load();
  const flagId = page.interview.flag!.id;
  expect(statusOf(await act({ intent: "remove-flag", flagId }))).toBe(302);
  const after = await load();
  expect(after.checklist?.status).toBe("cancelled");
  expect(after.checklist?.cancelledAt).not.toBeNull();
  const refused = await act({ intent: "step-done", stepStateId: after.checklist!.steps[0].id });
  expect(statusOf(refused)).toBe(400);
  expect(formErrorsOf(refused)[0]).toMatch(/cancelled/);
});

test("a step note someone else saved meanwhile is not overwritten: refused with their note shown, typed note kept; saving again wins", async () => {
  const { act, load } = await setup();
  const step = (await load()).checklist!.steps[0];
  const shownVersion = step.noteVersion;
  expect(statusOf(await act({ intent: "step-note", stepStateId: step.id, note: "Called, no answer", baseVersion: shownVersion }))).toBe(302);

  const mine = { intent: "step-note", stepStateId: step.id, note: "Left a voicemail at 5pm", baseVersion: shownVersion };
  const refused = (await act(mine)) as { data: { result: { initialValue: Record<string, unknown> }; currentVersion?: string } };
  expect(statusOf(refused)).toBe(400);
  expect(formErrorsOf(refused)[0]).toBe(
    "Someone else saved a change while you were editing. The note now reads: “Called, no answer”. Your changes are still in the form: review them and save again to replace that change.",
  );
  expect(refused.data.result.initialValue).toMatchObject({ note: "Left a voicemail at 5pm" });
  expect((await prisma.checklistStepState.findUniqueOrThrow({ where: { id: step.id } })).note).toBe("Called, no answer");

  expect(statusOf(await act({ ...mine, baseVersion: refused.data.currentVersion! }))).toBe(302);
  expect((await prisma.checklistStepState.findUniqueOrThrow({ where: { id: step.id } })).note).toBe("Left a voicemail at 5pm");
});
