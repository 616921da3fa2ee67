import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { candidateTimeline } from "~/models/timeline/timeline.server";
import {
  createCoachingLink,
  findCoachingRun,
  getCoachingPanel,
  markCandidateStepDone,
  revokeCoachingLink,
  saveReflection,
} from "~/models/recovery/coaching.server";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { makeRun } from "../builders/coaching";

const emptyReflection = { wentWell: null, wentWrong: null, questions: null, doDifferently: null };

async function runWithLink(overrides: Parameters<typeof makeRun>[0] = {}) {
  const made = await makeRun(overrides);
  const link = await createCoachingLink(made.run.id, { userId: made.recruiter.id });
  return { ...made, link, token: link.token };
}

describe("coaching links", () => {
  test("a link's token is 32 random bytes in base64url, and only its SHA-256 hash is stored", async () => {
    const { run, recruiter } = await makeRun();
    const first = await createCoachingLink(run.id, { userId: recruiter.id });
    const second = await createCoachingLink(run.id, { userId: recruiter.id });
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(first.token, "base64url")).toHaveLength(32);
    expect(second.token).not.toBe(first.token);

    const rows = await prisma.coachingLink.findMany({ where: { runId: run.id } });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(first.token);
    expect(rows.map((r) => r.tokenHash)).toContain(createHash("sha256").update(first.token).digest("hex"));
    const audits = JSON.stringify(await prisma.auditEvent.findMany({ where: { action: "coaching.link_created" } }));
    expect(audits).not.toContain(first.token);
  });

  test("a link expires 30 days after it is made and its creation is audited on the candidate's timeline", async () => {
    const { run, recruiter, candidate } = await makeRun();
    const now = new Date("2026-11-24T10:00:00Z");
    const link = await createCoachingLink(run.id, { userId: recruiter.id }, undefined, now);
    expect(link.expiresAt.toISOString()).toBe("2026-12-24T10:00:00.000Z");
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "coaching.link_created", entityId: link.linkId } });
    expect(audit).toMatchObject({ actorId: recruiter.id, candidateId: candidate.id });
  });

  test("creating a new link revokes the previous one", async () => {
    const { run, recruiter, token: oldToken } = await runWithLink();
    const fresh = await createCoachingLink(run.id, { userId: recruiter.id });
    expect(fresh.replacedPrevious).toBe(true);
    expect(await findCoachingRun(oldToken)).toBeNull();
    expect(await findCoachingRun(fresh.token)).not.toBeNull();
    const active = await prisma.coachingLink.count({ where: { runId: run.id, revokedAt: null } });
    expect(active).toBe(1);
  });

  test("a replaced link shows on the candidate's timeline as revoked, not only the new link as created", async () => {
    const { run, recruiter, candidate, link } = await runWithLink();
    const fresh = await createCoachingLink(run.id, { userId: recruiter.id });
    const revoked = await prisma.auditEvent.findFirstOrThrow({ where: { action: "coaching.link_revoked", entityId: link.linkId } });
    expect(revoked).toMatchObject({ actorId: recruiter.id, candidateId: candidate.id });
    expect(JSON.parse(revoked.after!)).toMatchObject({ replacedBy: fresh.linkId, runId: run.id });
    const summaries = (await candidateTimeline(candidate.id)).map((e) => e.summary);
    expect(summaries).toContain("Link to the candidate's coaching page revoked (replaced by a new link)");
    expect(summaries).toContain("Link to the candidate's coaching page created");
  });

  test("a cancelled checklist can't get a link", async () => {
    const { run, recruiter } = await makeRun({ status: "cancelled" });
    await expect(createCoachingLink(run.id, { userId: recruiter.id })).rejects.toBeInstanceOf(RuleViolation);
    expect(await prisma.coachingLink.count({ where: { runId: run.id } })).toBe(0);
  });

  test("a link can only be made or revoked from its own interview's page", async () => {
    const { run, recruiter, link } = await runWithLink();
    const other = await makeRun();
    await expect(
      createCoachingLink(run.id, { userId: recruiter.id }, { interviewId: other.interview.id }),
    ).rejects.toBeInstanceOf(RuleViolation);
    await expect(
      revokeCoachingLink(link.linkId, { userId: recruiter.id }, { interviewId: other.interview.id }),
    ).rejects.toBeInstanceOf(RuleViolation);
    expect((await prisma.coachingLink.findUniqueOrThrow({ where: { id: link.linkId } })).revokedAt).toBeNull();
  });

  test("revoking a link stops it working and is audited once", async () => {
    const { recruiter, link, token, candidate } = await runWithLink();
    await revokeCoachingLink(link.linkId, { userId: recruiter.id });
    await revokeCoachingLink(link.linkId, { userId: recruiter.id });
    expect(await findCoachingRun(token)).toBeNull();
    const audits = await prisma.auditEvent.findMany({ where: { action: "coaching.link_revoked", entityId: link.linkId } });
    expect(audits).toHaveLength(1);
    expect(audits[0].candidateId).toBe(candidate.id);
  });
});

describe("finding the candidate's page by token", () => {
  test("wrong, expired, revoked and cancelled all give the same null", async () => {
    const valid = await runWithLink();
    expect(await findCoachingRun(valid.token)).not.toBeNull();

    const expired = await runWithLink();
    const afterExpiry = new Date(expired.link.expiresAt.getTime() + 1000);
    const revoked = await runWithLink();
    await revokeCoachingLink(revoked.link.linkId, { userId: revoked.recruiter.id });
    const cancelled = await runWithLink();
    await prisma.checklistRun.update({ where: { id: cancelled.run.id }, data: { status: "cancelled" } });

    const results = [
      await findCoachingRun(valid.token.slice(0, -2) + "xx"),
      await findCoachingRun("not a token"),
      await findCoachingRun(""),
      await findCoachingRun("a".repeat(10_000)),
      await findCoachingRun(expired.token, afterExpiry),
      await findCoachingRun(revoked.token),
      await findCoachingRun(cancelled.token),
    ];
    expect(results).toEqual(results.map(() => null));
  });

  test("the page holds only the candidate's own steps, with no notes", async () => {
    const { token, recruiter } = await runWithLink({ candidateName: "Priya  Raman-Shah" });
    const page = await findCoachingRun(token);
    expect(page).toMatchObject({ firstName: "Priya", roleTitle: "Data Analyst" });
    expect(page!.steps.map((s) => s.title)).toEqual(["Rest before you call anyone", "Phone the hiring manager"]);
    const json = JSON.stringify(page);
    expect(json).not.toContain("RECRUITER-NOTE");
    expect(json).not.toContain("STEP-NOTE");
    expect(json).not.toContain("Check in with the candidate");
    expect(json).not.toContain("FLAG-DESCRIPTION");
    expect(json).not.toContain("critical");
    // The candidate's own recruiter is their contact on purpose ("Your recruiter: …"); no other staff address shows.
    expect(page!.recruiter).toEqual({ name: recruiter.name, email: recruiter.email, phone: null });
    expect(json.replaceAll(recruiter.email, "")).not.toContain("@agency.example");
  });
});

describe("the candidate ticking steps", () => {
  test("a candidate marks their own step done, audited with the label candidate", async () => {
    const { token, states, candidate } = await runWithLink();
    const stepId = states["Rest before you call anyone"].id;
    expect(await markCandidateStepDone(token, stepId)).toEqual({ changed: true });
    const state = await prisma.checklistStepState.findUniqueOrThrow({ where: { id: stepId } });
    expect(state).toMatchObject({ status: "done", completedByCandidate: true, completedById: null });
    expect(state.completedAt).toBeInstanceOf(Date);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "coaching.step_done_by_candidate" } });
    expect(audit).toMatchObject({ actorId: null, actorLabel: "candidate", candidateId: candidate.id, entityId: stepId });
    expect(await markCandidateStepDone(token, stepId)).toEqual({ changed: false });
    expect(await prisma.auditEvent.count({ where: { action: "coaching.step_done_by_candidate" } })).toBe(1);
  });

  test("a recruiter's step or another run's step is refused and stays pending", async () => {
    const { token, states } = await runWithLink();
    const other = await runWithLink();
    const recruiterStep = states["Check in with the candidate"].id;
    const othersStep = other.states["Rest before you call anyone"].id;
    await expect(markCandidateStepDone(token, recruiterStep)).rejects.toBeInstanceOf(RuleViolation);
    await expect(markCandidateStepDone(token, othersStep)).rejects.toBeInstanceOf(RuleViolation);
    const untouched = await prisma.checklistStepState.findMany({ where: { id: { in: [recruiterStep, othersStep] } } });
    expect(untouched.map((s) => s.status)).toEqual(["pending", "pending"]);
  });

  test("a revoked link can't tick anything", async () => {
    const { token, states, link, recruiter } = await runWithLink();
    await revokeCoachingLink(link.linkId, { userId: recruiter.id });
    const stepId = states["Rest before you call anyone"].id;
    expect(await markCandidateStepDone(token, stepId)).toBeNull();
    expect((await prisma.checklistStepState.findUniqueOrThrow({ where: { id: stepId } })).status).toBe("pending");
  });

  test("ticking the last pending step completes the run", async () => {
    const { token, states, run } = await runWithLink({
      steps: [
        { title: "Recruiter call", owner: "recruiter", status: "done" },
        { title: "Thank-you note", owner: "candidate", status: "skipped" },
        { title: "Honest review", owner: "candidate" },
      ],
    });
    await markCandidateStepDone(token, states["Honest review"].id);
    const after = await prisma.checklistRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(after.status).toBe("completed");
    expect(after.completedAt).toBeInstanceOf(Date);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "checklist.completed", entityId: run.id } });
    expect(audit.actorLabel).toBe("candidate");
  });

  test("the run stays active while a recruiter step is still pending", async () => {
    const { token, states, run } = await runWithLink({
      steps: [
        { title: "Recruiter call", owner: "recruiter" },
        { title: "Honest review", owner: "candidate" },
      ],
    });
    await markCandidateStepDone(token, states["Honest review"].id);
    expect((await prisma.checklistRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("active");
  });
});

describe("the reflection worksheet", () => {
  test("saving stores the answers and audits with the label candidate; an unchanged save writes nothing", async () => {
    const { token, run, candidate } = await runWithLink();
    const now = new Date("2026-11-24T14:32:00Z");
    const answers = { ...emptyReflection, wentWell: "I knew the numbers.", questions: "Why did you leave?" };
    expect(await saveReflection(token, answers, now)).toEqual({ savedAt: now, changed: true });
    const saved = await prisma.checklistRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(saved).toMatchObject({
      reflectionWentWell: "I knew the numbers.",
      reflectionQuestions: "Why did you leave?",
      reflectionWentWrong: null,
      reflectionUpdatedAt: now,
    });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "coaching.reflection_saved" } });
    expect(audit).toMatchObject({ actorLabel: "candidate", actorId: null, candidateId: candidate.id });
    expect(JSON.parse(audit.after!).changedFields).toEqual(["wentWell", "questions"]);

    await saveReflection(token, answers, new Date("2026-11-24T14:40:00Z"));
    expect(await prisma.auditEvent.count({ where: { action: "coaching.reflection_saved" } })).toBe(1);
  });

  test("an expired link saves nothing", async () => {
    const { token, run, link } = await runWithLink();
    const later = new Date(link.expiresAt.getTime() + 60_000);
    expect(await saveReflection(token, { ...emptyReflection, wentWell: "late" }, later)).toBeNull();
    expect((await prisma.checklistRun.findUniqueOrThrow({ where: { id: run.id } })).reflectionWentWell).toBeNull();
  });
});

describe("the recruiter's coaching panel", () => {
  test("shows no run before the interview is flagged", async () => {
    expect(await getCoachingPanel("no-such-interview")).toEqual({
      run: null,
      link: null,
      lastOpenedAt: null,
      reflection: null,
      reflectionUpdatedAt: null,
    });
  });

  test("tells no link, active, revoked and expired apart, and carries the reflection", async () => {
    const { run, interview, recruiter } = await makeRun();
    expect((await getCoachingPanel(interview.id)).link).toBeNull();
    const link = await createCoachingLink(run.id, { userId: recruiter.id });
    const panel = await getCoachingPanel(interview.id);
    expect(panel.run).toEqual({ id: run.id, status: "active" });
    expect(panel.link).toMatchObject({ id: link.linkId, status: "active" });
    expect(JSON.stringify(panel)).not.toContain(link.token);
    expect((await getCoachingPanel(interview.id, new Date(link.expiresAt.getTime() + 1))).link?.status).toBe("expired");
    await saveReflection(link.token, { ...emptyReflection, wentWrong: "I rambled." });
    await revokeCoachingLink(link.linkId, { userId: recruiter.id });
    const revoked = await getCoachingPanel(interview.id);
    expect(revoked.link?.status).toBe("revoked");
    expect(revoked.reflection?.wentWrong).toBe("I rambled.");
    expect(revoked.reflectionUpdatedAt).toBeInstanceOf(Date);
  });

  test("says when the candidate last opened their page, with any of the run's links, and an invalid link records nothing", async () => {
    const { run, interview, recruiter, token } = await runWithLink();
    expect((await getCoachingPanel(interview.id)).lastOpenedAt).toBeNull();
    const monday = new Date("2026-11-30T09:15:00Z");
    expect(await findCoachingRun(token, monday)).not.toBeNull();
    expect((await getCoachingPanel(interview.id)).lastOpenedAt?.toISOString()).toBe(monday.toISOString());
    // The page reloads its data after each autosave: within a minute that is the same visit, not another write.
    await findCoachingRun(token, new Date(monday.getTime() + 30_000));
    expect((await getCoachingPanel(interview.id)).lastOpenedAt?.toISOString()).toBe(monday.toISOString());

    // A newer link (the old one stops working): its opening is the latest, and the old token records nothing.
    const fresh = await createCoachingLink(run.id, { userId: recruiter.id });
    const tuesday = new Date("2026-12-01T18:40:00Z");
    expect(await findCoachingRun(token, tuesday)).toBeNull();
    expect((await getCoachingPanel(interview.id)).lastOpenedAt?.toISOString()).toBe(monday.toISOString());
    await findCoachingRun(fresh.token, tuesday);
    expect((await getCoachingPanel(interview.id)).lastOpenedAt?.toISOString()).toBe(tuesday.toISOString());
  });
});
