-- Links in emails are minted at delivery and only their hashes kept (docs/decisions/005-email-outbox.md).
-- Candidate.unsubscribeToken goes: each old token becomes a "legacy:" row that works for 60 more days, so links in
-- emails already sent keep unsubscribing; stored email bodies lose their live tokens.
-- CreateTable
CREATE TABLE "UnsubscribeLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "candidateId" TEXT NOT NULL,
    "emailMessageId" TEXT,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "UnsubscribeLink_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UnsubscribeLink_emailMessageId_fkey" FOREIGN KEY ("emailMessageId") REFERENCES "EmailMessage" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- Old unsubscribe tokens keep working for 60 days (SQLite has no SHA-256, so they stay as they were until then).
INSERT INTO "UnsubscribeLink" ("id", "candidateId", "emailMessageId", "tokenHash", "expiresAt", "createdAt")
SELECT 'legacy_' || "id", "id", NULL, 'legacy:' || "unsubscribeToken",
       strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now', '+60 days'), strftime('%Y-%m-%dT%H:%M:%S.000+00:00', 'now')
FROM "Candidate";

-- Stored bodies: the candidate's unsubscribe token and the email's coaching token (43 characters after "/coach/",
-- one per email) become the placeholders the worker fills in at delivery.
UPDATE "EmailMessage" SET
  "html" = replace("html", (SELECT "unsubscribeToken" FROM "Candidate" c WHERE c."id" = "EmailMessage"."candidateId"), 'REDACTED-UNSUBSCRIBE-TOKEN'),
  "text" = replace("text", (SELECT "unsubscribeToken" FROM "Candidate" c WHERE c."id" = "EmailMessage"."candidateId"), 'REDACTED-UNSUBSCRIBE-TOKEN');
UPDATE "EmailMessage" SET "html" = replace("html", substr("html", instr("html", '/coach/') + 7, 43), 'REDACTED-COACHING-TOKEN')
WHERE instr("html", '/coach/') > 0 AND length(substr("html", instr("html", '/coach/') + 7, 43)) = 43
  AND NOT substr("html", instr("html", '/coach/') + 7, 43) GLOB '*[^A-Za-z0-9_-]*';
UPDATE "EmailMessage" SET "text" = replace("text", substr("text", instr("text", '/coach/') + 7, 43), 'REDACTED-COACHING-TOKEN')
WHERE instr("text", '/coach/') > 0 AND length(substr("text", instr("text", '/coach/') + 7, 43)) = 43
  AND NOT substr("text", instr("text", '/coach/') + 7, 43) GLOB '*[^A-Za-z0-9_-]*';

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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Candidate_recruiterId_fkey" FOREIGN KEY ("recruiterId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Candidate" ("createdAt", "email", "emailOptOut", "id", "lastInterviewAt", "linkedinUrl", "name", "openFlagCount", "optedOutAt", "phone", "recruiterId", "status", "updatedAt") SELECT "createdAt", "email", "emailOptOut", "id", "lastInterviewAt", "linkedinUrl", "name", "openFlagCount", "optedOutAt", "phone", "recruiterId", "status", "updatedAt" FROM "Candidate";
DROP TABLE "Candidate";
ALTER TABLE "new_Candidate" RENAME TO "Candidate";
CREATE UNIQUE INDEX "Candidate_email_key" ON "Candidate"("email");
CREATE INDEX "Candidate_recruiterId_status_idx" ON "Candidate"("recruiterId", "status");
CREATE INDEX "Candidate_recruiterId_name_idx" ON "Candidate"("recruiterId", "name");
CREATE INDEX "Candidate_status_idx" ON "Candidate"("status");
CREATE INDEX "Candidate_name_idx" ON "Candidate"("name");
CREATE INDEX "Candidate_createdAt_idx" ON "Candidate"("createdAt");
CREATE INDEX "Candidate_lastInterviewAt_idx" ON "Candidate"("lastInterviewAt");
CREATE INDEX "Candidate_openFlagCount_lastInterviewAt_idx" ON "Candidate"("openFlagCount", "lastInterviewAt");
CREATE INDEX "Candidate_phone_idx" ON "Candidate"("phone");
CREATE INDEX "Candidate_status_openFlagCount_lastInterviewAt_idx" ON "Candidate"("status", "openFlagCount", "lastInterviewAt");
CREATE INDEX "Candidate_status_lastInterviewAt_idx" ON "Candidate"("status", "lastInterviewAt");
CREATE INDEX "Candidate_recruiterId_openFlagCount_idx" ON "Candidate"("recruiterId", "openFlagCount");
CREATE INDEX "Candidate_id_recruiterId_idx" ON "Candidate"("id", "recruiterId");
CREATE TABLE "new_EmailMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "candidateId" TEXT NOT NULL,
    "interviewId" TEXT,
    "sentById" TEXT,
    "template" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "personalNote" TEXT,
    "coachingRunId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "messageId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    CONSTRAINT "EmailMessage_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EmailMessage_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "EmailMessage_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "EmailMessage_coachingRunId_fkey" FOREIGN KEY ("coachingRunId") REFERENCES "ChecklistRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_EmailMessage" ("attempts", "candidateId", "createdAt", "html", "id", "interviewId", "lastError", "leaseUntil", "messageId", "nextAttemptAt", "personalNote", "sentAt", "sentById", "status", "subject", "template", "text", "toAddress") SELECT "attempts", "candidateId", "createdAt", "html", "id", "interviewId", "lastError", "leaseUntil", "messageId", "nextAttemptAt", "personalNote", "sentAt", "sentById", "status", "subject", "template", "text", "toAddress" FROM "EmailMessage";
DROP TABLE "EmailMessage";
ALTER TABLE "new_EmailMessage" RENAME TO "EmailMessage";
CREATE UNIQUE INDEX "EmailMessage_messageId_key" ON "EmailMessage"("messageId");
CREATE INDEX "EmailMessage_status_nextAttemptAt_idx" ON "EmailMessage"("status", "nextAttemptAt");
CREATE INDEX "EmailMessage_candidateId_createdAt_idx" ON "EmailMessage"("candidateId", "createdAt");
CREATE INDEX "EmailMessage_template_createdAt_idx" ON "EmailMessage"("template", "createdAt");
CREATE INDEX "EmailMessage_sentById_createdAt_idx" ON "EmailMessage"("sentById", "createdAt");
CREATE INDEX "EmailMessage_createdAt_idx" ON "EmailMessage"("createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Messages not yet delivered get their coaching link minted at delivery, for their interview's active checklist.
UPDATE "EmailMessage" SET "coachingRunId" = (
  SELECT r."id" FROM "ChecklistRun" r
  WHERE r."interviewId" = "EmailMessage"."interviewId" AND r."status" = 'active'
  ORDER BY r."startedAt" DESC LIMIT 1)
WHERE "status" IN ('queued', 'sending', 'failed') AND instr("text", '/coach/REDACTED-COACHING-TOKEN') > 0;

-- CreateIndex
CREATE UNIQUE INDEX "UnsubscribeLink_tokenHash_key" ON "UnsubscribeLink"("tokenHash");

-- CreateIndex
CREATE INDEX "UnsubscribeLink_candidateId_idx" ON "UnsubscribeLink"("candidateId");

-- CreateIndex
CREATE INDEX "UnsubscribeLink_emailMessageId_idx" ON "UnsubscribeLink"("emailMessageId");

-- CreateIndex
CREATE INDEX "UnsubscribeLink_expiresAt_idx" ON "UnsubscribeLink"("expiresAt");
