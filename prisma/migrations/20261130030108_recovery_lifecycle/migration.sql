-- Recovery lifecycle: every flag is a recovery with a state, a window (interview end + 24 h), a closing reason and a
-- snooze. Existing flags get their state from their facts: removed -> closed "flag_removed"; a final outcome for the
-- application -> closed with that reason; resolved by hand -> closed "resolved_by_hand"; a second-interview request
-- -> requested / granted / declined / no_answer; otherwise open, or closed "went_quiet" when nobody did anything about
-- the candidate for 30 days (the default setting). resolvedAt / resolvedById become closedAt / closedById.
-- Dates are written in the app's text encoding (app/utils/sql-dialect.server.ts: ISO 8601 with "+00:00").

-- AlterTable
ALTER TABLE "ChecklistStepState" ADD COLUMN "usualDueAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Agency" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "name" TEXT NOT NULL DEFAULT 'Rebound Staffing',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "senderName" TEXT NOT NULL DEFAULT 'Rebound Staffing',
    "replyTo" TEXT,
    "setupCompletedAt" DATETIME,
    "recruitersSeeOwnCandidatesOnly" BOOLEAN NOT NULL DEFAULT false,
    "quietAfterDays" INTEGER NOT NULL DEFAULT 30,
    "overdueGraceHours" INTEGER NOT NULL DEFAULT 2,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Agency" ("id", "name", "recruitersSeeOwnCandidatesOnly", "replyTo", "senderName", "setupCompletedAt", "timeZone", "updatedAt") SELECT "id", "name", "recruitersSeeOwnCandidatesOnly", "replyTo", "senderName", "setupCompletedAt", "timeZone", "updatedAt" FROM "Agency";
DROP TABLE "Agency";
ALTER TABLE "new_Agency" RENAME TO "Agency";
CREATE TABLE "new_InterviewFlag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interviewId" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "description" TEXT,
    "otherReason" TEXT,
    "flaggedById" TEXT NOT NULL,
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
    CONSTRAINT "InterviewFlag_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InterviewFlag_flaggedById_fkey" FOREIGN KEY ("flaggedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InterviewFlag_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "InterviewFlag_snoozedById_fkey" FOREIGN KEY ("snoozedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_InterviewFlag" ("id", "interviewId", "severity", "source", "description", "otherReason", "flaggedById", "flaggedAt", "windowClosesAt", "recoveryState", "stateChangedAt", "closedAt", "closedById", "closedReason", "lastActivityAt", "removedAt", "updatedAt")
SELECT f."id", f."interviewId", f."severity", f."source", f."description", f."otherReason", f."flaggedById", f."flaggedAt",
  strftime('%Y-%m-%dT%H:%M:%f+00:00', i."scheduledAt", '+' || (i."durationMinutes" + 1440) || ' minutes'),
  'open', f."flaggedAt", f."resolvedAt", f."resolvedById",
  CASE WHEN f."resolvedAt" IS NOT NULL THEN 'resolved_by_hand' END,
  MAX(f."flaggedAt", COALESCE((SELECT MAX(a."at") FROM "AuditEvent" a WHERE a."candidateId" = i."candidateId" AND (a."actorId" IS NOT NULL OR a."actorLabel" = 'candidate')), f."flaggedAt")),
  f."removedAt", f."updatedAt"
FROM "InterviewFlag" f JOIN "Interview" i ON i."id" = f."interviewId";

-- Second-interview requests move the recovery on (the newest request speaks).
UPDATE "new_InterviewFlag" SET
  "recoveryState" = CASE (SELECT r."response" FROM "SecondInterviewRequest" r WHERE r."interviewId" = "new_InterviewFlag"."interviewId" ORDER BY r."requestedAt" DESC LIMIT 1)
    WHEN 'pending' THEN 'requested' WHEN 'granted' THEN 'granted' WHEN 'declined' THEN 'declined' WHEN 'no_response' THEN 'no_answer' ELSE 'open' END,
  "stateChangedAt" = (SELECT COALESCE(r."respondedAt", r."requestedAt") FROM "SecondInterviewRequest" r WHERE r."interviewId" = "new_InterviewFlag"."interviewId" ORDER BY r."requestedAt" DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM "SecondInterviewRequest" r WHERE r."interviewId" = "new_InterviewFlag"."interviewId");

-- A final outcome for the application (the interview itself, or the one whose request granted it) closes it.
UPDATE "new_InterviewFlag" SET
  "closedReason" = CASE o."outcome" WHEN 'withdrawn' THEN 'withdrew' ELSE o."outcome" END,
  "closedAt" = MAX(o."decidedAt", "new_InterviewFlag"."flaggedAt"),
  "closedById" = o."recordedById"
FROM (
  SELECT i."id" AS "interviewId", o."outcome", o."decidedAt", o."recordedById",
    ROW_NUMBER() OVER (PARTITION BY i."id" ORDER BY o."decidedAt" DESC, o."createdAt" DESC) AS "n"
  FROM "Interview" i
  LEFT JOIN "SecondInterviewRequest" g ON g."id" = i."secondInterviewRequestId"
  JOIN "CandidacyOutcome" o ON o."interviewId" = COALESCE(g."interviewId", i."id")
  WHERE o."outcome" IN ('hired', 'rejected', 'offer_declined', 'withdrawn')
) o
WHERE o."interviewId" = "new_InterviewFlag"."interviewId" AND o."n" = 1;

-- A removed flag is no recovery any more.
UPDATE "new_InterviewFlag" SET "closedReason" = 'flag_removed', "closedAt" = "removedAt", "closedById" = NULL WHERE "removedAt" IS NOT NULL;

-- Nobody did anything for 30 days: went quiet, on the day it would have closed by itself.
UPDATE "new_InterviewFlag" SET "closedReason" = 'went_quiet',
  "closedAt" = strftime('%Y-%m-%dT%H:%M:%f+00:00', "lastActivityAt", '+30 days')
WHERE "closedAt" IS NULL AND "lastActivityAt" < strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now', '-30 days');

UPDATE "new_InterviewFlag" SET "recoveryState" = 'closed', "stateChangedAt" = "closedAt" WHERE "closedAt" IS NOT NULL;

DROP TABLE "InterviewFlag";
ALTER TABLE "new_InterviewFlag" RENAME TO "InterviewFlag";
CREATE INDEX "InterviewFlag_interviewId_idx" ON "InterviewFlag"("interviewId");
CREATE INDEX "InterviewFlag_closedAt_removedAt_windowClosesAt_idx" ON "InterviewFlag"("closedAt", "removedAt", "windowClosesAt");
CREATE INDEX "InterviewFlag_closedAt_lastActivityAt_idx" ON "InterviewFlag"("closedAt", "lastActivityAt");
CREATE INDEX "InterviewFlag_recoveryState_stateChangedAt_idx" ON "InterviewFlag"("recoveryState", "stateChangedAt");
CREATE INDEX "InterviewFlag_closedReason_closedAt_idx" ON "InterviewFlag"("closedReason", "closedAt");
CREATE INDEX "InterviewFlag_severity_flaggedAt_idx" ON "InterviewFlag"("severity", "flaggedAt");
CREATE INDEX "InterviewFlag_flaggedAt_idx" ON "InterviewFlag"("flaggedAt");
CREATE INDEX "InterviewFlag_removedAt_flaggedAt_interviewId_severity_idx" ON "InterviewFlag"("removedAt", "flaggedAt", "interviewId", "severity");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- A closed recovery's checklist is finished: the steps nobody did are "not needed".
UPDATE "ChecklistStepState" SET "status" = 'not_needed',
  "completedAt" = (SELECT f."closedAt" FROM "ChecklistRun" r JOIN "InterviewFlag" f ON f."id" = r."flagId" WHERE r."id" = "ChecklistStepState"."runId")
WHERE "status" = 'pending' AND "runId" IN (
  SELECT r."id" FROM "ChecklistRun" r JOIN "InterviewFlag" f ON f."id" = r."flagId" WHERE r."status" = 'active' AND f."closedAt" IS NOT NULL
);
UPDATE "ChecklistRun" SET "status" = 'completed',
  "completedAt" = (SELECT f."closedAt" FROM "InterviewFlag" f WHERE f."id" = "ChecklistRun"."flagId")
WHERE "status" = 'active' AND "flagId" IN (SELECT "id" FROM "InterviewFlag" WHERE "closedAt" IS NOT NULL);

-- The candidate's status follows: recovering only while a recovery is open.
UPDATE "Candidate" SET "status" = CASE
    WHEN EXISTS (SELECT 1 FROM "CandidacyOutcome" o WHERE o."candidateId" = "Candidate"."id" AND o."outcome" = 'hired') THEN 'hired'
    WHEN (SELECT f."closedReason" FROM "Interview" i JOIN "InterviewFlag" f ON f."interviewId" = i."id"
          WHERE i."candidateId" = "Candidate"."id" ORDER BY f."closedAt" DESC LIMIT 1) IN ('rejected', 'offer_declined', 'withdrew') THEN 'closed'
    ELSE 'open' END
WHERE "status" = 'recovering' AND NOT EXISTS (
  SELECT 1 FROM "Interview" i JOIN "InterviewFlag" f ON f."interviewId" = i."id"
  WHERE i."candidateId" = "Candidate"."id" AND f."closedAt" IS NULL
);
UPDATE "Candidate" SET "openFlagCount" = (
  SELECT COUNT(*) FROM "Interview" i JOIN "InterviewFlag" f ON f."interviewId" = i."id"
  WHERE i."candidateId" = "Candidate"."id" AND f."removedAt" IS NULL AND f."closedAt" IS NULL
);
