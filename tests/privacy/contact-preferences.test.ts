// "Do not contact" (set by staff) stops every email as the candidate's own unsubscribe does: queued ones at once,
// check-ins and recovery emails when they would go. Lawful basis and the privacy notice date are recorded and audited;
// recovery emails carry a privacy footer with the agency's contact.
import { beforeEach, describe, expect, test } from "vitest";
import { parseWithZod } from "@conform-to/zod";
import { sendCheckIn } from "~/models/check-in/check-in.server";
import { renderRecoveryEmail } from "~/models/email/email-templates.server";
import { sampleMergeValues } from "~/models/email/email-templates.server";
import { planBulkRecoveryEmail } from "~/models/email/recovery-email.server";
import { logInterview } from "~/models/interviews/interview.server";
import { updatePrivacyDetails } from "~/models/privacy/contact-preferences.server";
import { PrivacyDetailsSchema } from "~/models/privacy/privacy-forms";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { queueTestEmail } from "../builders/emails";
import { makeCandidate } from "../builders/candidates";
import { makeUser } from "../builders/users";
import { makeFlaggedInterviewWithChecklist } from "../builders/checklists";
import { setCandidateReminders } from "~/models/recovery/candidate-reminders.server";
import { jobKeys } from "~/models/jobs/kinds";

const none = { lawfulBasis: null, consentGivenAt: null, consentHow: null, privacyNoticeSentAt: null };
const now = new Date("2026-11-24T13:00:00Z");

beforeEach(async () => {
  await prisma.agency.upsert({ where: { id: 1 }, create: { id: 1, timeZone: "Europe/London" }, update: { timeZone: "Europe/London", privacyContact: null } });
});

describe("do not contact", () => {
  test("setting it stops the queued emails, refuses new ones and is audited; lifting it allows them again", async () => {
    const recruiter = await makeUser();
    const candidate = await makeCandidate({ recruiterId: recruiter.id, name: "Dana Reyes" });
    const queued = await queueTestEmail(candidate, recruiter.id);
    const result = await updatePrivacyDetails(candidate.id, { ...none, doNotContact: true }, { userId: recruiter.id }, now);
    expect(result).toEqual({ changed: true, queuedMessagesStopped: 1 });
    expect(await prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "failed", lastError: expect.stringMatching(/do not contact/) });
    await expect(queueTestEmail(candidate, recruiter.id)).rejects.toThrow("Dana Reyes is marked “do not contact” by staff.");
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { candidateId: candidate.id, action: "candidate.privacy_updated" } });
    expect(JSON.parse(event.before!)).toEqual({ doNotContact: false });
    expect(JSON.parse(event.after!)).toEqual({ doNotContact: true, queuedMessagesStopped: 1 });
    expect(await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).toMatchObject({ doNotContact: true, doNotContactAt: now });

    await updatePrivacyDetails(candidate.id, { ...none, doNotContact: false }, { userId: recruiter.id }, now);
    await expect(queueTestEmail(candidate, recruiter.id)).resolves.toMatchObject({ status: "queued" });
  });

  test("a planned check-in is not sent to a candidate marked do not contact", async () => {
    await prisma.agency.update({ where: { id: 1 }, data: { checkInEnabled: true, checkInAfterHours: 2 } });
    const recruiter = await makeUser();
    const logged = await logInterview(
      {
        candidate: { kind: "new", name: "Omar Haddad", email: "omar.haddad@example.net" },
        companyName: "Acme Logistics",
        roleTitle: "Data Analyst",
        round: "first",
        format: "video",
        scheduledAt: new Date("2026-11-24T10:00:00Z"),
        impression: "unknown",
      },
      { userId: recruiter.id },
      null,
      new Date("2026-11-24T11:00:00Z"),
    );
    await updatePrivacyDetails(logged.candidateId, { ...none, doNotContact: true }, { userId: recruiter.id }, now);
    const checkIn = await prisma.checkIn.findUniqueOrThrow({ where: { interviewId: logged.interviewId } });
    expect(await sendCheckIn(checkIn.id, now)).toEqual({ status: "skipped", reason: "The candidate is marked “do not contact”." });
    expect(await prisma.emailMessage.count({ where: { candidateId: logged.candidateId } })).toBe(0);
  });

  test("it cancels the candidate's step reminders, and switching reminders on is refused while it holds", async () => {
    const { interview, flag, recruiter } = await makeFlaggedInterviewWithChecklist({ scheduledAt: new Date("2026-11-24T08:00:00Z") });
    const ref = { interviewId: interview.id, flagId: flag.id };
    await setCandidateReminders(ref, true, { userId: recruiter.id }, now);
    const live = () => prisma.job.count({ where: { key: jobKeys.candidateReminder(flag.id) } });
    expect(await live()).toBe(1);
    await updatePrivacyDetails(interview.candidateId, { ...none, doNotContact: true }, { userId: recruiter.id }, now);
    expect(await live()).toBe(0);
    await setCandidateReminders(ref, false, { userId: recruiter.id }, now);
    await expect(setCandidateReminders(ref, true, { userId: recruiter.id }, now)).rejects.toThrow(/do not contact/);
  });

  test("the bulk send's confirmation skips them with the reason", async () => {
    const recruiter = await makeUser();
    const candidate = await makeCandidate({ recruiterId: recruiter.id, name: "Lee Park" });
    await updatePrivacyDetails(candidate.id, { ...none, doNotContact: true }, { userId: recruiter.id }, now);
    const plan = await planBulkRecoveryEmail({ candidateIds: [candidate.id], template: "rough_day" });
    expect(plan.recipients).toEqual([]);
    expect(plan.skipped).toEqual([{ candidateId: candidate.id, name: "Lee Park", reason: "Lee Park is marked “do not contact” by staff, so they can't be emailed." }]);
  });
});

describe("lawful basis and privacy notice", () => {
  test("consent needs when and how; the form says so at the fields", () => {
    const form = new FormData();
    form.set("intent", "update-privacy");
    form.set("lawfulBasis", "consent");
    const submission = parseWithZod(form, { schema: PrivacyDetailsSchema });
    expect(submission.status).toBe("error");
    expect(submission.reply().error).toMatchObject({ consentGivenAt: ["Say when they gave their consent."], consentHow: [expect.stringMatching(/how they gave it/)] });
  });

  test("dates are calendar days in the agency's zone, a future one is refused, and consent details go with consent", async () => {
    const recruiter = await makeUser();
    const candidate = await makeCandidate({ recruiterId: recruiter.id });
    const input = { doNotContact: false, lawfulBasis: "consent" as const, consentGivenAt: "2026-11-20", consentHow: "Registration form", privacyNoticeSentAt: "2026-11-21" };
    await updatePrivacyDetails(candidate.id, input, { userId: recruiter.id }, now);
    expect(await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).toMatchObject({
      lawfulBasis: "consent",
      // Midnight in London in November is midnight UTC.
      consentGivenAt: new Date("2026-11-20T00:00:00Z"),
      consentHow: "Registration form",
      privacyNoticeSentAt: new Date("2026-11-21T00:00:00Z"),
    });
    const future = updatePrivacyDetails(candidate.id, { ...input, privacyNoticeSentAt: "2026-12-25" }, { userId: recruiter.id }, now);
    await expect(future).rejects.toThrow(RuleViolation);
    await expect(future).rejects.toMatchObject({ field: "privacyNoticeSentAt" });
    await updatePrivacyDetails(candidate.id, { ...input, lawfulBasis: "legitimate_interest" }, { userId: recruiter.id }, now);
    expect(await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).toMatchObject({ lawfulBasis: "legitimate_interest", consentGivenAt: null, consentHow: null });
    const events = await prisma.auditEvent.findMany({ where: { candidateId: candidate.id, action: "candidate.privacy_updated" }, orderBy: { at: "asc" } });
    expect(JSON.parse(events[0].after!)).toEqual({ lawfulBasis: "consent", consentGivenAt: "2026-11-20", consentHow: "Registration form", privacyNoticeSentAt: "2026-11-21" });
    expect(events).toHaveLength(2);
  });
});

describe("the privacy footer of recovery emails", () => {
  test("names the agency's privacy contact as a link when it is an address, escaped", async () => {
    const email = await renderRecoveryEmail("rough_day", { ...sampleMergeValues("Northbridge <Staffing>"), privacyContact: "privacy@northbridge.example" });
    expect(email.html).toContain('href="mailto:privacy@northbridge.example"');
    expect(email.html).not.toContain("<Staffing>");
    expect(email.text).toMatch(/Your privacy: Northbridge <Staffing> keeps your contact details.*contact privacy@northbridge\.example/s);
  });

  test("without a contact it asks them to reply to the email", async () => {
    const email = await renderRecoveryEmail("keep_going", sampleMergeValues());
    expect(email.text).toMatch(/to have it deleted, reply to this email\./);
  });
});
