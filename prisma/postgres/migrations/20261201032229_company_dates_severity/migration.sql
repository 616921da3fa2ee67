-- DropIndex
DROP INDEX "Interview_companyId_scheduledAt_idx";

-- CreateIndex
CREATE INDEX "Interview_companyId_scheduledAt_flagSeverity_idx" ON "Interview"("companyId", "scheduledAt", "flagSeverity");

