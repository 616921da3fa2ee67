-- InterviewFlag.recruiterId: the candidate's recruiter, filled from the candidate for every existing flag.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InterviewFlag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interviewId" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "description" TEXT,
    "otherReason" TEXT,
    "flaggedById" TEXT NOT NULL,
    "recruiterId" TEXT NOT NULL,
    "flaggedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "windowClosesAt" DATETIME NOT NULL,
    "recoveryState" TEXT NOT NULL DEFAULT 'open',
    "stateChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" DATETIME,
    "closedById" TEXT,
    "closedReason" TEXT,
    "closedNote" TEXT,
    "lastActivityAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "snoozedUntil" DATETIME,
    "snoozeNote" TEXT,
    "snoozedById" TEXT,
    "removedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "remindCandidate" BOOLEAN NOT NULL DEFAULT false,
    "lastCandidateReminderAt" DATETIME,
    CONSTRAINT "InterviewFlag_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InterviewFlag_flaggedById_fkey" FOREIGN KEY ("flaggedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InterviewFlag_recruiterId_fkey" FOREIGN KEY ("recruiterId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InterviewFlag_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "InterviewFlag_snoozedById_fkey" FOREIGN KEY ("snoozedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_InterviewFlag" ("closedAt", "closedById", "closedNote", "closedReason", "description", "flaggedAt", "flaggedById", "id", "interviewId", "lastActivityAt", "lastCandidateReminderAt", "otherReason", "recoveryState", "remindCandidate", "removedAt", "severity", "snoozeNote", "snoozedById", "snoozedUntil", "source", "stateChangedAt", "updatedAt", "windowClosesAt", "recruiterId") SELECT "closedAt", "closedById", "closedNote", "closedReason", "description", "flaggedAt", "flaggedById", "id", "interviewId", "lastActivityAt", "lastCandidateReminderAt", "otherReason", "recoveryState", "remindCandidate", "removedAt", "severity", "snoozeNote", "snoozedById", "snoozedUntil", "source", "stateChangedAt", "updatedAt", "windowClosesAt",
  (SELECT c."recruiterId" FROM "Interview" i JOIN "Candidate" c ON c."id" = i."candidateId" WHERE i."id" = "InterviewFlag"."interviewId")
FROM "InterviewFlag";
DROP TABLE "InterviewFlag";
ALTER TABLE "new_InterviewFlag" RENAME TO "InterviewFlag";
CREATE INDEX "InterviewFlag_interviewId_idx" ON "InterviewFlag"("interviewId");
CREATE INDEX "InterviewFlag_closedAt_removedAt_windowClosesAt_id_lastActivityAt_snoozedUntil_interviewId_recruiterId_idx" ON "InterviewFlag"("closedAt", "removedAt", "windowClosesAt", "id", "lastActivityAt", "snoozedUntil", "interviewId", "recruiterId");
CREATE INDEX "InterviewFlag_recruiterId_closedAt_removedAt_windowClosesAt_id_lastActivityAt_snoozedUntil_interviewId_idx" ON "InterviewFlag"("recruiterId", "closedAt", "removedAt", "windowClosesAt", "id", "lastActivityAt", "snoozedUntil", "interviewId");
CREATE INDEX "InterviewFlag_recoveryState_stateChangedAt_idx" ON "InterviewFlag"("recoveryState", "stateChangedAt");
CREATE INDEX "InterviewFlag_closedReason_closedAt_idx" ON "InterviewFlag"("closedReason", "closedAt");
CREATE INDEX "InterviewFlag_severity_flaggedAt_idx" ON "InterviewFlag"("severity", "flaggedAt");
CREATE INDEX "InterviewFlag_flaggedAt_idx" ON "InterviewFlag"("flaggedAt");
CREATE INDEX "InterviewFlag_removedAt_flaggedAt_interviewId_severity_closedAt_windowClosesAt_id_idx" ON "InterviewFlag"("removedAt", "flaggedAt", "interviewId", "severity", "closedAt", "windowClosesAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
