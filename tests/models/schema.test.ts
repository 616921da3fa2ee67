import { describe, expect, test } from "vitest";
import { recoveryWindowClosesAt } from "~/models/recovery/rules";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";

describe("the data model", () => {
  test("a candidate's email is unique", async () => {
    await makeCandidate({ email: "once@example.net" });
    await expect(makeCandidate({ email: "once@example.net" })).rejects.toThrow();
    expect(await prisma.candidate.count({ where: { email: "once@example.net" } })).toBe(1);
  });

  test("deleting a candidate removes their interviews, flags and flag reasons, but keeps the audit log", async () => {
    const recruiter = await makeUser();
    const interview = await makeInterview({ recruiterId: recruiter.id });
    const flag = await prisma.interviewFlag.create({
      data: {
        interviewId: interview.id,
        flaggedById: recruiter.id,
        recruiterId: recruiter.id,
        severity: "minor",
        source: "client_feedback",
        windowClosesAt: recoveryWindowClosesAt(interview),
        reasons: { create: [{ reason: "late" }, { reason: "blanked" }] },
      },
    });
    const audit = await prisma.auditEvent.create({
      data: { actorId: recruiter.id, action: "flag.created", entityType: "InterviewFlag", entityId: flag.id, candidateId: interview.candidateId },
    });
    await prisma.candidate.delete({ where: { id: interview.candidateId } });
    expect(await prisma.interview.count({ where: { id: interview.id } })).toBe(0);
    expect(await prisma.interviewFlag.count({ where: { id: flag.id } })).toBe(0);
    expect(await prisma.flagReason.count({ where: { flagId: flag.id } })).toBe(0);
    expect((await prisma.auditEvent.findUniqueOrThrow({ where: { id: audit.id } })).candidateId).toBeNull();
  });

  test("a flag can't list the same reason twice", async () => {
    const recruiter = await makeUser();
    const interview = await makeInterview({ recruiterId: recruiter.id });
    await expect(
      prisma.interviewFlag.create({
        data: {
          interviewId: interview.id,
          flaggedById: recruiter.id,
          recruiterId: recruiter.id,
          severity: "minor",
          source: "client_feedback",
          windowClosesAt: recoveryWindowClosesAt(interview),
          reasons: { create: [{ reason: "late" }, { reason: "late" }] },
        },
      }),
    ).rejects.toThrow();
    expect(await prisma.interviewFlag.count({ where: { interviewId: interview.id } })).toBe(0);
  });
});
