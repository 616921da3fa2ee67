-- DropIndex
DROP INDEX "InterviewFlag_closedAt_lastActivityAt_idx";

-- DropIndex
DROP INDEX "InterviewFlag_closedAt_removedAt_windowClosesAt_idx";

-- CreateIndex
CREATE INDEX "InterviewFlag_closedAt_removedAt_windowClosesAt_lastActivityAt_snoozedUntil_interviewId_idx" ON "InterviewFlag"("closedAt", "removedAt", "windowClosesAt", "lastActivityAt", "snoozedUntil", "interviewId");
