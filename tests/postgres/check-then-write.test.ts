// Check-then-write rules under concurrency on PostgreSQL, where the pool runs transactions side by side (SQLite
// serialises its writers and hides this). Each test fires the same or clashing calls at once, on several records at a
// time so that an unsafe transaction is caught in the act, and checks both the answers (one winner, the others a
// RuleViolation with the sequential rule's message, never a 500) and what is stored. The audit is in
// docs/decisions/012-postgres.md ("Check-then-write transactions").
import { expect, test } from "vitest";
import { unsubscribe } from "~/models/email/email.server";
import { editFlag, flagInterview } from "~/models/flags/flag.server";
import { logInterview } from "~/models/interviews/interview.server";
import { tickStep } from "~/models/recovery/checklist.server";
import { createCoachingLink } from "~/models/recovery/coaching.server";
import { closeRecoveryByHand, reopenRecovery } from "~/models/recovery/lifecycle.server";
import { recordOutcome, recordRequestResponse, recordSecondInterviewRequest, scheduleSecondInterview } from "~/models/second-interviews/second-interview.server";
import { flagVersion } from "~/models/stale-edit.server";
import { saveView } from "~/models/tables/saved-views.server";
import { createUser, deactivateUser, issuePasswordSetup, setPasswordWithToken } from "~/models/users/user.server";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { makeFlaggedInterviewWithChecklist, makePlaybookVersion } from "../builders/checklists";
import { makeEmailRecipient, makeUnsubscribeToken, queueTestEmail } from "../builders/emails";
import { flagDetails, makeInterview } from "../builders/interviews";
import { makeSecondInterviewRequest } from "../builders/second-interviews";
import { makeUser, unique } from "../builders/users";

/** How many records each test races on at once: one clash can go either way, a handful shows an unsafe rule. */
const RECORDS = 4;

/** Runs the calls at once and sorts their answers; every refusal must be a RuleViolation (a 400 at a field, not a 500). */
async function race<T>(calls: (() => Promise<T>)[]) {
  const settled = await Promise.allSettled(calls.map((call) => call()));
  const refused = settled.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : []));
  for (const error of refused) expect(error, String(error)).toBeInstanceOf(RuleViolation);
  return { won: settled.filter((r) => r.status === "fulfilled").length, refused: refused.map((e) => (e as Error).message) };
}

const inParallel = <T>(make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: RECORDS }, (_, i) => make(i)));

const auditCount = (action: string, entityId: string) => prisma.auditEvent.count({ where: { action, entityId } });

async function flaggedRecovery() {
  const made = await makeFlaggedInterviewWithChecklist({ scheduledAt: new Date(Date.now() - 6 * 3600_000) });
  return { ...made, ref: { interviewId: made.interview.id, flagId: made.flag.id }, actor: { userId: made.recruiter.id } };
}

// First in the file: this database has no playbook yet.
test("the first flags ever, raised at once on several interviews: each starts its checklist on one default playbook", async () => {
  const recruiter = await makeUser();
  const interviews = await inParallel(() => makeInterview({ recruiterId: recruiter.id, scheduledAt: new Date(Date.now() - 6 * 3600_000) }));
  const { won } = await race(interviews.map((i) => () => flagInterview(i.id, flagDetails(), { userId: recruiter.id })));
  expect(won).toBe(RECORDS);
  expect(await prisma.playbookVersion.count()).toBe(1);
  expect(await prisma.checklistRun.count({ where: { interviewId: { in: interviews.map((i) => i.id) } } })).toBe(RECORDS);
});

test("closing one recovery twice at once: one closes it, the other is told it is already closed", async () => {
  await inParallel(async () => {
    const { ref, actor } = await flaggedRecovery();
    const { won, refused } = await race([1, 2].map(() => () => closeRecoveryByHand(ref, { reason: "withdrew" }, actor)));
    expect(won).toBe(1);
    expect(refused).toEqual(["This recovery is already closed. Reload the page."]);
    expect(await auditCount("recovery.closed", ref.flagId)).toBe(1);
  });
});

test("reopening one recovery twice at once: one reopens it, the other is told it is already open", async () => {
  await inParallel(async () => {
    const { ref, actor } = await flaggedRecovery();
    await closeRecoveryByHand(ref, { reason: "withdrew" }, actor);
    const { won, refused } = await race([1, 2].map(() => () => reopenRecovery(ref, actor)));
    expect(won).toBe(1);
    expect(refused).toEqual(["This recovery is already open."]);
    expect(await auditCount("recovery.reopened", ref.flagId)).toBe(1);
  });
});

test("ticking the last two steps at once completes the checklist exactly once", async () => {
  await makePlaybookVersion([
    { title: "Call the candidate", owner: "recruiter" },
    { title: "Send the coaching notes", owner: "recruiter" },
  ]);
  await inParallel(async () => {
    const { run, ref, recruiter } = await makeFlaggedInterviewWithChecklist({ scheduledAt: new Date(Date.now() - 6 * 3600_000) });
    const { won } = await race([0, 1].map((i) => () => tickStep(ref(i), { userId: recruiter.id })));
    expect(won).toBe(2);
    expect(await prisma.checklistRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "completed" });
    expect(await auditCount("checklist.completed", run.id)).toBe(1);
  });
});

test("ticking one step twice at once: one ticks it, the other is told it is already done", async () => {
  await inParallel(async () => {
    const { run, ref, recruiter } = await makeFlaggedInterviewWithChecklist({ scheduledAt: new Date(Date.now() - 6 * 3600_000) });
    const { won, refused } = await race([1, 2].map(() => () => tickStep(ref(0), { userId: recruiter.id })));
    expect(won).toBe(1);
    expect(refused).toEqual(["This step is already done. Undo it first to change it."]);
    expect(await auditCount("checklist.step_done", run.steps[0].id)).toBe(1);
  });
});

test("two edits of one flag from the same version: one saves, the other is told someone changed it", async () => {
  await inParallel(async () => {
    const { ref, actor, flag } = await flaggedRecovery();
    const saved = await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id }, include: { reasons: true } });
    const baseVersion = flagVersion({ ...saved, reasons: saved.reasons.map((r) => r.reason) });
    const edit = (severity: string) => () => editFlag(ref, { ...flagDetails(), severity, baseVersion }, actor);
    const { won, refused } = await race([edit("minor"), edit("critical")]);
    expect(won).toBe(1);
    expect(refused).toHaveLength(1);
    expect(await auditCount("flag.edited", flag.id)).toBe(1);
  });
});

test("two second-interview requests at once move the recovery to 'requested' once", async () => {
  await inParallel(async () => {
    const { ref, actor, interview } = await flaggedRecovery();
    const input = { requestedAt: new Date(Date.now() - 3600_000), requestedBy: "candidate" as const, channel: "phone" as const };
    const { won } = await race([1, 2].map(() => () => recordSecondInterviewRequest(interview.id, input, actor)));
    expect(won).toBe(2);
    expect(await prisma.interviewFlag.findUniqueOrThrow({ where: { id: ref.flagId } })).toMatchObject({ recoveryState: "requested" });
    expect(await auditCount("recovery.moved", ref.flagId)).toBe(1);
  });
});

test("scheduling the second interview while the answer changes to 'declined': never a second interview from a declined request", async () => {
  await inParallel(async () => {
    const { actor, interview } = await flaggedRecovery();
    const request = await makeSecondInterviewRequest(interview.id, { requestedAt: new Date(Date.now() - 3 * 3600_000), response: "granted", respondedAt: new Date(Date.now() - 2 * 3600_000) });
    const ref = { interviewId: interview.id, requestId: request.id };
    const { won, refused } = await race<unknown>([
      () => scheduleSecondInterview(ref, { scheduledAt: new Date(Date.now() + 48 * 3600_000), format: "video" }, actor),
      () => recordRequestResponse(ref, { response: "declined", respondedAt: new Date(Date.now() - 3600_000) }, actor),
    ]);
    expect(won).toBe(1);
    expect([
      ["The second interview is already scheduled from this request, so its answer stays granted."],
      ["Record that the second interview was granted before scheduling it."],
    ]).toContainEqual(refused);
    const stored = await prisma.secondInterviewRequest.findUniqueOrThrow({ where: { id: request.id }, include: { secondInterview: true } });
    expect(stored.secondInterview ? stored.response : "granted").toBe("granted");
  });
});

test("'hired' and 'rejected' recorded at once: the candidate ends up hired and the recovery is closed once", async () => {
  await inParallel(async () => {
    const { ref, actor, interview } = await flaggedRecovery();
    const decidedAt = new Date(Date.now() - 60_000);
    const outcome = (outcome: "hired" | "rejected") => () =>
      recordOutcome({ interviewId: interview.id, outcome, decidedAt, ...(outcome === "hired" ? { startDate: new Date("2027-01-04T00:00:00Z") } : {}) }, actor);
    const { won } = await race([outcome("hired"), outcome("rejected")]);
    expect(won).toBe(2);
    expect(await prisma.candidate.findUniqueOrThrow({ where: { id: interview.candidateId } })).toMatchObject({ status: "hired" });
    expect(await auditCount("recovery.closed", ref.flagId)).toBe(1);
  });
});

test("'hired' and 'rejected' recorded at once for a candidate with no recovery: the candidate ends up hired", async () => {
  await inParallel(async () => {
    const recruiter = await makeUser();
    const interview = await makeInterview({ recruiterId: recruiter.id, scheduledAt: new Date(Date.now() - 48 * 3600_000) });
    const decidedAt = new Date(Date.now() - 60_000);
    const outcome = (outcome: "hired" | "rejected") => () =>
      recordOutcome({ interviewId: interview.id, outcome, decidedAt, ...(outcome === "hired" ? { startDate: new Date("2027-01-04T00:00:00Z") } : {}) }, { userId: recruiter.id });
    // "hired" first: on unlocked code "rejected" read the status before the hire and wrote "closed" after it.
    const { won } = await race([outcome("hired"), outcome("rejected")]);
    expect(won).toBe(2);
    expect(await prisma.candidate.findUniqueOrThrow({ where: { id: interview.candidateId } })).toMatchObject({ status: "hired" });
  });
});

test("two managers deactivating each other at once: one stays, the other is told the agency needs a manager", async () => {
  // One pair at a time: the rule counts every active manager, so the pairs can't race side by side.
  for (let i = 0; i < RECORDS; i++) {
    await prisma.user.updateMany({ where: { role: "manager" }, data: { active: false } });
    const [a, b] = await Promise.all([makeUser({ role: "manager" }), makeUser({ role: "manager" })]);
    const { won, refused } = await race([() => deactivateUser(b.id, { userId: a.id }), () => deactivateUser(a.id, { userId: b.id })]);
    expect(won).toBe(1);
    expect(refused).toEqual(["The agency needs at least one active manager."]);
    expect(await prisma.user.count({ where: { role: "manager", active: true } })).toBe(1);
  }
});

test("two new users with one email at once: one is created, the other gets the duplicate message at the email", async () => {
  await inParallel(async () => {
    const email = `same-${unique()}@example.com`;
    const manager = await makeUser({ role: "manager" });
    const settled = await Promise.allSettled(
      [1, 2].map((n) => createUser({ name: `New ${n}`, email, role: "recruiter" }, { userId: manager.id })),
    );
    expect(settled.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [refusal] = settled.flatMap((r) => (r.status === "rejected" ? [r.reason as RuleViolation] : []));
    expect(refusal).toBeInstanceOf(RuleViolation);
    expect(refusal).toMatchObject({ message: "A user with this email already exists.", field: "email" });
  });
});

test("one set-password link redeemed twice at once: it works once", async () => {
  await inParallel(async () => {
    const user = await makeUser({ password: null });
    const token = await prisma.$transaction((tx) => issuePasswordSetup(tx, user.id));
    const { won, refused } = await race([1, 2].map(() => () => setPasswordWithToken(token, "a long new password 1")));
    expect(won).toBe(1);
    expect(refused).toHaveLength(1);
    expect(await prisma.auditEvent.count({ where: { action: "user.password_set", entityId: user.id } })).toBe(1);
  });
});

const logged = (candidate: { name: string; email: string }, companyName: string) => ({
  candidate: { kind: "new" as const, ...candidate },
  companyName,
  roleTitle: "Analyst",
  round: "first",
  format: "video",
  scheduledAt: new Date("2026-11-20T10:00:00Z"),
  impression: "unknown",
  checkIn: false,
});

test("the same new candidate logged twice at once: one is created, the other is offered the existing candidate", async () => {
  await inParallel(async () => {
    const recruiter = await makeUser();
    const candidate = { name: "Ada Race", email: `ada-${unique()}@example.com` };
    const { won, refused } = await race([1, 2].map(() => () => logInterview(logged(candidate, `Acme ${unique()}`), { userId: recruiter.id })));
    expect(won).toBe(1);
    expect(refused).toEqual(["Ada Race already has this email address."]);
    expect(await prisma.candidate.count({ where: { email: candidate.email } })).toBe(1);
  });
});

test("two interviews at a new company logged at once: both are saved, with one company", async () => {
  await inParallel(async () => {
    const recruiter = await makeUser();
    const company = `Globex ${unique()}`;
    const { won } = await race(
      [1, 2].map((n) => () => logInterview(logged({ name: `Bo ${n}`, email: `bo-${n}-${unique()}@example.com` }, company), { userId: recruiter.id })),
    );
    expect(won).toBe(2);
    expect(await prisma.interview.count({ where: { company: { name: company } } })).toBe(2);
  });
});

test("the same view name saved twice at once: one is saved, the other is told the name is taken", async () => {
  await inParallel(async () => {
    const user = await makeUser();
    const settled = await Promise.allSettled(
      [1, 2].map(() => saveView(user.id, "candidates", { name: "Hot leads", query: "", shared: false })),
    );
    expect(settled.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [refusal] = settled.flatMap((r) => (r.status === "rejected" ? [r.reason as RuleViolation] : []));
    expect(refusal).toBeInstanceOf(RuleViolation);
    expect(refusal).toMatchObject({ message: "You already have a view with this name. Choose another.", field: "name" });
  });
});

test("an unsubscribe clicked twice at once is recorded once", async () => {
  await inParallel(async () => {
    const { candidate } = await makeEmailRecipient();
    const token = await makeUnsubscribeToken(candidate.id);
    const answers = await Promise.all([1, 2].map(() => unsubscribe(token)));
    expect(answers.map((a) => a?.already).sort()).toEqual([false, true]);
    expect(await auditCount("candidate.unsubscribed", candidate.id)).toBe(1);
  });
});

test("an email queued while the candidate unsubscribes never stays queued for someone who opted out", async () => {
  await inParallel(async () => {
    const { recruiter, candidate } = await makeEmailRecipient();
    const token = await makeUnsubscribeToken(candidate.id);
    await race<unknown>([() => queueTestEmail(candidate, recruiter.id), () => unsubscribe(token)]);
    expect(await prisma.emailMessage.count({ where: { candidateId: candidate.id, status: "queued" } })).toBe(0);
  });
});

test("two 'Create a new link' at once leave one working coaching link", async () => {
  await inParallel(async () => {
    const { run, recruiter, interview } = await makeFlaggedInterviewWithChecklist({ scheduledAt: new Date(Date.now() - 6 * 3600_000) });
    await createCoachingLink(run.id, { userId: recruiter.id }, { interviewId: interview.id });
    const { won } = await race([1, 2].map(() => () => createCoachingLink(run.id, { userId: recruiter.id }, { interviewId: interview.id })));
    expect(won).toBe(2);
    expect(await prisma.coachingLink.count({ where: { runId: run.id, revokedAt: null } })).toBe(1);
  });
});
