-- DropIndex
DROP INDEX "Interview_companyId_candidateId_idx";

-- CreateIndex
CREATE INDEX "Interview_companyId_candidateId_scheduledAt_idx" ON "Interview"("companyId", "candidateId", "scheduledAt");

