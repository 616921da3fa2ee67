import { expect, test } from "vitest";
import { getCandidateProfile, updateCandidate } from "~/models/candidates/candidate-profile.server";
import { candidateTimeline } from "~/models/timeline/timeline.server";
import { recordAudit } from "~/models/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { makeCandidate } from "../builders/candidates";
import { makeCompany } from "../builders/companies";
import { makeEmail } from "../builders/emails";
import { makeFlag } from "../builders/flags";
import { makeInterview } from "../builders/interviews";
import { makeOutcome } from "../builders/outcomes";
import { makeSecondInterviewRequest } from "../builders/second-interviews";
import { makeUser } from "../builders/users";

const HOUR = 3600_000;
const at = (iso: string) => new Date(iso);

async function auditOf(candidateId: string) {
  return prisma.auditEvent.findMany({ where: { candidateId }, orderBy: { at: "asc" } });
}

test("saving contact details audits only the fields that changed, with before and after", async () => {
  const me = await makeUser();
  const candidate = await makeCandidate({ name: "Dana Reyes", email: "dana@example.net" });
  const result = await updateCandidate(
    candidate.id,
    { name: "Dana Reyes", email: "dana.reyes@example.net", phone: "+44 20 7946 0000", linkedinUrl: null },
    { userId: me.id },
  );
  expect(result.changed.sort()).toEqual(["email", "phone"]);
  const stored = await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } });
  expect(stored).toMatchObject({ name: "Dana Reyes", email: "dana.reyes@example.net", phone: "+44 20 7946 0000" });
  const events = await auditOf(candidate.id);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ action: "candidate.updated", entityType: "Candidate", entityId: candidate.id, actorId: me.id });
  expect(JSON.parse(events[0].before!)).toEqual({ email: "dana@example.net", phone: null });
  expect(JSON.parse(events[0].after!)).toEqual({ email: "dana.reyes@example.net", phone: "+44 20 7946 0000" });
});

test("saving unchanged values writes nothing to the audit log", async () => {
  const me = await makeUser();
  const candidate = await makeCandidate({ status: "open" });
  const result = await updateCandidate(candidate.id, { name: candidate.name, email: candidate.email, status: "open" }, { userId: me.id });
  expect(result.changed).toEqual([]);
  expect(await auditOf(candidate.id)).toHaveLength(0);
});

test("refuses an email another candidate already has, at the email field, and writes nothing", async () => {
  const me = await makeUser();
  await makeCandidate({ name: "Sam Other", email: "taken@example.net" });
  const candidate = await makeCandidate({ name: "Old Name", email: "mine@example.net" });
  const attempt = updateCandidate(candidate.id, { name: "New Name", email: "taken@example.net" }, { userId: me.id });
  await expect(attempt).rejects.toBeInstanceOf(RuleViolation);
  await expect(attempt).rejects.toMatchObject({ field: "email", message: expect.stringContaining("Sam Other") });
  const stored = await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } });
  expect(stored).toMatchObject({ name: "Old Name", email: "mine@example.net" });
  expect(await auditOf(candidate.id)).toHaveLength(0);
});

test("a status change is one candidate.updated event holding only the status", async () => {
  const me = await makeUser();
  const candidate = await makeCandidate({ status: "recovering" });
  await updateCandidate(candidate.id, { status: "hired" }, { userId: me.id });
  const [event] = await auditOf(candidate.id);
  expect(event.action).toBe("candidate.updated");
  expect(JSON.parse(event.before!)).toEqual({ status: "recovering" });
  expect(JSON.parse(event.after!)).toEqual({ status: "hired" });
});

test("reassigning moves upcoming and open-flag interviews to the new owner and audits both owners", async () => {
  const riley = await makeUser({ name: "Riley Stone" });
  const casey = await makeUser({ name: "Casey Brook", role: "manager" });
  const candidate = await makeCandidate({ recruiterId: riley.id });
  const past = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(Date.now() - 30 * 24 * HOUR) });
  const flagged = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(Date.now() - 5 * HOUR) });
  await makeFlag(flagged.id, { flaggedAt: new Date(Date.now() - 4 * HOUR) });
  const upcoming = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(Date.now() + 48 * HOUR) });

  await updateCandidate(candidate.id, { recruiterId: casey.id }, { userId: riley.id });

  const owners = Object.fromEntries(
    (await prisma.interview.findMany({ where: { candidateId: candidate.id } })).map((i) => [i.id, i.recruiterId]),
  );
  expect(owners).toEqual({ [past.id]: riley.id, [flagged.id]: casey.id, [upcoming.id]: casey.id });
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).recruiterId).toBe(casey.id);
  const events = await auditOf(candidate.id);
  expect(events.map((e) => e.action)).toEqual(["candidate.reassigned"]);
  expect(JSON.parse(events[0].before!)).toEqual({ recruiterId: riley.id, recruiterName: "Riley Stone" });
  expect(JSON.parse(events[0].after!)).toMatchObject({ recruiterId: casey.id, recruiterName: "Casey Brook", interviewsMoved: 2 });
});

test("refuses to give a candidate to a deactivated user", async () => {
  const riley = await makeUser();
  const gone = await makeUser({ active: false });
  const candidate = await makeCandidate({ recruiterId: riley.id });
  await expect(updateCandidate(candidate.id, { recruiterId: gone.id }, { userId: riley.id })).rejects.toMatchObject({
    field: "recruiterId",
  });
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).recruiterId).toBe(riley.id);
  expect(await auditOf(candidate.id)).toHaveLength(0);
});

test("the profile is null for an unknown candidate", async () => {
  expect(await getCandidateProfile("no-such-candidate")).toBeNull();
});

test("the timeline merges every fact table newest first, in plain words, with who did it", async () => {
  const riley = await makeUser({ name: "Riley Stone" });
  const candidate = await makeCandidate({ recruiterId: riley.id });
  await prisma.candidate.update({ where: { id: candidate.id }, data: { createdAt: at("2026-10-01T09:00:00Z") } });
  const acme = await makeCompany({ name: "Acme Logistics" });
  const interview = await makeInterview({
    candidateId: candidate.id,
    companyId: acme.id,
    scheduledAt: at("2026-10-05T10:00:00Z"),
    impression: "went_badly",
  });
  await makeFlag(interview.id, {
    flaggedAt: at("2026-10-05T12:00:00Z"),
    reasons: ["late", "blanked"],
    severity: "serious",
    description: "Train cancelled.",
    closedAt: at("2026-10-09T09:00:00Z"),
    closedById: riley.id,
  });
  await makeSecondInterviewRequest(interview.id, {
    requestedAt: at("2026-10-06T09:00:00Z"),
    response: "granted",
    respondedAt: at("2026-10-08T09:00:00Z"),
  });
  await makeEmail(candidate.id, { subject: "After your interview", createdAt: at("2026-10-05T13:00:00Z"), sentAt: at("2026-10-05T13:01:00Z"), sentById: riley.id });
  await makeOutcome(candidate.id, { interviewId: interview.id, companyId: acme.id, decidedAt: at("2026-10-20T09:00:00Z"), recordedById: riley.id });

  const timeline = await candidateTimeline(candidate.id, { now: at("2026-11-01T00:00:00Z") });
  expect(timeline.map((e) => [e.at.toISOString(), e.summary, e.actor ?? null])).toEqual([
    ["2026-10-20T09:00:00.000Z", "Outcome: Hired at Acme Logistics", "Riley Stone"],
    ["2026-10-09T09:00:00.000Z", "Recovery closed: resolved by hand", "Riley Stone"],
    ["2026-10-08T09:00:00.000Z", "Second interview granted by Acme Logistics", "Riley Stone"],
    ["2026-10-06T09:00:00.000Z", "Second interview requested from Acme Logistics (by the candidate, phone, inside the 24-hour window)", "Riley Stone"],
    ["2026-10-05T13:01:00.000Z", "Email sent: “After your interview”", "Riley Stone"],
    [
      "2026-10-05T12:00:00.000Z",
      "Flagged as gone badly: Arrived late or transport trouble, Blanked on a question (serious)",
      "Riley Stone",
    ],
    ["2026-10-05T10:00:00.000Z", "Interview with Acme Logistics for Data Analyst (first round, in person): went badly", null],
    ["2026-10-01T09:00:00.000Z", "Added as a candidate", null],
  ]);
  const flagged = timeline.find((e) => e.summary.startsWith("Flagged"))!;
  expect(flagged).toMatchObject({ detail: "Train cancelled.", href: `/interviews/${interview.id}`, linkLabel: "Interview with Acme Logistics" });
});

test("audit events show once: fact-less ones as entries, fact-backed ones only to name the actor", async () => {
  const riley = await makeUser({ name: "Riley Stone" });
  const casey = await makeUser({ name: "Casey Brook" });
  const candidate = await makeCandidate({ recruiterId: riley.id, status: "open" });
  const interview = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(Date.now() - 10 * HOUR) });
  const flag = await makeFlag(interview.id, { flaggedAt: new Date(Date.now() - 9 * HOUR), flaggedById: riley.id, reasons: ["nerves"] });
  const flagAfter = { interviewId: interview.id, reasons: ["nerves", "other"], severity: "critical", source: "client_feedback", otherReason: "Took a call" };
  await prisma.$transaction(async (tx) => {
    // The app's own writes: logged and flagged by Casey (the fact row says Riley raised it; the audit knows better).
    const logged = { companyName: "Acme", roleTitle: "Data Analyst", round: "first", scheduledAt: interview.scheduledAt.toISOString(), impression: "went_badly" };
    const raised = { ...flagAfter, reasons: ["nerves"], severity: "serious" };
    await recordAudit(tx, { actor: { userId: casey.id }, action: "interview.logged", entityId: interview.id, candidateId: candidate.id, after: logged });
    await recordAudit(tx, { actor: { userId: casey.id }, action: "flag.raised", entityId: flag.id, candidateId: candidate.id, after: raised });
    await recordAudit(tx, { actor: { userId: casey.id }, action: "flag.edited", entityId: flag.id, candidateId: candidate.id, before: raised, after: flagAfter });
    // Resolved, then reopened: the row no longer holds the resolution, so the audit event shows it.
    await recordAudit(tx, { actor: { userId: riley.id }, action: "flag.resolved", entityId: flag.id, candidateId: candidate.id, after: flagAfter });
    await recordAudit(tx, { actor: { userId: riley.id }, action: "flag.reopened", entityId: flag.id, candidateId: candidate.id, after: flagAfter });
  });
  await updateCandidate(candidate.id, { status: "recovering" }, { userId: riley.id });
  await updateCandidate(candidate.id, { recruiterId: casey.id }, { userId: riley.id });

  const timeline = await candidateTimeline(candidate.id);
  const summaries = timeline.map((e) => e.summary);
  expect(summaries.filter((s) => s.startsWith("Flagged as gone badly"))).toEqual([
    "Flagged as gone badly: Nerves, rambling or over-long answers (serious)",
  ]);
  expect(timeline.find((e) => e.summary.startsWith("Flagged"))!.actor).toBe("Casey Brook");
  expect(summaries).toContain("Flag edited, now: Nerves, rambling or over-long answers, Other: Took a call (critical)");
  expect(summaries.filter((s) => s === "Flag resolved")).toHaveLength(1);
  expect(summaries.filter((s) => s === "Flag reopened")).toHaveLength(1);
  expect(summaries).toContain("Interview logged with Acme for Data Analyst");
  expect(summaries).toContain("Status changed from Open to Recovering");
  expect(summaries).toContain("Reassigned from Riley Stone to Casey Brook");
  expect(timeline.find((e) => e.summary.startsWith("Reassigned"))!.actor).toBe("Riley Stone");
  expect(new Set(timeline.map((e) => e.key)).size).toBe(timeline.length);
  // Newest first throughout.
  const times = timeline.map((e) => e.at.getTime());
  expect(times).toEqual([...times].sort((a, b) => b - a));
});

test("the timeline is bounded to the newest entries", async () => {
  const riley = await makeUser();
  const candidate = await makeCandidate({ recruiterId: riley.id });
  await prisma.candidate.update({ where: { id: candidate.id }, data: { createdAt: at("2026-09-01T09:00:00Z") } });
  for (let day = 1; day <= 5; day++) {
    await makeInterview({ candidateId: candidate.id, scheduledAt: at(`2026-10-0${day}T10:00:00Z`) });
  }
  const timeline = await candidateTimeline(candidate.id, { limit: 3, now: at("2026-11-01T00:00:00Z") });
  expect(timeline.map((e) => e.at.toISOString())).toEqual([
    "2026-10-05T10:00:00.000Z",
    "2026-10-04T10:00:00.000Z",
    "2026-10-03T10:00:00.000Z",
  ]);
});
