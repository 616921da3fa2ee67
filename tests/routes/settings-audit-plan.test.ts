// The audit log's filters each walk their own index in date order: SQLite's query plans (EXPLAIN QUERY PLAN), so
// this file is in the SQLite-only list of vitest.pg.config.ts.
import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";

test.each([
  ["action", "AuditEvent_action_at_idx"],
  ["actorLabel", "AuditEvent_actorLabel_at_idx"],
  ["actorId", "AuditEvent_actorId_at_idx"],
  ["candidateId", "AuditEvent_candidateId_at_idx"],
])("a filter on %s walks its index in date order", async (column, index) => {
  const plan = await prisma.$queryRawUnsafe<{ detail: string }[]>(
    `EXPLAIN QUERY PLAN SELECT "id" FROM "AuditEvent" WHERE "${column}" = ? ORDER BY "at" DESC, "id" DESC LIMIT 50`,
    "x",
  );
  const details = plan.map((p) => p.detail).join(" | ");
  expect(details).toContain(index);
  expect(details).not.toMatch(/SCAN "?AuditEvent"?(?! USING)/);
});
