-- CreateTable
CREATE TABLE "RecoveryFact" (
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
    CONSTRAINT "RecoveryFact_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "InterviewFlag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "RecoveryFact_candidateId_idx" ON "RecoveryFact"("candidateId");

-- CreateIndex
CREATE INDEX "RecoveryFact_range_covering_idx" ON "RecoveryFact"("flaggedAt", "recruiterId", "companyId", "severity", "closed", "steps", "stepsDone", "requested", "granted", "hired", "firstRequestAt", "requestsWithin", "requestsLater", "grantedWithin", "grantedLater", "flagId");

-- CreateIndex
CREATE INDEX "RecoveryFact_recruiterId_flaggedAt_idx" ON "RecoveryFact"("recruiterId", "flaggedAt");

-- CreateIndex
CREATE INDEX "RecoveryFact_companyId_flaggedAt_idx" ON "RecoveryFact"("companyId", "flaggedAt");

-- Backfill: the facts of every existing recovery, as syncAllRecoveryFacts computes them
-- (app/models/stats/recovery-facts.server.ts holds the definitions).
INSERT INTO "RecoveryFact" ("flagId", "candidateId", "interviewId", "flaggedAt", "recruiterId", "companyId", "severity",
  "closed", "steps", "stepsDone", "requested", "granted", "hired", "firstRequestAt", "requestsWithin", "requestsLater",
  "grantedWithin", "grantedLater")
SELECT f."id", i."candidateId", f."interviewId", f."flaggedAt", c."recruiterId", i."companyId", f."severity",
  CASE WHEN f."closedAt" IS NOT NULL THEN 1 ELSE 0 END,
  (SELECT COUNT(*) FROM "ChecklistRun" cr JOIN "ChecklistStepState" s ON s."runId" = cr."id" WHERE cr."flagId" = f."id"),
  (SELECT COUNT(*) FROM "ChecklistRun" cr JOIN "ChecklistStepState" s ON s."runId" = cr."id"
    WHERE cr."flagId" = f."id" AND s."status" IN ('done', 'skipped')),
  CASE WHEN EXISTS (SELECT 1 FROM "SecondInterviewRequest" r WHERE r."interviewId" = f."interviewId") THEN 1 ELSE 0 END,
  CASE WHEN EXISTS (SELECT 1 FROM "SecondInterviewRequest" r WHERE r."interviewId" = f."interviewId" AND r."response" = 'granted')
    THEN 1 ELSE 0 END,
  CASE WHEN EXISTS (SELECT 1 FROM "CandidacyOutcome" o WHERE o."interviewId" = f."interviewId" AND o."outcome" = 'hired')
    OR EXISTS (SELECT 1 FROM "SecondInterviewRequest" r JOIN "Interview" si ON si."secondInterviewRequestId" = r."id"
      JOIN "CandidacyOutcome" o ON o."interviewId" = si."id"
      WHERE r."interviewId" = f."interviewId" AND r."response" = 'granted' AND o."outcome" = 'hired') THEN 1 ELSE 0 END,
  (SELECT MIN(r."requestedAt") FROM "SecondInterviewRequest" r WHERE r."interviewId" = f."interviewId"),
  (SELECT COUNT(*) FROM "SecondInterviewRequest" r WHERE r."interviewId" = f."interviewId" AND r."requestedAt" <= f."windowClosesAt"),
  (SELECT COUNT(*) FROM "SecondInterviewRequest" r WHERE r."interviewId" = f."interviewId" AND r."requestedAt" > f."windowClosesAt"),
  (SELECT COUNT(*) FROM "SecondInterviewRequest" r WHERE r."interviewId" = f."interviewId" AND r."requestedAt" <= f."windowClosesAt"
    AND r."response" = 'granted'),
  (SELECT COUNT(*) FROM "SecondInterviewRequest" r WHERE r."interviewId" = f."interviewId" AND r."requestedAt" > f."windowClosesAt"
    AND r."response" = 'granted')
FROM "InterviewFlag" f
  JOIN "Interview" i ON i."id" = f."interviewId"
  JOIN "Candidate" c ON c."id" = i."candidateId"
WHERE f."removedAt" IS NULL;
