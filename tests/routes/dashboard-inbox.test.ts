// The dashboard's inbox forms through the real route: marking the call done, "Mark as seen", and bad input refused
// with a 400 that changes nothing (never a 500); the full lists (/inbox/<section>) page and refuse unknown sections.
import { expect, test } from "vitest";
import { action, loader } from "~/routes/_index";
import { loader as listLoader } from "~/routes/inbox.$section";
import { prisma } from "~/utils/db.server";
import { makeFlaggedInterviewWithChecklist } from "../builders/checklists";
import { signedIn, statusOf } from "../builders/interviews";

const HOUR = 3600_000;
const errorsOf = (result: unknown) => Object.values((result as { data: { result: { error?: Record<string, string[]> } } }).data.result.error ?? {}).flat();

async function setup() {
  const session = await signedIn();
  const recovery = await makeFlaggedInterviewWithChecklist({ recruiterId: session.user.id, scheduledAt: new Date(Date.now() - 4 * HOUR) });
  const act = (fields: Record<string, string>, path = "/?index") => action({ request: session.post(path, fields), params: {}, context: {} });
  const load = () => loader({ request: session.get("/"), params: {}, context: {} });
  return { session, recovery, act, load };
}

test("'Mark call done' ticks the call step, redirects back to the same view, and the call leaves the inbox", async () => {
  const { session, recovery, act, load } = await setup();
  const page = await load();
  expect(page.inbox.calls.total).toBe(1);
  const step = page.inbox.calls.items[0].callStep!;
  const done = (await act({ intent: "call-done", interviewId: recovery.interview.id, stepStateId: step.id }, "/?index&recruiter=x")) as Response;
  expect(done.status).toBe(302);
  expect(done.headers.get("Location")).toBe("/?recruiter=x");
  expect(await prisma.checklistStepState.findUniqueOrThrow({ where: { id: step.id } })).toMatchObject({ status: "done", completedById: session.user.id });
  expect((await load()).inbox.calls.total).toBe(0);

  // Again (a double click, another tab): refused at the button, nothing written.
  const audits = await prisma.auditEvent.count();
  const again = await act({ intent: "call-done", interviewId: recovery.interview.id, stepStateId: step.id });
  expect(statusOf(again)).toBe(400);
  expect(errorsOf(again).join(" ")).toMatch(/already done/);
  expect(await prisma.auditEvent.count()).toBe(audits);
});

test("bad input to the inbox forms is a 400 with a message, never a 500, and changes nothing", async () => {
  const { recovery, act } = await setup();
  const other = await makeFlaggedInterviewWithChecklist();
  const audits = await prisma.auditEvent.count();
  const attempts: Record<string, string>[] = [
    { intent: "call-done", interviewId: recovery.interview.id, stepStateId: "not an id!" },
    { intent: "call-done", interviewId: recovery.interview.id },
    // A step of another interview's checklist can't be reached through this one.
    { intent: "call-done", interviewId: recovery.interview.id, stepStateId: other.run.steps[3].id },
    { intent: "mark-seen", shownAt: "yesterday" },
    { intent: "mark-seen" },
    { intent: "delete-everything" },
  ];
  for (const fields of attempts) {
    const result = await act(fields);
    expect(statusOf(result)).toBe(400);
    expect(errorsOf(result).length).toBeGreaterThan(0);
  }
  expect(await prisma.auditEvent.count()).toBe(audits);
  expect(await prisma.checklistStepState.count({ where: { runId: other.run.id, status: { not: "pending" } } })).toBe(0);
});

test("'Mark as seen' stores when the page was shown, not when the button was pressed", async () => {
  const { session, act, load } = await setup();
  const page = await load();
  expect(page.inbox.activity.firstLook).toBe(true);
  const result = (await act({ intent: "mark-seen", shownAt: page.now })) as Response;
  expect(result.status).toBe(302);
  expect((await prisma.user.findUniqueOrThrow({ where: { id: session.user.id } })).activitySeenAt?.toISOString()).toBe(page.now);
  expect((await load()).inbox.activity.firstLook).toBe(false);
});

test("a section's full list pages in 25s, a bad page number falls back to the first, and an unknown section is a 404", async () => {
  const { session } = await setup();
  for (let i = 0; i < 26; i++) await makeFlaggedInterviewWithChecklist({ recruiterId: session.user.id, scheduledAt: new Date(Date.now() - (2 + i / 10) * HOUR) });
  const list = (path: string, section: string) => listLoader({ request: session.get(path), params: { section }, context: {} });
  const first = await list("/inbox/calls", "calls");
  expect(first.list.total).toBe(27);
  expect(first.list.items).toHaveLength(25);
  expect(first.pages).toBe(2);
  const second = await list("/inbox/calls?page=2", "calls");
  expect(second.list.items).toHaveLength(2);
  expect((await list("/inbox/calls?page=-3", "calls")).page).toBe(1);
  expect((await list("/inbox/calls?page=abc", "calls")).page).toBe(1);
  await expect(list("/inbox/everything", "everything")).rejects.toMatchObject({ status: 404 });
});
