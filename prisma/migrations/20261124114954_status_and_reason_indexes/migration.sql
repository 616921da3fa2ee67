-- DropIndex
DROP INDEX "FlagReason_reason_idx";

-- CreateIndex
CREATE INDEX "Candidate_status_openFlagCount_lastInterviewAt_idx" ON "Candidate"("status", "openFlagCount", "lastInterviewAt");

-- CreateIndex
CREATE INDEX "Candidate_status_lastInterviewAt_idx" ON "Candidate"("status", "lastInterviewAt");

-- CreateIndex
CREATE INDEX "Candidate_recruiterId_openFlagCount_idx" ON "Candidate"("recruiterId", "openFlagCount");

-- CreateIndex
CREATE INDEX "FlagReason_reason_flagId_idx" ON "FlagReason"("reason", "flagId");
