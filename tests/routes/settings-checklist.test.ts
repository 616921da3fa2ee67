import { expect, test } from "vitest";
import { action, loader } from "~/routes/settings.checklist";
import { currentPlaybook } from "~/models/recovery/playbook.server";
import { prisma } from "~/utils/db.server";
import { fieldErrorsOf, signedIn, statusOf } from "../builders/interviews";

const path = "/settings/checklist";

/** The editor's fields for the current playbook, as the browser would send them. */
async function currentFields() {
  const playbook = await currentPlaybook();
  const fields: Record<string, string> = { baseVersion: String(playbook.version) };
  playbook.steps.forEach((s, i) => {
    fields[`steps[${i}].title`] = s.title;
    fields[`steps[${i}].guidance`] = s.guidance;
    fields[`steps[${i}].owner`] = s.owner;
    fields[`steps[${i}].dueHours`] = String(s.dueOffsetMinutes / 60);
    if (s.dueLocalTime) fields[`steps[${i}].dueLocalTime`] = s.dueLocalTime;
  });
  return { playbook, fields };
}

const call = async (role: "recruiter" | "manager", fields?: Record<string, string>) => {
  const session = await signedIn(role);
  const request = fields ? session.post(path, fields) : session.get(path);
  return (fields ? action : loader)({ request, params: {}, context: {} }).catch((e: unknown) => e);
};

test("recruiters get 403 for the page and for saving", async () => {
  const { fields } = await currentFields();
  expect(((await call("recruiter")) as Response).status).toBe(403);
  expect(((await call("recruiter", fields)) as Response).status).toBe(403);
  expect(await prisma.playbookVersion.count()).toBe(1);
});

test("a manager sees the current version and its steps", async () => {
  const page = (await call("manager")) as Awaited<ReturnType<typeof loader>>;
  expect(page.playbook.version).toBe(1);
  expect(page.playbook.steps.length).toBeGreaterThanOrEqual(11);
});

test("saving edits, a retired step, a new step and a new order creates the next version", async () => {
  const { playbook, fields } = await currentFields();
  const n = playbook.steps.length;
  const edited = {
    ...fields,
    "steps[0].title": "Breathe first",
    "steps[1].retire": "on",
    [`steps[${n}].title`]: "Book a mock interview",
    [`steps[${n}].guidance`]: "Practise with your recruiter. Focus on the questions that tripped you up.",
    [`steps[${n}].owner`]: "recruiter",
    [`steps[${n}].dueHours`]: "36.5",
    [`steps[${n}].dueLocalTime`]: "09:00",
  };
  const result = await call("manager", edited);
  expect(statusOf(result)).toBe(302);
  const saved = await currentPlaybook();
  expect(saved.version).toBe(playbook.version + 1);
  expect(saved.steps).toHaveLength(n);
  expect(saved.steps[0].title).toBe("Breathe first");
  expect(saved.steps.map((s) => s.title)).not.toContain(playbook.steps[1].title);
  expect(saved.steps.at(-1)).toMatchObject({ title: "Book a mock interview", owner: "recruiter", dueOffsetMinutes: 36.5 * 60, dueLocalTime: "09:00", position: n });
  expect(await prisma.auditEvent.count({ where: { action: "playbook.saved" } })).toBe(1);
});

test.each([
  ["an empty title", { "steps[2].title": "" }, "steps[2].title"],
  ["a 10,000-character title", { "steps[2].title": "x".repeat(10_000) }, "steps[2].title"],
  ["an unknown owner", { "steps[3].owner": "the client" }, "steps[3].owner"],
  ["hours that are not a number", { "steps[4].dueHours": "tomorrow" }, "steps[4].dueHours"],
  ["negative hours", { "steps[4].dueHours": "-2" }, "steps[4].dueHours"],
  ["a time of day that isn't one", { "steps[5].dueLocalTime": "25:99" }, "steps[5].dueLocalTime"],
])("%s gives 400 with the error at that step's field and writes nothing", async (_, change, field) => {
  const { fields } = await currentFields();
  const before = await prisma.playbookVersion.count();
  const result = await call("manager", { ...fields, ...change });
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result)[field]?.length).toBeGreaterThan(0);
  // The submitted values come back so nothing typed is lost.
  const initial = (result as { data: { result: { initialValue: { steps: Array<Record<string, string>> } } } }).data.result.initialValue;
  expect(initial.steps[0].title).toBe(fields["steps[0].title"]);
  expect(await prisma.playbookVersion.count()).toBe(before);
});

test("retiring every step is refused", async () => {
  const { playbook, fields } = await currentFields();
  const all = { ...fields };
  playbook.steps.forEach((_, i) => (all[`steps[${i}].retire`] = "on"));
  const before = await prisma.playbookVersion.count();
  const result = await call("manager", all);
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result).steps).toEqual(["Keep at least one step in the checklist."]);
  expect(await prisma.playbookVersion.count()).toBe(before);
});

test("moving a step without JavaScript sends the reordered list back, unsaved", async () => {
  const { fields } = await currentFields();
  const before = await prisma.playbookVersion.count();
  const intent = JSON.stringify({ type: "reorder", payload: { name: "steps", from: 1, to: 0 } });
  const result = await call("manager", { ...fields, __intent__: intent });
  expect(statusOf(result)).toBe(200);
  const initial = (result as { data: { result: { initialValue: { steps: Array<Record<string, string>> } } } }).data.result.initialValue;
  expect(initial.steps[0].title).toBe(fields["steps[1].title"]);
  expect(initial.steps[1].title).toBe(fields["steps[0].title"]);
  expect(await prisma.playbookVersion.count()).toBe(before);
});
