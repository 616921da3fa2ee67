-- AlterTable
ALTER TABLE "RecoveryFact" ADD COLUMN     "contactHour" INTEGER,
ADD COLUMN     "contactMs" BIGINT,
ADD COLUMN     "reasons" TEXT NOT NULL DEFAULT '||';

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

    CONSTRAINT "RecoveryRollup_pkey" PRIMARY KEY ("scope","grain","period","dimension","key")
);

-- CreateTable
CREATE TABLE "RecoveryRollupState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "timeZone" TEXT NOT NULL,
    "builtAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecoveryRollupState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BaselineInterview" (
    "interviewId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "recruiterId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "hired" INTEGER NOT NULL,

    CONSTRAINT "BaselineInterview_pkey" PRIMARY KEY ("interviewId")
);

-- CreateTable
CREATE TABLE "BaselineRollup" (
    "scope" TEXT NOT NULL,
    "grain" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "interviews" INTEGER NOT NULL,
    "hired" INTEGER NOT NULL,

    CONSTRAINT "BaselineRollup_pkey" PRIMARY KEY ("scope","grain","period")
);

-- CreateIndex
CREATE INDEX "BaselineInterview_candidateId_idx" ON "BaselineInterview"("candidateId");

-- CreateIndex
CREATE INDEX "RecoveryFact_contactHour_flaggedAt_recruiterId_contactMs_idx" ON "RecoveryFact"("contactHour", "flaggedAt", "recruiterId", "contactMs");


-- Backfill: each recovery's sorted reasons and its time to first contact (0 when the request came first).
UPDATE "RecoveryFact" SET
  "reasons" = '|' || COALESCE((SELECT string_agg(fr."reason", '|' ORDER BY fr."reason") FROM "FlagReason" fr
    WHERE fr."flagId" = "RecoveryFact"."flagId"), '') || '|',
  "contactMs" = CASE WHEN "firstRequestAt" IS NULL THEN NULL WHEN "firstRequestAt" < "flaggedAt" THEN 0
    ELSE CAST(ROUND(EXTRACT(EPOCH FROM ("firstRequestAt" - "flaggedAt")) * 1000) AS BIGINT) END;
UPDATE "RecoveryFact" SET "contactHour" = "contactMs" / 3600000;

-- With no interviews yet the (empty) rollups are already built, in the agency's zone. Otherwise `npm start` and
-- `npm run db:migrate` build them; until then /stats reads the facts.
INSERT INTO "RecoveryRollupState" ("id", "timeZone", "builtAt")
SELECT 1, COALESCE((SELECT "timeZone" FROM "Agency" WHERE "id" = 1), 'UTC'), CURRENT_TIMESTAMP
WHERE NOT EXISTS (SELECT 1 FROM "RecoveryFact") AND NOT EXISTS (SELECT 1 FROM "Interview");
