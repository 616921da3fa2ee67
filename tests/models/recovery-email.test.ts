import { expect, test } from "vitest";
import {
  mergeValuesForInterview,
  previewRecoveryEmail,
  sendBulkRecoveryEmail,
  sendRecoveryEmail,
} from "~/models/email/recovery-email.server";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { makeCandidate } from "../builders/candidates";
import { closeRecovery, makeFlag } from "../builders/flags";
import { makeInterview } from "../builders/interviews";
import { makeEmailableInterview, outboxFor } from "../emails/helpers";

// Sends must be eligible now (app/models/email/eligibility.server.ts): interviews that ended a few hours ago.
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

/** Closes the interview's recovery as not hired yesterday, so "Keep going" applies to it. */
async function closeAsRejected(interviewId: string) {
  const flag = await prisma.interviewFlag.findFirstOrThrow({ where: { interviewId } });
  await closeRecovery(flag.id, { closedReason: "rejected", closedAt: hoursAgo(24) });
}

const key = (n = 1) => `test-key-${String(n).padStart(8, "0")}`;

async function setZone(timeZone: string) {
  await prisma.agency.upsert({ where: { id: 1 }, create: { id: 1, timeZone, name: "Northbridge Staffing" }, update: { timeZone, name: "Northbridge Staffing" } });
}

test("merge values come from the interview, its flag and the sender, with the date in the agency's zone", async () => {
  await setZone("Pacific/Auckland");
  const { recruiter, interview, company } = await makeEmailableInterview({
    candidateName: "Priya  Raman",
    reasons: ["nerves", "late"],
    scheduledAt: new Date("2026-11-20T20:00:00Z"),
  });
  const merged = await mergeValuesForInterview(interview.id, { userId: recruiter.id });
  expect(merged?.values).toMatchObject({
    agencyName: "Northbridge Staffing",
    candidateFirstName: "Priya",
    companyName: company.name,
    roleTitle: "Data Analyst",
    interviewDate: "21 Nov 2026",
    recruiter: { name: "Sam Okafor", email: recruiter.email },
    reasons: ["late", "nerves"],
    coachingLink: { pending: true },
  });
  // The token is minted by the worker at delivery; until then the link says it is redacted.
  expect(merged?.values.unsubscribeUrl).toBe("http://localhost:3000/unsubscribe/REDACTED-UNSUBSCRIBE-TOKEN");
});

test("the overdue-steps reminder lists only the candidate's own steps that are past due", async () => {
  await setZone("UTC");
  const { recruiter, interview } = await makeEmailableInterview({ scheduledAt: new Date("2026-01-10T10:00:00Z") });
  const merged = await mergeValuesForInterview(interview.id, { userId: recruiter.id }, {}, new Date("2026-01-11T23:00:00Z"));
  const titles = merged!.values.overdueSteps!.map((s) => s.title);
  const candidateSteps = await prisma.checklistStepState.findMany({
    where: { run: { interviewId: interview.id }, status: "pending", dueAt: { lte: new Date("2026-01-11T23:00:00Z") }, step: { owner: "candidate" } },
    include: { step: true },
  });
  expect(titles.length).toBeGreaterThan(0);
  expect(titles.sort()).toEqual(candidateSteps.map((s) => s.step.title).sort());
  expect(titles).not.toContain("Check in with the candidate today");
});

test("sending queues exactly one outbox row with the rendered email, its links redacted until delivery", async () => {
  const { recruiter, candidate, interview } = await makeEmailableInterview({ scheduledAt: hoursAgo(3) });
  const sent = await sendRecoveryEmail(
    { interviewId: interview.id, template: "thank_you_note", personalNote: "Chin up, Priya.", idempotencyKey: key() },
    { userId: recruiter.id },
  );
  expect(sent.duplicate).toBe(false);
  const rows = await outboxFor(candidate.id);
  expect(rows).toHaveLength(1);
  const [row] = rows;
  expect(row).toMatchObject({
    id: sent.emailId,
    template: "thank_you_note",
    toAddress: candidate.email,
    interviewId: interview.id,
    personalNote: "Chin up, Priya.",
  });
  expect(row.subject).toContain("Your thank-you note to Acme Logistics");
  expect(row.text).toContain("Chin up, Priya.");
  expect(row.text).toContain("Hi Priya,");
  // No token at rest: the body holds placeholders and the worker mints the links for this run when it delivers.
  for (const body of [row.text, row.html]) {
    expect(body).toContain("http://localhost:3000/coach/REDACTED-COACHING-TOKEN");
    expect(body).toContain("http://localhost:3000/unsubscribe/REDACTED-UNSUBSCRIBE-TOKEN");
    expect(body).not.toMatch(/\/coach\/(?!REDACTED)[A-Za-z0-9_-]{20,}/);
  }
  const run = await prisma.checklistRun.findFirstOrThrow({ where: { interviewId: interview.id } });
  expect(row.coachingRunId).toBe(run.id);
  expect(await prisma.coachingLink.count({ where: { runId: run.id } })).toBe(0);
  expect(row.html).not.toContain("…");
  const audit = await prisma.auditEvent.findMany({ where: { candidateId: candidate.id, action: "email.queued" } });
  expect(audit).toHaveLength(1);
});

test("the same idempotency key twice (a double click) queues one email", async () => {
  const { recruiter, candidate, interview } = await makeEmailableInterview({ scheduledAt: hoursAgo(3) });
  const input = { interviewId: interview.id, template: "rough_day", idempotencyKey: key(2) };
  const [a, b] = await Promise.all([
    sendRecoveryEmail(input, { userId: recruiter.id }),
    sendRecoveryEmail(input, { userId: recruiter.id }),
  ]);
  const again = await sendRecoveryEmail(input, { userId: recruiter.id });
  expect(await outboxFor(candidate.id)).toHaveLength(1);
  expect(new Set([a.emailId, b.emailId, again.emailId]).size).toBe(1);
  expect(again.duplicate).toBe(true);
});

test("refuses to email a candidate who unsubscribed, and writes nothing", async () => {
  const { recruiter, candidate, interview } = await makeEmailableInterview({ optedOut: true });
  const attempt = sendRecoveryEmail({ interviewId: interview.id, template: "rough_day", idempotencyKey: key(3) }, { userId: recruiter.id });
  await expect(attempt).rejects.toThrow(/unsubscribed/);
  expect(await outboxFor(candidate.id)).toHaveLength(0);
  expect(await prisma.coachingLink.count({ where: { run: { interviewId: interview.id } } })).toBe(0);
  const preview = await previewRecoveryEmail(interview.id, "rough_day", { userId: recruiter.id });
  expect(preview?.blockedReason).toMatch(/^Priya Raman unsubscribed from our emails on 21 Nov 2026/);
});

test("refuses an unknown template, and writes nothing", async () => {
  const { recruiter, candidate, interview } = await makeEmailableInterview();
  const attempt = sendRecoveryEmail({ interviewId: interview.id, template: "spam", idempotencyKey: key(4) }, { userId: recruiter.id });
  await expect(attempt).rejects.toBeInstanceOf(RuleViolation);
  expect(await outboxFor(candidate.id)).toHaveLength(0);
});

test("an interview without a checklist gets no coaching button", async () => {
  const { recruiter, candidate, interview } = await makeEmailableInterview({ flagged: false });
  // A recovery without a checklist (flagged before checklists existed), closed as not hired: "Keep going" applies.
  const flag = await makeFlag(interview.id);
  await closeRecovery(flag.id, { closedReason: "rejected", closedAt: hoursAgo(24) });
  await sendRecoveryEmail({ interviewId: interview.id, template: "keep_going", idempotencyKey: key(5) }, { userId: recruiter.id });
  const [row] = await outboxFor(candidate.id);
  expect(row.text).not.toContain("/coach/");
  expect(row.text).not.toContain("What to work on");
});

test("bulk send reports each recipient: queued, skipped for opting out, skipped for having no interview", async () => {
  const sender = await makeEmailableInterview({ candidateName: "Ana Ready" });
  await closeAsRejected(sender.interview.id);
  const optedOut = await makeEmailableInterview({ candidateName: "Olu Optedout", optedOut: true, recruiterId: sender.recruiter.id });
  const noInterview = await makeCandidate({ name: "Nia Nointerview", recruiterId: sender.recruiter.id });
  const results = await sendBulkRecoveryEmail(
    { candidateIds: [sender.candidate.id, optedOut.candidate.id, noInterview.id], template: "keep_going", idempotencyKey: key(6) },
    { userId: sender.recruiter.id },
  );
  expect(results.map((r) => [r.name, r.outcome])).toEqual([
    ["Ana Ready", expect.stringMatching(/^(queued|captured)$/)],
    ["Olu Optedout", "opted_out"],
    ["Nia Nointerview", "no_interview"],
  ]);
  expect(await outboxFor(sender.candidate.id)).toHaveLength(1);
  expect(await outboxFor(optedOut.candidate.id)).toHaveLength(0);

  const again = await sendBulkRecoveryEmail(
    { candidateIds: [sender.candidate.id], template: "keep_going", idempotencyKey: key(6) },
    { userId: sender.recruiter.id },
  );
  expect(again[0].outcome).toBe("already_sent");
  expect(await outboxFor(sender.candidate.id)).toHaveLength(1);
});

test("bulk send writes about the most recent flagged interview, not a later unflagged one", async () => {
  const { recruiter, candidate, interview: flagged } = await makeEmailableInterview({ scheduledAt: hoursAgo(30) });
  await makeInterview({ candidateId: candidate.id, scheduledAt: hoursAgo(5) });
  await sendBulkRecoveryEmail({ candidateIds: [candidate.id], template: "rough_day", idempotencyKey: key(7) }, { userId: recruiter.id });
  const [row] = await outboxFor(candidate.id);
  expect(row.interviewId).toBe(flagged.id);
});

test("bulk send refuses selections that no longer exist", async () => {
  const { recruiter, candidate } = await makeEmailableInterview();
  const attempt = sendBulkRecoveryEmail(
    { candidateIds: [candidate.id, "gone-candidate"], template: "rough_day", idempotencyKey: key(8) },
    { userId: recruiter.id },
  );
  await expect(attempt).rejects.toThrow(/no longer exist/);
  expect(await outboxFor(candidate.id)).toHaveLength(0);
});
