// The statistics' rollups on PostgreSQL, where transactions run side by side: a write that commits while the very
// first build is running (no state row to lock yet) must end up in the rollups, not be left out by both.
import { expect, test } from "vitest";
import { flagInterview } from "~/models/flags/flag.server";
import { recoveryFactDrift } from "~/models/stats/recovery-facts.server";
import { rebuildRecoveryRollups } from "~/models/stats/recovery-rollups.server";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { flagDetails, makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";

test("a flag raised during the first build of the rollups is counted in them", async () => {
  const recruiter = await makeUser();
  const candidate = await makeCandidate({ recruiterId: recruiter.id, status: "open" });
  const before = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(Date.now() - 5 * 3600_000) });
  const during = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(Date.now() - 4 * 3600_000) });
  await flagInterview(before.id, flagDetails(), { userId: recruiter.id });
  await prisma.recoveryRollupState.deleteMany();
  await prisma.recoveryRollup.deleteMany();

  let built!: () => void;
  const buildHasReadTheFacts = new Promise<void>((resolve) => (built = resolve));
  // The build reads the facts, then stays open a moment before it commits; the flag is raised in that moment.
  const build = prisma.$transaction(
    async (tx) => {
      await rebuildRecoveryRollups(tx, "UTC");
      built();
      await new Promise((resolve) => setTimeout(resolve, 500));
    },
    { timeout: 20_000 },
  );
  await buildHasReadTheFacts;
  const flag = flagInterview(during.id, flagDetails(), { userId: recruiter.id });
  await Promise.all([build, flag]);

  expect(await prisma.recoveryFact.count()).toBe(2);
  const drift = await recoveryFactDrift(prisma);
  expect(drift.differing).toEqual([]);
  const [all] = await prisma.recoveryRollup.findMany({ where: { scope: "*", dimension: "all", grain: "m" } });
  expect(all?.recoveries).toBe(2);
});
