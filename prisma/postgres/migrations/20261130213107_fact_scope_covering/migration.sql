-- DropIndex
DROP INDEX "RecoveryFact_recruiterId_flaggedAt_idx";

-- CreateIndex
CREATE INDEX "RecoveryFact_recruiter_covering_idx" ON "RecoveryFact"("recruiterId", "flaggedAt", "companyId", "severity", "closed", "steps", "stepsDone", "requested", "granted", "hired", "firstRequestAt", "requestsWithin", "requestsLater", "grantedWithin", "grantedLater", "flagId");
