-- DropIndex
DROP INDEX "RecoveryFact_range_covering_idx";

-- AlterTable
ALTER TABLE "RecoveryFact" ADD COLUMN     "reasons" TEXT;

-- Backfill (hand-written, the same on both databases): the same expression as freshFacts in
-- app/models/stats/recovery-facts.server.ts.
UPDATE "RecoveryFact" SET "reasons" = (
  SELECT '|' || string_agg(fr."reason", '|' ORDER BY fr."reason") || '|' FROM "FlagReason" fr
  WHERE fr."flagId" = "RecoveryFact"."flagId"
);

-- CreateIndex
CREATE INDEX "RecoveryFact_range_covering_idx" ON "RecoveryFact"("flaggedAt", "recruiterId", "companyId", "severity", "closed", "steps", "stepsDone", "requested", "granted", "hired", "firstRequestAt", "requestsWithin", "requestsLater", "grantedWithin", "grantedLater", "reasons", "flagId");

