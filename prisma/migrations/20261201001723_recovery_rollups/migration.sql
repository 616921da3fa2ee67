-- CreateTable
CREATE TABLE "RecoveryRollup" (
    "scope" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "recoveries" INTEGER NOT NULL,
    "checklistStarted" INTEGER NOT NULL,
    "requested" INTEGER NOT NULL,
    "granted" INTEGER NOT NULL,
    "hired" INTEGER NOT NULL,
    "closed" INTEGER NOT NULL,
    "closedHired" INTEGER NOT NULL,
    "requestsWithin" INTEGER NOT NULL,
    "requestsLater" INTEGER NOT NULL,
    "grantedWithin" INTEGER NOT NULL,
    "grantedLater" INTEGER NOT NULL,

    PRIMARY KEY ("scope", "grain", "period", "dimension", "key")
);

-- CreateTable
CREATE TABLE "RecoveryRollupState" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "timeZone" TEXT NOT NULL,
    "builtAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BaselineInterview" (
    "interviewId" TEXT NOT NULL PRIMARY KEY,
    "candidateId" TEXT NOT NULL,
    "scheduledAt" DATETIME NOT NULL,
    "recruiterId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "hired" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "BaselineRollup" (
    "scope" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "interviews" INTEGER NOT NULL,
    "hired" INTEGER NOT NULL,

    PRIMARY KEY ("scope", "grain", "period")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RecoveryFact" (
    "flagId" TEXT NOT NULL PRIMARY KEY,
    "candidateId" TEXT NOT NULL,
    "interviewId" TEXT NOT NULL,
    "flaggedAt" DATETIME NOT NULL,
    "recruiterId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "closed" INTEGER NOT NULL,
    "steps" INTEGER NOT NULL,
    "stepsDone" INTEGER NOT NULL,
    "requested" INTEGER NOT NULL,
    "granted" INTEGER NOT NULL,
    "hired" INTEGER NOT NULL,
    "firstRequestAt" DATETIME,
    "requestsWithin" INTEGER NOT NULL,
    "requestsLater" INTEGER NOT NULL,
    "grantedWithin" INTEGER NOT NULL,
    "grantedLater" INTEGER NOT NULL,
    "reasons" TEXT NOT NULL DEFAULT '||',
    "contactMs" BIGINT,
    "contactHour" INTEGER,
    CONSTRAINT "RecoveryFact_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "InterviewFlag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RecoveryFact" ("candidateId", "closed", "companyId", "firstRequestAt", "flagId", "flaggedAt", "granted", "grantedLater", "grantedWithin", "hired", "interviewId", "recruiterId", "requested", "requestsLater", "requestsWithin", "severity", "steps", "stepsDone") SELECT "candidateId", "closed", "companyId", "firstRequestAt", "flagId", "flaggedAt", "granted", "grantedLater", "grantedWithin", "hired", "interviewId", "recruiterId", "requested", "requestsLater", "requestsWithin", "severity", "steps", "stepsDone" FROM "RecoveryFact";
DROP TABLE "RecoveryFact";
ALTER TABLE "new_RecoveryFact" RENAME TO "RecoveryFact";
CREATE INDEX "RecoveryFact_candidateId_idx" ON "RecoveryFact"("candidateId");
CREATE INDEX "RecoveryFact_range_covering_idx" ON "RecoveryFact"("flaggedAt", "recruiterId", "companyId", "severity", "closed", "steps", "stepsDone", "requested", "granted", "hired", "firstRequestAt", "requestsWithin", "requestsLater", "grantedWithin", "grantedLater", "flagId");
CREATE INDEX "RecoveryFact_recruiter_covering_idx" ON "RecoveryFact"("recruiterId", "flaggedAt", "companyId", "severity", "closed", "steps", "stepsDone", "requested", "granted", "hired", "firstRequestAt", "requestsWithin", "requestsLater", "grantedWithin", "grantedLater", "flagId");
CREATE INDEX "RecoveryFact_companyId_flaggedAt_idx" ON "RecoveryFact"("companyId", "flaggedAt");
CREATE INDEX "RecoveryFact_contactHour_flaggedAt_recruiterId_contactMs_idx" ON "RecoveryFact"("contactHour", "flaggedAt", "recruiterId", "contactMs");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BaselineInterview_candidateId_idx" ON "BaselineInterview"("candidateId");

-- Backfill: each recovery's sorted reasons and its time to first contact (0 when the request came first).
UPDATE "RecoveryFact" SET
  "reasons" = '|' || COALESCE((SELECT group_concat(fr."reason", '|' ORDER BY fr."reason") FROM "FlagReason" fr
    WHERE fr."flagId" = "RecoveryFact"."flagId"), '') || '|',
  "contactMs" = CASE WHEN "firstRequestAt" IS NULL THEN NULL WHEN "firstRequestAt" < "flaggedAt" THEN 0
    ELSE CAST(ROUND((julianday("firstRequestAt") - julianday("flaggedAt")) * 86400000) AS BIGINT) END;
UPDATE "RecoveryFact" SET "contactHour" = "contactMs" / 3600000;

-- With no interviews yet the (empty) rollups are already built, in the agency's zone. Otherwise `npm start` and
-- `npm run db:migrate` build them; until then /stats reads the facts.
INSERT INTO "RecoveryRollupState" ("id", "timeZone", "builtAt")
SELECT 1, COALESCE((SELECT "timeZone" FROM "Agency" WHERE "id" = 1), 'UTC'), strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now')
WHERE NOT EXISTS (SELECT 1 FROM "RecoveryFact") AND NOT EXISTS (SELECT 1 FROM "Interview");
