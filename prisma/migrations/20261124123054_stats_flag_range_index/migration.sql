-- CreateIndex
CREATE INDEX "InterviewFlag_removedAt_flaggedAt_interviewId_severity_idx" ON "InterviewFlag"("removedAt", "flaggedAt", "interviewId", "severity");
