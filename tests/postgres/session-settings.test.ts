// The app's PostgreSQL connections start without parallel workers (app/utils/db.server.ts): measured, they cost its
// short statements more than they save on this kind of machine.
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";

test("every pooled connection runs with max_parallel_workers_per_gather = 0", async () => {
  // Several at once, so more than one connection of the pool answers.
  const settings = await Promise.all(
    Array.from({ length: 4 }, () =>
      prisma.$transaction(async (tx) => (await tx.$queryRawUnsafe<{ max_parallel_workers_per_gather: string }[]>("SHOW max_parallel_workers_per_gather"))[0]),
    ),
  );
  expect(settings.map((s) => s.max_parallel_workers_per_gather)).toEqual(["0", "0", "0", "0"]);
});
