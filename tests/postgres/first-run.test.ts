// Two instances starting together on one empty PostgreSQL database: the demo is seeded once (without the lock the
// second crashed on a unique email).
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { seedIfEmpty } from "../../scripts/prepare";

test("two instances seeding the demo at once: one seeds, the other finds it done", { timeout: 180_000 }, async () => {
  await Promise.all([seedIfEmpty(true, env.APP_URL, env.DATABASE_URL), seedIfEmpty(true, env.APP_URL, env.DATABASE_URL)]);
  expect(await prisma.user.count()).toBe(5);
  expect(await prisma.candidate.count()).toBe(220);
  expect(await prisma.user.count({ where: { email: "manager@example.com" } })).toBe(1);
});
