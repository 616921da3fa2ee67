// Builders for checklist tests: a flagged interview with its running checklist.
import { flagInterview } from "~/models/flags/flag.server";
import { prisma } from "~/utils/db.server";
import { makeInterview, makeUser } from "../db-utils";
import { flagDetails } from "./interviews";

export async function setAgencyTimeZone(timeZone: string) {
  await prisma.agency.upsert({ where: { id: 1 }, create: { id: 1, timeZone }, update: { timeZone } });
}

/** A recruiter's interview, flagged by them: the flag starts the checklist. */
export async function makeFlaggedInterview(overrides: { scheduledAt?: Date; recruiterId?: string } = {}) {
  const recruiter = overrides.recruiterId
    ? await prisma.user.findUniqueOrThrow({ where: { id: overrides.recruiterId } })
    : await makeUser();
  const interview = await makeInterview({ recruiterId: recruiter.id, scheduledAt: overrides.scheduledAt });
  const flag = await flagInterview(interview.id, flagDetails(), { userId: recruiter.id });
  const run = await prisma.checklistRun.findUniqueOrThrow({
    where: { flagId: flag.id },
    include: { steps: { include: { step: true }, orderBy: { step: { position: "asc" } } } },
  });
  return { recruiter, interview, flag, run, ref: (i: number) => ({ interviewId: interview.id, stepStateId: run.steps[i].id }) };
}
