-- DropIndex
DROP INDEX "InterviewFlag_removedAt_flaggedAt_interviewId_severity_idx";

-- CreateIndex
CREATE INDEX "InterviewFlag_removedAt_flaggedAt_interviewId_severity_closedAt_windowClosesAt_id_idx" ON "InterviewFlag"("removedAt", "flaggedAt", "interviewId", "severity", "closedAt", "windowClosesAt", "id");
