// Retention with a fake clock: the preview lists exactly the candidates past the limit (none of the exempt), the
// daily job anonymises exactly those as "erase" does, strips email bodies past their own limit, records the run,
// schedules the next one, and a second run does nothing more.
import { beforeAll, describe, expect, test } from "vitest";
import { ensureRetentionJob } from "~/models/jobs/jobs.server";
import { jobKeys } from "~/models/jobs/kinds";
import { runDueJobs } from "~/models/jobs/worker.server";
import { erasedName } from "~/models/privacy/erase.server";
import { exemptFromRetention, liftRetentionExemption, retentionPreview, runRetention } from "~/models/privacy/retention.server";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { makeEmail } from "../builders/emails";
import { makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";

const now = new Date("2026-11-30T12:00:00Z");
const at = (iso: string) => new Date(iso);

async function candidate(name: string, createdAt: string, lastInterview?: string) {
  const made = await makeCandidate({ name, recruiterId: recruiterId });
  if (lastInterview) await makeInterview({ candidateId: made.id, scheduledAt: at(lastInterview) });
  await prisma.candidate.update({ where: { id: made.id }, data: { createdAt: at(createdAt) } });
  return made;
}

let recruiterId: string;
let managerId: string;
const people: Record<string, { id: string }> = {};
const emails: Record<string, { id: string }> = {};

beforeAll(async () => {
  await prisma.agency.upsert({
    where: { id: 1 },
    create: { id: 1, timeZone: "Europe/London", retainCandidatesMonths: 24, retainEmailBodiesMonths: 12 },
    update: { timeZone: "Europe/London", retainCandidatesMonths: 24, retainEmailBodiesMonths: 12 },
  });
  recruiterId = (await makeUser()).id;
  managerId = (await makeUser({ role: "manager" })).id;
  // The limit is 30 Nov 2024, 12:00 (24 months before "now").
  people.old = await candidate("Olga Old", "2024-03-01T09:00:00Z", "2024-06-01T10:00:00Z");
  people.justPast = await candidate("Jules Justpast", "2024-11-30T11:59:00Z");
  people.justInside = await candidate("Ivy Inside", "2024-11-30T12:01:00Z");
  people.recentInterview = await candidate("Rex Recent", "2024-01-01T09:00:00Z", "2025-12-01T10:00:00Z");
  people.futureInterview = await candidate("Fay Future", "2024-01-01T09:00:00Z", "2027-01-10T10:00:00Z");
  people.recentActivity = await candidate("Ada Active", "2024-01-01T09:00:00Z", "2024-02-01T10:00:00Z");
  await prisma.auditEvent.create({
    data: { at: at("2025-06-01T10:00:00Z"), actorId: recruiterId, action: "candidate.updated", entityType: "Candidate", entityId: people.recentActivity.id, candidateId: people.recentActivity.id, after: JSON.stringify({ status: "open" }) },
  });
  people.exempt = await candidate("Eve Exempt", "2023-01-01T09:00:00Z");
  await exemptFromRetention(people.exempt.id, "Open tribunal claim", { userId: managerId }, at("2023-06-01T00:00:00Z"));

  // Bodies: the limit is 30 Nov 2025, 12:00.
  emails.oldSent = await makeEmail(people.recentInterview.id, { createdAt: at("2025-10-01T10:00:00Z"), subject: "Old but kept subject" });
  emails.recentSent = await makeEmail(people.recentInterview.id, { createdAt: at("2026-01-01T10:00:00Z") });
  emails.oldQueued = await makeEmail(people.recentInterview.id, { createdAt: at("2025-10-01T10:00:00Z"), status: "queued", sentAt: null });
});

describe("retention", () => {
  test("the preview lists exactly the candidates past the limit, none of the exempt, and the bodies to strip", async () => {
    const preview = await retentionPreview(now);
    expect(preview.cutoffs.candidates).toEqual(at("2024-11-30T12:00:00Z"));
    expect(preview.candidates.map((c) => c.name).sort()).toEqual(["Jules Justpast", "Olga Old"]);
    expect(preview.count).toBe(2);
    expect(preview.emailBodies).toBe(1);
    expect(preview.exempt.map((c) => [c.name, c.retentionExemptReason])).toEqual([["Eve Exempt", "Open tribunal claim"]]);
  });

  test("the daily job anonymises exactly those, strips old bodies, records the run and schedules the next", async () => {
    // A server with no retention job plans the first run a day on, so managers see its list before it acts.
    await ensureRetentionJob(new Date(now.getTime() - 24 * 3600_000));
    expect((await prisma.job.findUniqueOrThrow({ where: { key: jobKeys.retention() } })).runAt).toEqual(now);
    await runDueJobs({ now: () => new Date(now.getTime() - 3600_000) });
    expect(await prisma.candidate.count({ where: { erasedAt: { not: null } } })).toBe(0);
    await runDueJobs({ now: () => now });
    const rows = await prisma.candidate.findMany({ where: { id: { in: Object.values(people).map((p) => p.id) } }, select: { id: true, name: true, erasedAt: true } });
    const erased = rows.filter((r) => r.erasedAt).map((r) => r.id).sort();
    expect(erased).toEqual([people.old.id, people.justPast.id].sort());
    expect(rows.find((r) => r.id === people.old.id)!.name).toBe(erasedName(people.old.id));
    expect(rows.find((r) => r.id === people.exempt.id)!.name).toBe("Eve Exempt");
    const erasure = await prisma.auditEvent.findFirstOrThrow({ where: { candidateId: people.old.id, action: "candidate.erased" } });
    expect(erasure).toMatchObject({ actorLabel: "system", after: expect.stringContaining('"reason":"retention"') });

    expect(await prisma.emailMessage.findUniqueOrThrow({ where: { id: emails.oldSent.id } })).toMatchObject({ html: "", text: "", status: "sent", subject: "Old but kept subject" });
    expect(await prisma.emailMessage.findUniqueOrThrow({ where: { id: emails.recentSent.id } })).toMatchObject({ html: "<p>Hello</p>" });
    expect(await prisma.emailMessage.findUniqueOrThrow({ where: { id: emails.oldQueued.id } })).toMatchObject({ html: "<p>Hello</p>", status: "queued" });

    const runs = await prisma.retentionRun.findMany();
    expect(runs).toEqual([expect.objectContaining({ ranAt: now, candidatesErased: 2, emailBodiesStripped: 1, candidateMonths: 24, emailBodyMonths: 12 })]);
    const next = await prisma.job.findUniqueOrThrow({ where: { key: jobKeys.retention() } });
    expect(next.runAt).toEqual(new Date(now.getTime() + 24 * 3600_000));
  });

  test("a second run anonymises and strips nothing more", async () => {
    expect(await runRetention(now)).toMatchObject({ candidatesErased: 0, emailBodiesStripped: 0 });
    expect((await retentionPreview(now)).count).toBe(0);
  });

  test("lifting an exemption is audited and puts the candidate back in the next run's list", async () => {
    await liftRetentionExemption(people.exempt.id, { userId: managerId });
    // The lift is itself activity of a manager on the record, so it counts from then: a later run takes them.
    const preview = await retentionPreview(new Date("2029-01-01T00:00:00Z"));
    expect(preview.candidates.map((c) => c.name)).toContain("Eve Exempt");
    const events = await prisma.auditEvent.findMany({ where: { candidateId: people.exempt.id }, orderBy: { at: "asc" }, select: { action: true } });
    expect(events.map((e) => e.action)).toEqual(["candidate.retention_exempted", "candidate.retention_exemption_lifted"]);
  });
});
