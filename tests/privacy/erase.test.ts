// Erasing a candidate: after the erasure no table, no column and no byte of the database file holds their name, email
// or phone; the statistics read the same; queued emails and jobs about them are cancelled; the address is suppressed.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, test } from "vitest";
import { updateCandidate } from "~/models/candidates/candidate-profile.server";
import { createCandidateInTx } from "~/models/candidates/candidate.server";
import { noteStep } from "~/models/recovery/checklist.server";
import { createCoachingLink, saveReflection } from "~/models/recovery/coaching.server";
import { flagInterview } from "~/models/flags/flag.server";
import { logInterview } from "~/models/interviews/interview.server";
import { erasedName, eraseCandidate, erasePayload, ERASED } from "~/models/privacy/erase.server";
import { isEmailSuppressed } from "~/models/privacy/suppression.server";
import { recoveryStatistics } from "~/models/stats/stats.server";
import { parseAuditEvent } from "~/models/audit/events";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { makeEmail, makeUnsubscribeToken, queueTestEmail } from "../builders/emails";
import { makeOutcome } from "../builders/outcomes";
import { makeSecondInterviewRequest } from "../builders/second-interviews";
import { makeUser } from "../builders/users";

const NAME = "Zelda Quintrell";
const EMAIL = "zelda.quintrell@example.org";
const PHONE = "+44 7700 900461";
const NEEDLES = [NAME, EMAIL, PHONE, "447700900461", "Quintrell"];
const now = new Date("2026-11-25T12:00:00Z");
const range = { from: "2026-11-01", to: "2026-11-30" };

let candidateId: string;
let bystanderId: string;
let interviewId: string;
let managerId: string;
let victimIds: string[];
const liveJobsAbout = (ids: string[]) =>
  prisma.job.count({ where: { doneAt: null, cancelledAt: null, failedAt: null, OR: ids.map((id) => ({ payload: { contains: id } })) } });

/** A candidate with a bit of everything Rebound holds, made through the app's own functions where there is one. */
async function makeVictim(recruiterId: string, name: string, email: string, phone: string) {
  const logged = await logInterview(
    {
      candidate: { kind: "new", name, email, phone, linkedinUrl: `https://www.linkedin.com/in/${name.replace(" ", "-")}` },
      companyName: "Acme Logistics",
      roleTitle: "Data Analyst",
      round: "first",
      format: "video",
      scheduledAt: new Date(now.getTime() - 3 * 3600_000),
      interviewerName: "Hank Interviewer",
      impression: "went_badly",
      notes: `${name} froze on the second question`,
    },
    { userId: recruiterId },
    null,
    new Date(now.getTime() - 4 * 3600_000),
  );
  const flag = await flagInterview(
    logged.interviewId,
    { severity: "serious", source: "recruiter_observed", description: `${name} was late`, reasons: ["late", "other"], otherReason: `${name}'s train` },
    { userId: recruiterId },
    now,
  );
  const run = await prisma.checklistRun.findUniqueOrThrow({ where: { flagId: flag.id }, include: { steps: true } });
  await noteStep({ interviewId: logged.interviewId, stepStateId: run.steps[0].id }, { userId: recruiterId }, `Called ${name} on ${phone}`);
  const { token } = await createCoachingLink(run.id, { userId: recruiterId });
  await saveReflection(token, { wentWell: `I am ${name}`, wentWrong: `mail me at ${email}`, questions: null, doDifferently: null }, now);
  await queueTestEmail({ id: logged.candidateId, email }, recruiterId, { subject: `Rough day, ${name}?`, html: `<p>Hi ${name}</p>`, text: `Hi ${name}` });
  await makeEmail(logged.candidateId, { subject: `Thank-you note for ${name}` });
  await makeUnsubscribeToken(logged.candidateId);
  const request = await makeSecondInterviewRequest(logged.interviewId);
  await prisma.secondInterviewRequest.update({ where: { id: request.id }, data: { note: `${name} asked by phone` } });
  const outcome = await makeOutcome(logged.candidateId, { interviewId: logged.interviewId, outcome: "rejected", decidedAt: now });
  await prisma.candidacyOutcome.update({ where: { id: outcome.id }, data: { note: `${name} was told on ${phone}` } });
  await prisma.checkIn.updateMany({ where: { interviewId: logged.interviewId }, data: { note: `${name} says it went badly` } });
  // A change of contact details and a move to another recruiter: audit payloads and notifications that name them.
  await updateCandidate(logged.candidateId, { phone: `${phone}` }, { userId: recruiterId });
  const other = await makeUser({ name: "Otto Other" });
  await updateCandidate(logged.candidateId, { recruiterId: other.id }, { userId: recruiterId });
  await prisma.job.create({ data: { kind: "checkin.send", runAt: now, payload: JSON.stringify({ checkInId: "x" }), lastError: `Could not email ${email}` } });
  await prisma.savedView.create({ data: { ownerId: recruiterId, table: "candidates", name: `${name} view`, query: `q=${encodeURIComponent(name)}` } });
  return { ...logged, flagId: flag.id };
}

function scanDatabase(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const hits: string[] = [];
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name: table } of tables) {
      const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
      for (const { name: column } of columns) {
        for (const needle of NEEDLES) {
          const { n } = db
            .prepare(`SELECT count(*) AS n FROM "${table}" WHERE instr(lower(CAST("${column}" AS TEXT)), lower(?)) > 0`)
            .get(needle) as { n: number };
          if (n) hits.push(`${table}.${column} holds "${needle}" (${n} rows)`);
        }
      }
    }
    return hits;
  } finally {
    db.close();
  }
}

function scanFileBytes(file: string) {
  const bytes = readFileSync(file);
  return NEEDLES.flatMap((needle) =>
    [needle, needle.toLowerCase(), needle.toUpperCase()].filter((variant) => bytes.includes(Buffer.from(variant, "utf8"))).map((v) => `file holds "${v}"`),
  );
}

const databaseFile = () => process.env.DATABASE_URL!.replace(/^file:/, "");

describe("erasing a candidate", () => {
  let statsBefore: Awaited<ReturnType<typeof recoveryStatistics>>;
  let jobsBefore: number;

  beforeAll(async () => {
    const recruiter = await makeUser({ name: "Rita Recruiter" });
    managerId = (await makeUser({ name: "Morgan Reyes", role: "manager" })).id;
    const victim = await makeVictim(recruiter.id, NAME, EMAIL, PHONE);
    candidateId = victim.candidateId;
    interviewId = victim.interviewId;
    bystanderId = (await makeVictim(recruiter.id, "Bella Bystander", "bella@example.org", "+44 7700 900999")).candidateId;
    // Every text of the victim is somewhere in the file before (or the scan proves nothing).
    await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    expect(scanDatabase(databaseFile()).length).toBeGreaterThan(10);
    statsBefore = await recoveryStatistics(range, "UTC");
    const checkIn = await prisma.checkIn.findUniqueOrThrow({ where: { interviewId } });
    victimIds = [victim.flagId, checkIn.id];
    jobsBefore = await liveJobsAbout(victimIds);
    expect(jobsBefore).toBeGreaterThan(0);
    const result = await eraseCandidate(candidateId, { reason: "candidate_request" }, { userId: managerId }, now);
    expect(result.emailsCancelled).toBe(1);
    expect(result.jobsCancelled).toBe(jobsBefore);
  });

  test("no table or column of the database holds their name, email or phone, and neither do the file's bytes", async () => {
    await prisma.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
    expect(scanDatabase(databaseFile())).toEqual([]);
    expect(scanFileBytes(databaseFile())).toEqual([]);
  });

  test("the statistics read exactly as before", async () => {
    expect(await recoveryStatistics(range, "UTC")).toEqual(statsBefore);
  });

  test("the candidate row stays for the counts, named by its short id, with nothing to contact them by", async () => {
    const row = await prisma.candidate.findUniqueOrThrow({ where: { id: candidateId } });
    expect(row).toMatchObject({ name: erasedName(candidateId), phone: null, linkedinUrl: null, emailOptOut: true, erasedAt: now });
    expect(row.email).toMatch(/@erased\.invalid$/);
    expect(await prisma.interview.count({ where: { candidateId } })).toBe(1);
    expect(await prisma.interviewFlag.findFirstOrThrow({ where: { interviewId } })).toMatchObject({ severity: "serious", description: null, otherReason: null });
    expect(await prisma.coachingLink.count({ where: { run: { interviewId } } })).toBe(0);
    expect(await prisma.unsubscribeLink.count({ where: { candidateId } })).toBe(0);
  });

  test("their queued email was stopped and their jobs cancelled; nobody else's", async () => {
    const emails = await prisma.emailMessage.findMany({ where: { candidateId }, select: { status: true, subject: true, html: true } });
    expect(emails.map((e) => e.status).sort()).toEqual(["failed", "sent"]);
    expect(emails.every((e) => e.subject === ERASED && e.html === "")).toBe(true);
    expect(await liveJobsAbout(victimIds)).toBe(0);
    expect(await prisma.emailMessage.count({ where: { candidateId: bystanderId, status: "queued" } })).toBe(1);
  });

  test("another candidate's data is untouched", async () => {
    const bella = await prisma.candidate.findUniqueOrThrow({ where: { id: bystanderId } });
    expect(bella).toMatchObject({ name: "Bella Bystander", email: "bella@example.org", phone: "+44 7700 900999", erasedAt: null });
    expect(await prisma.interview.findFirstOrThrow({ where: { candidateId: bystanderId } })).toMatchObject({ notes: "Bella Bystander froze on the second question" });
  });

  test("the erasure is audited without personal data, and their events still read", async () => {
    const events = await prisma.auditEvent.findMany({ where: { candidateId }, orderBy: { at: "asc" } });
    const erased = events.find((e) => e.action === "candidate.erased")!;
    expect(erased.actorId).toBe(managerId);
    expect(JSON.parse(erased.after!)).toEqual({ reason: "candidate_request", interviews: 1, emailsCancelled: 1, jobsCancelled: jobsBefore });
    const created = parseAuditEvent(events.find((e) => e.action === "candidate.created")!);
    expect(created).toMatchObject({ action: "candidate.created", after: { name: ERASED, email: ERASED, phone: ERASED } });
    for (const event of events) expect(parseAuditEvent(event).action).not.toBe("unrecognised");
  });

  test("the address is suppressed: a new candidate with it can be added but never emailed", async () => {
    expect(await isEmailSuppressed(EMAIL.toUpperCase())).toBe(true);
    expect(await isEmailSuppressed("bella@example.org")).toBe(false);
    const recruiter = await makeUser();
    const again = await prisma.$transaction((tx) =>
      createCandidateInTx(tx, { name: "Zed Again", email: EMAIL }, { recruiterId: recruiter.id, actor: { userId: recruiter.id } }),
    );
    await expect(queueTestEmail(again, recruiter.id)).rejects.toThrow(RuleViolation);
    await expect(queueTestEmail(again, recruiter.id)).rejects.toThrow(/erased/);
  });

  test("erasing twice is refused and changes nothing", async () => {
    const count = await prisma.auditEvent.count({ where: { candidateId } });
    await expect(eraseCandidate(candidateId, { reason: "other", note: "again" }, { userId: managerId })).rejects.toThrow("already erased");
    expect(await prisma.auditEvent.count({ where: { candidateId } })).toBe(count);
  });
});

describe("erasePayload", () => {
  test("marks exactly the personal fields as erased and leaves an empty one empty", () => {
    const stored = JSON.stringify({ name: "A B", email: "a@b.c", phone: "123", linkedinUrl: null, status: "open" });
    expect(JSON.parse(erasePayload("candidate.updated", "after", stored)!)).toEqual({ name: ERASED, email: ERASED, phone: ERASED, linkedinUrl: null, status: "open" });
    const flag = JSON.stringify({ interviewId: "i", reasons: ["late"], severity: "minor", source: "recruiter_observed", description: "x" });
    expect(JSON.parse(erasePayload("flag.raised", "after", flag)!)).toEqual({ interviewId: "i", reasons: ["late"], severity: "minor", source: "recruiter_observed", description: ERASED });
    expect(JSON.parse(erasePayload("email.queued", "after", JSON.stringify({ template: "t", subject: "s", toAddress: "a", messageId: "m" }))!)).toEqual({
      template: "t",
      subject: ERASED,
      toAddress: ERASED,
      messageId: "m",
    });
  });

  test("an unknown kind keeps nothing, since nothing says which of its fields are personal", () => {
    expect(erasePayload("future.kind", "after", JSON.stringify({ name: "A B" }))).toBeNull();
  });
});
