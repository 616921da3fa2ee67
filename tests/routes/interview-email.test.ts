import { expect, test } from "vitest";
import { loader as templatesLoader } from "~/routes/emails.templates";
import { action, loader } from "~/routes/interviews.$interviewId_.email";
import { action as candidatesAction } from "~/routes/candidates._index";
import { prisma } from "~/utils/db.server";
import { closeRecovery } from "../builders/flags";
import { fieldErrorsOf, signedIn, statusOf } from "../builders/interviews";
import { makeEmailableInterview, outboxFor } from "../emails/helpers";

async function setup(overrides: Parameters<typeof makeEmailableInterview>[0] = {}) {
  const session = await signedIn();
  // An interview that ended a few hours ago, so every send here is eligible (app/models/email/eligibility.server.ts).
  const made = await makeEmailableInterview({ recruiterId: session.user.id, scheduledAt: new Date(Date.now() - 3 * 3600_000), ...overrides });
  const path = `/interviews/${made.interview.id}/email`;
  const params = { interviewId: made.interview.id };
  const load = (search = "") => loader({ request: session.get(path + search), params, context: {} });
  const act = (fields: Record<string, string | string[]>) => action({ request: session.post(path, fields), params, context: {} });
  return { session, ...made, path, load, act };
}

test("the page previews the chosen template with this candidate's real values", async () => {
  const { load, company } = await setup();
  const page = await load("?template=ask_second_interview");
  expect(page.template).toBe("ask_second_interview");
  expect(page.rendered.subject).toBe(`Asking for a second interview at ${company.name}`);
  expect(page.rendered.text).toContain("Hi Priya,");
  expect(page.rendered.text).toContain("a personal link is created when you send");
  expect(page.blockedReason).toBeNull();
  expect(page.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  expect((await load("?template=nonsense")).template).toBe("rough_day");
});

test("'Update preview' re-renders with the personal note and queues nothing", async () => {
  const { act, candidate } = await setup();
  const result = (await act({ intent: "preview", template: "rough_day", personalNote: "Call me after 5, <b>Priya</b>." })) as {
    preview: { rendered: { html: string; text: string } };
  };
  expect(result.preview.rendered.text).toContain("Call me after 5, <b>Priya</b>.");
  expect(result.preview.rendered.html).toContain("Call me after 5, &lt;b&gt;Priya&lt;/b&gt;.");
  expect(await outboxFor(candidate.id)).toHaveLength(0);
});

test("sending queues one email and redirects to the interview with a toast; a double submit sends once", async () => {
  const { act, candidate, interview } = await setup();
  const fields = { intent: "send", template: "rough_day", personalNote: "", idempotencyKey: "0f2b7c1e-aaaa-bbbb-cccc-123456789abc" };
  const first = (await act(fields)) as Response;
  expect(first.status).toBe(302);
  expect(first.headers.get("Location")).toBe(`/interviews/${interview.id}`);
  expect(first.headers.get("Set-Cookie")).toMatch(/^rebound_flash=/);
  expect(statusOf(await act(fields))).toBe(302);
  const rows = await outboxFor(candidate.id);
  expect(rows).toHaveLength(1);
  expect(rows[0].personalNote).toBeNull();
});

test("a candidate who unsubscribed: the page says why and the server refuses to send", async () => {
  const { load, act, candidate } = await setup({ optedOut: true });
  expect((await load()).blockedReason).toMatch(/unsubscribed/);
  const result = await act({ intent: "send", template: "rough_day", idempotencyKey: "0f2b7c1e-aaaa-bbbb-cccc-000000000001" });
  expect(statusOf(result)).toBe(400);
  expect(JSON.stringify(result)).toContain("unsubscribed from our emails");
  expect(await outboxFor(candidate.id)).toHaveLength(0);
});

test.each([
  ["an unknown template", { template: "free_money" }, "template"],
  ["a note over 2,000 characters", { personalNote: "x".repeat(2001) }, "personalNote"],
  ["a missing idempotency key", { idempotencyKey: "" }, "idempotencyKey"],
])("%s is a 400 at the field and sends nothing", async (_, overrides, field) => {
  const { act, candidate } = await setup();
  const result = await act({ intent: "send", template: "rough_day", idempotencyKey: "0f2b7c1e-aaaa-bbbb-cccc-000000000002", ...overrides });
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result)[field]?.length).toBeGreaterThan(0);
  expect(await outboxFor(candidate.id)).toHaveLength(0);
});

test("an unknown interview is a 404 for the page and its action", async () => {
  const session = await signedIn();
  const params = { interviewId: "no-such-interview" };
  const thrown = await loader({ request: session.get("/interviews/no-such-interview/email"), params, context: {} }).catch((e) => e);
  expect((thrown as Response).status).toBe(404);
  const thrownByAction = await action({
    request: session.post("/interviews/no-such-interview/email", { intent: "send", template: "rough_day" }),
    params,
    context: {},
  }).catch((e) => e);
  expect((thrownByAction as Response).status).toBe(404);
});

test("/emails/templates shows every template to managers and is 403 for recruiters", async () => {
  const recruiter = await signedIn("recruiter");
  const refused = await templatesLoader({ request: recruiter.get("/emails/templates"), params: {}, context: {} }).catch((e) => e);
  expect((refused as Response).status).toBe(403);
  const manager = await signedIn("manager");
  const page = await templatesLoader({ request: manager.get("/emails/templates"), params: {}, context: {} });
  expect(page.templates.map((t) => t.name)).toEqual([
    "rough_day",
    "thank_you_note",
    "ask_second_interview",
    "second_interview_prep",
    "keep_going",
    "overdue_steps",
  ]);
  for (const t of page.templates) {
    expect(t.html).toContain("Priya");
    expect(t.text).not.toMatch(/undefined|\bnull\b/);
  }
});

test("the candidates bulk action sends one template and lists what happened to each recipient", async () => {
  const { session, candidate, interview } = await setup({ candidateName: "Ana Ready" });
  // Closed as not hired yesterday, so "Keep going" applies to Ana.
  const flag = await prisma.interviewFlag.findFirstOrThrow({ where: { interviewId: interview.id } });
  await closeRecovery(flag.id, { closedReason: "rejected", closedAt: new Date(Date.now() - 24 * 3600_000) });
  const optedOut = await makeEmailableInterview({ candidateName: "Olu Optedout", optedOut: true, recruiterId: session.user.id });
  const result = (await candidatesAction({
    request: session.post("/candidates", {
      intent: "send-email",
      candidateIds: [candidate.id, optedOut.candidate.id],
      template: "keep_going",
      idempotencyKey: "0f2b7c1e-aaaa-bbbb-cccc-000000000003",
    }),
    params: {},
    context: {},
  })) as { emailResults: { name: string; outcome: string }[] };
  expect(result.emailResults.map((r) => r.outcome)).toEqual([expect.stringMatching(/^(queued|captured)$/), "opted_out"]);
  expect(await prisma.emailMessage.count({ where: { candidateId: { in: [candidate.id, optedOut.candidate.id] } } })).toBe(1);
});

test("the bulk action refuses more than 100 candidates and an unknown template", async () => {
  const { session } = await setup();
  const send = (fields: Record<string, string | string[]>) =>
    candidatesAction({ request: session.post("/candidates", { intent: "send-email", idempotencyKey: "0f2b7c1e-aaaa-bbbb-cccc-000000000004", ...fields }), params: {}, context: {} });
  const tooMany = await send({ candidateIds: Array.from({ length: 101 }, (_, i) => `c${i}`), template: "rough_day" });
  expect(statusOf(tooMany)).toBe(400);
  expect(JSON.stringify(tooMany)).toContain("at most 100");
  expect(statusOf(await send({ candidateIds: ["c1"], template: "nope" }))).toBe(400);
});
