// Check-then-write under concurrency on PostgreSQL, where the pool runs transactions side by side (SQLite serialises
// its writers and hides this): two people flagging one interview at the same moment.
import { expect, test } from "vitest";
import { flagInterview } from "~/models/flags/flag.server";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { makeCandidate } from "../builders/candidates";
import { flagDetails, makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";

test("five simultaneous flags on one interview: one succeeds, the others are told it is already flagged", async () => {
  const recruiter = await makeUser();
  const candidate = await makeCandidate({ recruiterId: recruiter.id, status: "open" });
  const interview = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(Date.now() - 3600_000) });
  const results = await Promise.allSettled(
    Array.from({ length: 5 }, () => flagInterview(interview.id, flagDetails(), { userId: recruiter.id })),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
    expect(r.reason).toBeInstanceOf(RuleViolation);
    expect((r.reason as Error).message).toBe("This interview is already flagged. Edit the flag instead.");
  }
  expect(await prisma.interviewFlag.count({ where: { interviewId: interview.id } })).toBe(1);
  expect(await prisma.checklistRun.count({ where: { interviewId: interview.id } })).toBe(1);
  expect(await prisma.auditEvent.count({ where: { action: "flag.raised" } })).toBe(1);
  expect(await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).toMatchObject({ openFlagCount: 1 });
});

test("the partial unique index alone refuses a second current flag, and allows one after removal", async () => {
  const recruiter = await makeUser();
  const interview = await makeInterview({ candidateId: (await makeCandidate({ recruiterId: recruiter.id })).id });
  const first = await flagInterview(interview.id, flagDetails(), { userId: recruiter.id });
  const row = { interviewId: interview.id, severity: "serious", source: "recruiter_observed", flaggedById: recruiter.id, recruiterId: recruiter.id, windowClosesAt: new Date() };
  await expect(prisma.interviewFlag.create({ data: row })).rejects.toMatchObject({ code: "P2002" });
  await prisma.interviewFlag.update({ where: { id: first.id }, data: { removedAt: new Date() } });
  await expect(prisma.interviewFlag.create({ data: row })).resolves.toMatchObject({ interviewId: interview.id });
});
