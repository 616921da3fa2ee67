// Email eligibility through the pages and the server check: the send page says which templates apply and why not,
// a hand-made send that breaks a rule is a 400 with the reason and queues nothing (single and bulk), the bulk
// confirmation lists who gets it and who is skipped, and an email is always about its recovery's own interview.
import { expect, test } from "vitest";
import { interviewEnd } from "~/models/recovery/rules";
import { planBulkRecoveryEmail, sendBulkRecoveryEmail } from "~/models/email/recovery-email.server";
import { action as candidatesAction } from "~/routes/candidates._index";
import { action, loader } from "~/routes/interviews.$interviewId_.email";
import { prisma } from "~/utils/db.server";
import { closeRecovery, makeFlag } from "../builders/flags";
import { fieldErrorsOf, makeInterview, signedIn, statusOf } from "../builders/interviews";
import { makeCandidate } from "../builders/candidates";
import { makeEmailableInterview, outboxFor } from "../emails/helpers";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR);
let n = 0;
const key = () => `0f2b7c1e-elig-${String(++n).padStart(4, "0")}-${Date.now().toString(36)}`;

async function pageFor(session: Awaited<ReturnType<typeof signedIn>>, interviewId: string, search = "") {
  const path = `/interviews/${interviewId}/email`;
  return {
    load: () => loader({ request: session.get(path + search), params: { interviewId }, context: {} }),
    act: (fields: Record<string, string>) => action({ request: session.post(path, fields), params: { interviewId }, context: {} }),
  };
}

const bulk = (session: Awaited<ReturnType<typeof signedIn>>, fields: Record<string, string | string[]>) =>
  candidatesAction({ request: session.post("/candidates", fields), params: {}, context: {} });

test("the send page lists every template with whether it applies and, if not, why; the first that applies is chosen", async () => {
  const session = await signedIn();
  // Ended 5 days ago: a rough day still applies, the thank-you note no longer does.
  const { interview } = await makeEmailableInterview({ recruiterId: session.user.id, scheduledAt: hoursAgo(5 * 24 + 1) });
  const page = await (await pageFor(session, interview.id, "?template=thank_you_note")).load();
  const byName = Object.fromEntries(page.templates.map((t) => [t.template, t]));
  expect(byName.rough_day).toMatchObject({ applies: true, reason: null });
  expect(byName.thank_you_note).toMatchObject({ applies: false, reason: expect.stringContaining("more than 3 days ago") });
  expect(byName.ask_second_interview.applies).toBe(true);
  expect(byName.second_interview_prep).toMatchObject({ applies: false, reason: "No second interview has been granted." });
  expect(byName.keep_going).toMatchObject({ applies: false, reason: expect.stringContaining("still under way") });
  expect(byName.overdue_steps.applies).toBe(true);
  // The requested template doesn't apply, so the page opens on the first one that does.
  expect(page.template).toBe("rough_day");
});

test("an unflagged interview has no recovery: no template applies, and a hand-made send is a 400 saying so", async () => {
  const session = await signedIn();
  const { interview, candidate } = await makeEmailableInterview({ recruiterId: session.user.id, flagged: false, scheduledAt: hoursAgo(3) });
  const { load, act } = await pageFor(session, interview.id);
  const page = await load();
  expect(page.templates.every((t) => !t.applies && t.reason?.includes("isn't flagged"))).toBe(true);
  const result = await act({ intent: "send", template: "rough_day", idempotencyKey: key() });
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result).template?.[0]).toMatch(/doesn't apply here: This interview isn't flagged/);
  expect(await outboxFor(candidate.id)).toHaveLength(0);
  expect(await prisma.auditEvent.count({ where: { candidateId: candidate.id, action: "email.queued" } })).toBe(0);
});

test("a hand-made single send of a template that doesn't apply is a 400 with the reason, and nothing is queued", async () => {
  const session = await signedIn();
  const { interview, candidate } = await makeEmailableInterview({ recruiterId: session.user.id, scheduledAt: hoursAgo(4 * 24) });
  const { act } = await pageFor(session, interview.id);
  const refused = await act({ intent: "send", template: "thank_you_note", idempotencyKey: key() });
  expect(statusOf(refused)).toBe(400);
  expect(fieldErrorsOf(refused).template?.[0]).toMatch(/^"Thank-you and apology note" doesn't apply here: The interview ended on .*, more than 3 days ago/);
  expect(await outboxFor(candidate.id)).toHaveLength(0);
  // The same page, a template that applies: sent.
  expect(statusOf(await act({ intent: "send", template: "rough_day", idempotencyKey: key() }))).toBe(302);
  expect(await outboxFor(candidate.id)).toHaveLength(1);
});

test("a hand-made bulk send with one candidate the template doesn't apply to is a 400 naming them, and nothing is queued", async () => {
  const session = await signedIn();
  const ready = await makeEmailableInterview({ candidateName: "Ana Ready", recruiterId: session.user.id, scheduledAt: hoursAgo(3) });
  // The case from the issue: one interview, it went well, months ago, never flagged.
  const wentWell = await makeCandidate({ name: "Wes Wentwell", recruiterId: session.user.id });
  await makeInterview({ candidateId: wentWell.id, impression: "went_well", scheduledAt: hoursAgo(150 * 24) });
  const result = await bulk(session, {
    intent: "send-email",
    candidateIds: [ready.candidate.id, wentWell.id],
    template: "rough_day",
    idempotencyKey: key(),
  });
  expect(statusOf(result)).toBe(400);
  expect(JSON.stringify(result)).toContain("Wes Wentwell (None of their interviews is flagged");
  expect(await prisma.emailMessage.count({ where: { candidateId: { in: [ready.candidate.id, wentWell.id] } } })).toBe(0);
});

test("the bulk confirmation lists who will receive it with the interview it is about, and who is skipped and why", async () => {
  const session = await signedIn();
  const ready = await makeEmailableInterview({ candidateName: "Ana Ready", recruiterId: session.user.id, scheduledAt: hoursAgo(3) });
  const old = await makeEmailableInterview({ candidateName: "Ola Old", recruiterId: session.user.id, scheduledAt: hoursAgo(10 * 24) });
  const optedOut = await makeEmailableInterview({ candidateName: "Olu Optedout", optedOut: true, recruiterId: session.user.id, scheduledAt: hoursAgo(3) });
  const result = (await bulk(session, {
    intent: "review-email",
    candidateIds: [ready.candidate.id, old.candidate.id, optedOut.candidate.id],
    template: "rough_day",
  })) as { emailPlan: Awaited<ReturnType<typeof planBulkRecoveryEmail>> & { idempotencyKey: string } };
  expect(result.emailPlan.recipients).toEqual([
    {
      candidateId: ready.candidate.id,
      name: "Ana Ready",
      email: ready.candidate.email,
      interview: { id: ready.interview.id, companyName: ready.company.name, roleTitle: "Data Analyst", scheduledAt: ready.interview.scheduledAt },
    },
  ]);
  expect(result.emailPlan.skipped).toEqual([
    { candidateId: old.candidate.id, name: "Ola Old", reason: expect.stringContaining("more than 7 days ago") },
    { candidateId: optedOut.candidate.id, name: "Olu Optedout", reason: expect.stringContaining("unsubscribed from our emails") },
  ]);
  expect(result.emailPlan.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  // Reviewing sends nothing.
  expect(await outboxFor(ready.candidate.id)).toHaveLength(0);
});

test("the email is about the recovery's own interview: each template picks the candidate's newest recovery it applies to", async () => {
  const { recruiter, candidate, interview: rejectedAt } = await makeEmailableInterview({ scheduledAt: hoursAgo(20 * 24) });
  // That first recovery closed as rejected 5 days ago.
  const first = await prisma.interviewFlag.findFirstOrThrow({ where: { interviewId: rejectedAt.id } });
  await closeRecovery(first.id, { closedAt: hoursAgo(5 * 24), closedReason: "rejected" });
  // A newer bad interview, still open.
  const fresh = await makeInterview({ candidateId: candidate.id, scheduledAt: hoursAgo(6) });
  await makeFlag(fresh.id, { flaggedAt: interviewEnd(fresh) });
  // And the latest interview, which went well and was never flagged.
  await makeInterview({ candidateId: candidate.id, impression: "went_well", scheduledAt: hoursAgo(2) });
  const actor = { userId: recruiter.id };

  await sendBulkRecoveryEmail({ candidateIds: [candidate.id], template: "keep_going", idempotencyKey: key() }, actor);
  await sendBulkRecoveryEmail({ candidateIds: [candidate.id], template: "rough_day", idempotencyKey: key() }, actor);
  const rows = await outboxFor(candidate.id);
  expect(rows.map((r) => [r.template, r.interviewId])).toEqual([
    ["keep_going", rejectedAt.id],
    ["rough_day", fresh.id],
  ]);
  // "Ask for a second interview" applies to the open recovery only; once asked, to none.
  const plan = await planBulkRecoveryEmail({ candidateIds: [candidate.id], template: "ask_second_interview" });
  expect(plan.recipients[0].interview.id).toBe(fresh.id);
  expect(rows[1].subject).toBe("Rough day — here's what to do next");
});

test("keep going after a declined request counts 30 days from the state change", async () => {
  const { recruiter, candidate, interview } = await makeEmailableInterview({ scheduledAt: hoursAgo(40 * 24) });
  await prisma.interviewFlag.updateMany({
    where: { interviewId: interview.id },
    data: { recoveryState: "declined", stateChangedAt: new Date(Date.now() - 31 * DAY) },
  });
  const attempt = sendBulkRecoveryEmail({ candidateIds: [candidate.id], template: "keep_going", idempotencyKey: key() }, { userId: recruiter.id });
  await expect(attempt).rejects.toThrow(/Second interview declined on .*, more than 30 days ago/);
  await prisma.interviewFlag.updateMany({ where: { interviewId: interview.id }, data: { stateChangedAt: new Date(Date.now() - 29 * DAY) } });
  const [sent] = await sendBulkRecoveryEmail({ candidateIds: [candidate.id], template: "keep_going", idempotencyKey: key() }, { userId: recruiter.id });
  expect(sent.outcome).toMatch(/^(queued|captured)$/);
  expect((await outboxFor(candidate.id)).map((r) => r.interviewId)).toEqual([interview.id]);
});
