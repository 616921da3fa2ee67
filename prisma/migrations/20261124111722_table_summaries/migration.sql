-- AlterTable
ALTER TABLE "Interview" ADD COLUMN "flagSeverity" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Candidate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "linkedinUrl" TEXT,
    "recruiterId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "lastInterviewAt" DATETIME,
    "openFlagCount" INTEGER NOT NULL DEFAULT 0,
    "emailOptOut" BOOLEAN NOT NULL DEFAULT false,
    "optedOutAt" DATETIME,
    "unsubscribeToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Candidate_recruiterId_fkey" FOREIGN KEY ("recruiterId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Candidate" ("createdAt", "email", "emailOptOut", "id", "linkedinUrl", "name", "optedOutAt", "phone", "recruiterId", "status", "unsubscribeToken", "updatedAt") SELECT "createdAt", "email", "emailOptOut", "id", "linkedinUrl", "name", "optedOutAt", "phone", "recruiterId", "status", "unsubscribeToken", "updatedAt" FROM "Candidate";
DROP TABLE "Candidate";
ALTER TABLE "new_Candidate" RENAME TO "Candidate";
CREATE UNIQUE INDEX "Candidate_email_key" ON "Candidate"("email");
CREATE UNIQUE INDEX "Candidate_unsubscribeToken_key" ON "Candidate"("unsubscribeToken");
CREATE INDEX "Candidate_recruiterId_status_idx" ON "Candidate"("recruiterId", "status");
CREATE INDEX "Candidate_recruiterId_name_idx" ON "Candidate"("recruiterId", "name");
CREATE INDEX "Candidate_status_idx" ON "Candidate"("status");
CREATE INDEX "Candidate_name_idx" ON "Candidate"("name");
CREATE INDEX "Candidate_createdAt_idx" ON "Candidate"("createdAt");
CREATE INDEX "Candidate_lastInterviewAt_idx" ON "Candidate"("lastInterviewAt");
CREATE INDEX "Candidate_openFlagCount_lastInterviewAt_idx" ON "Candidate"("openFlagCount", "lastInterviewAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Interview_flagSeverity_scheduledAt_idx" ON "Interview"("flagSeverity", "scheduledAt");

-- CreateIndex
CREATE INDEX "Interview_companyId_candidateId_idx" ON "Interview"("companyId", "candidateId");

-- CreateIndex
CREATE INDEX "Interview_roleTitle_idx" ON "Interview"("roleTitle");

-- Backfill the summaries for rows that existed before this migration.
UPDATE "Interview" SET "flagSeverity" = (
    SELECT f."severity" FROM "InterviewFlag" f
    WHERE f."interviewId" = "Interview"."id" AND f."removedAt" IS NULL
    ORDER BY f."flaggedAt" DESC LIMIT 1
);
UPDATE "Candidate" SET
    "lastInterviewAt" = (SELECT MAX(i."scheduledAt") FROM "Interview" i WHERE i."candidateId" = "Candidate"."id"),
    "openFlagCount" = (
        SELECT COUNT(*) FROM "InterviewFlag" f JOIN "Interview" i ON i."id" = f."interviewId"
        WHERE i."candidateId" = "Candidate"."id" AND f."removedAt" IS NULL AND f."resolvedAt" IS NULL
    );
