import { describe, expect, test } from "vitest";
import { recordAudit } from "~/models/audit/audit.server";
import { auditEvents, parseAuditEvent, personalFields, type AuditAction } from "~/models/audit/events";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../../builders/candidates";
import { makeUser } from "../../builders/users";

describe("the audit vocabulary", () => {
  test("the writer stores the kind's entity type and the payload as JSON", async () => {
    const user = await makeUser();
    const candidate = await makeCandidate({ recruiterId: user.id });
    await prisma.$transaction((tx) =>
      recordAudit(tx, {
        actor: { userId: user.id },
        action: "candidate.reassigned",
        entityId: candidate.id,
        candidateId: candidate.id,
        before: { recruiterId: "a", recruiterName: "Ann" },
        after: { recruiterId: "b", recruiterName: "Bo", interviewsMoved: 2 },
      }),
    );
    const row = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: candidate.id, action: "candidate.reassigned" } });
    expect(row.entityType).toBe("Candidate");
    expect(JSON.parse(row.after!)).toEqual({ recruiterId: "b", recruiterName: "Bo", interviewsMoved: 2 });
    expect(parseAuditEvent(row)).toEqual({
      action: "candidate.reassigned",
      before: { recruiterId: "a", recruiterName: "Ann" },
      after: { recruiterId: "b", recruiterName: "Bo", interviewsMoved: 2 },
    });
  });

  test("reading never throws: unknown kinds, broken JSON and payloads that no longer fit come back unrecognised", () => {
    const unrecognised = (action: string) => ({ action: "unrecognised", storedAction: action, before: null, after: null });
    expect(parseAuditEvent({ action: "something.unknown", before: null, after: "{}" })).toEqual(unrecognised("something.unknown"));
    expect(parseAuditEvent({ action: "flag.raised", before: null, after: "{not json" })).toEqual(unrecognised("flag.raised"));
    expect(parseAuditEvent({ action: "flag.raised", before: null, after: JSON.stringify({ reasons: "late" }) })).toEqual(
      unrecognised("flag.raised"),
    );
    expect(parseAuditEvent({ action: "user.password_set", before: null, after: null })).toEqual({
      action: "user.password_set",
      before: null,
      after: null,
    });
  });

  test("personal data is marked: names, emails, phones and free text, not codes, ids or dates", () => {
    expect(personalFields("candidate.created").after.sort()).toEqual(["email", "linkedinUrl", "name", "phone"]);
    expect(personalFields("flag.raised").after.sort()).toEqual(["description", "otherReason"]);
    expect(personalFields("checklist.step_noted")).toEqual({ before: ["note"], after: ["note"] });
    expect(personalFields("email.queued").after.sort()).toEqual(["subject", "toAddress"]);
    expect(personalFields("outcome.recorded")).toEqual({ before: [], after: [] });
    // Which recruiter a candidate moved between is the agency's fact, not the candidate's personal data.
    expect(personalFields("candidate.reassigned")).toEqual({ before: [], after: [] });
  });

  test("every kind names an entity type", () => {
    for (const action of Object.keys(auditEvents) as AuditAction[]) {
      expect(auditEvents[action].entityType, action).toMatch(/^[A-Z][A-Za-z]+$/);
    }
  });
});
