-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" TEXT NOT NULL DEFAULT 'recruiter',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PasswordSetup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PasswordSetup_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Agency" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "name" TEXT NOT NULL DEFAULT 'Rebound Staffing',
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "senderName" TEXT NOT NULL DEFAULT 'Rebound Staffing',
    "replyTo" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Candidate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "linkedinUrl" TEXT,
    "recruiterId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "emailOptOut" BOOLEAN NOT NULL DEFAULT false,
    "optedOutAt" DATETIME,
    "unsubscribeToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Candidate_recruiterId_fkey" FOREIGN KEY ("recruiterId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Company" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Interview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "candidateId" TEXT NOT NULL,
    "companyId" TEXT NOT NULL,
    "recruiterId" TEXT NOT NULL,
    "roleTitle" TEXT NOT NULL,
    "round" TEXT NOT NULL DEFAULT 'first',
    "format" TEXT NOT NULL DEFAULT 'in_person',
    "scheduledAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL DEFAULT 60,
    "interviewerName" TEXT,
    "impression" TEXT NOT NULL DEFAULT 'unknown',
    "notes" TEXT,
    "secondInterviewRequestId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Interview_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Interview_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Interview_recruiterId_fkey" FOREIGN KEY ("recruiterId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Interview_secondInterviewRequestId_fkey" FOREIGN KEY ("secondInterviewRequestId") REFERENCES "SecondInterviewRequest" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterviewFlag" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interviewId" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "description" TEXT,
    "otherReason" TEXT,
    "flaggedById" TEXT NOT NULL,
    "flaggedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "removedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "InterviewFlag_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InterviewFlag_flaggedById_fkey" FOREIGN KEY ("flaggedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "InterviewFlag_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FlagReason" (
    "flagId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    PRIMARY KEY ("flagId", "reason"),
    CONSTRAINT "FlagReason_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "InterviewFlag" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlaybookVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    CONSTRAINT "PlaybookVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlaybookStep" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "versionId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "guidance" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueOffsetMinutes" INTEGER NOT NULL,
    CONSTRAINT "PlaybookStep_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "PlaybookVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChecklistRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interviewId" TEXT NOT NULL,
    "flagId" TEXT NOT NULL,
    "playbookVersionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" DATETIME,
    "cancelledAt" DATETIME,
    "reflectionWentWell" TEXT,
    "reflectionWentWrong" TEXT,
    "reflectionQuestions" TEXT,
    "reflectionDoDifferently" TEXT,
    "reflectionUpdatedAt" DATETIME,
    CONSTRAINT "ChecklistRun_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChecklistRun_flagId_fkey" FOREIGN KEY ("flagId") REFERENCES "InterviewFlag" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChecklistRun_playbookVersionId_fkey" FOREIGN KEY ("playbookVersionId") REFERENCES "PlaybookVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChecklistStepState" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "note" TEXT,
    "completedAt" DATETIME,
    "completedById" TEXT,
    "completedByCandidate" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "ChecklistStepState_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ChecklistRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ChecklistStepState_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "PlaybookStep" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ChecklistStepState_completedById_fkey" FOREIGN KEY ("completedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CoachingLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    CONSTRAINT "CoachingLink_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ChecklistRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CoachingLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EmailMessage" (
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
    CONSTRAINT "EmailMessage_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SecondInterviewRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interviewId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "requestedAt" DATETIME NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "note" TEXT,
    "response" TEXT NOT NULL DEFAULT 'pending',
    "respondedAt" DATETIME,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SecondInterviewRequest_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SecondInterviewRequest_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SecondInterviewRequest_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CandidacyOutcome" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "candidateId" TEXT NOT NULL,
    "interviewId" TEXT,
    "companyId" TEXT,
    "outcome" TEXT NOT NULL,
    "decidedAt" DATETIME NOT NULL,
    "startDate" DATETIME,
    "note" TEXT,
    "recordedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CandidacyOutcome_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CandidacyOutcome_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CandidacyOutcome_companyId_fkey" FOREIGN KEY ("companyId") REFERENCES "Company" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "CandidacyOutcome_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "candidateId" TEXT,
    "before" TEXT,
    "after" TEXT,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_role_active_idx" ON "User"("role", "active");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordSetup_tokenHash_key" ON "PasswordSetup"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordSetup_userId_idx" ON "PasswordSetup"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_email_key" ON "Candidate"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_unsubscribeToken_key" ON "Candidate"("unsubscribeToken");

-- CreateIndex
CREATE INDEX "Candidate_recruiterId_status_idx" ON "Candidate"("recruiterId", "status");

-- CreateIndex
CREATE INDEX "Candidate_status_idx" ON "Candidate"("status");

-- CreateIndex
CREATE INDEX "Candidate_name_idx" ON "Candidate"("name");

-- CreateIndex
CREATE INDEX "Candidate_createdAt_idx" ON "Candidate"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Company_name_key" ON "Company"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Interview_secondInterviewRequestId_key" ON "Interview"("secondInterviewRequestId");

-- CreateIndex
CREATE INDEX "Interview_scheduledAt_idx" ON "Interview"("scheduledAt");

-- CreateIndex
CREATE INDEX "Interview_candidateId_scheduledAt_idx" ON "Interview"("candidateId", "scheduledAt");

-- CreateIndex
CREATE INDEX "Interview_recruiterId_scheduledAt_idx" ON "Interview"("recruiterId", "scheduledAt");

-- CreateIndex
CREATE INDEX "Interview_companyId_scheduledAt_idx" ON "Interview"("companyId", "scheduledAt");

-- CreateIndex
CREATE INDEX "Interview_impression_scheduledAt_idx" ON "Interview"("impression", "scheduledAt");

-- CreateIndex
CREATE INDEX "Interview_round_scheduledAt_idx" ON "Interview"("round", "scheduledAt");

-- CreateIndex
CREATE INDEX "InterviewFlag_interviewId_idx" ON "InterviewFlag"("interviewId");

-- CreateIndex
CREATE INDEX "InterviewFlag_removedAt_resolvedAt_flaggedAt_idx" ON "InterviewFlag"("removedAt", "resolvedAt", "flaggedAt");

-- CreateIndex
CREATE INDEX "InterviewFlag_severity_flaggedAt_idx" ON "InterviewFlag"("severity", "flaggedAt");

-- CreateIndex
CREATE INDEX "InterviewFlag_flaggedAt_idx" ON "InterviewFlag"("flaggedAt");

-- CreateIndex
CREATE INDEX "FlagReason_reason_idx" ON "FlagReason"("reason");

-- CreateIndex
CREATE UNIQUE INDEX "PlaybookVersion_version_key" ON "PlaybookVersion"("version");

-- CreateIndex
CREATE UNIQUE INDEX "PlaybookStep_versionId_position_key" ON "PlaybookStep"("versionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistRun_flagId_key" ON "ChecklistRun"("flagId");

-- CreateIndex
CREATE INDEX "ChecklistRun_interviewId_idx" ON "ChecklistRun"("interviewId");

-- CreateIndex
CREATE INDEX "ChecklistRun_status_startedAt_idx" ON "ChecklistRun"("status", "startedAt");

-- CreateIndex
CREATE INDEX "ChecklistStepState_status_dueAt_idx" ON "ChecklistStepState"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChecklistStepState_runId_stepId_key" ON "ChecklistStepState"("runId", "stepId");

-- CreateIndex
CREATE UNIQUE INDEX "CoachingLink_tokenHash_key" ON "CoachingLink"("tokenHash");

-- CreateIndex
CREATE INDEX "CoachingLink_runId_idx" ON "CoachingLink"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "EmailMessage_messageId_key" ON "EmailMessage"("messageId");

-- CreateIndex
CREATE INDEX "EmailMessage_status_nextAttemptAt_idx" ON "EmailMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "EmailMessage_candidateId_createdAt_idx" ON "EmailMessage"("candidateId", "createdAt");

-- CreateIndex
CREATE INDEX "EmailMessage_template_createdAt_idx" ON "EmailMessage"("template", "createdAt");

-- CreateIndex
CREATE INDEX "EmailMessage_sentById_createdAt_idx" ON "EmailMessage"("sentById", "createdAt");

-- CreateIndex
CREATE INDEX "EmailMessage_createdAt_idx" ON "EmailMessage"("createdAt");

-- CreateIndex
CREATE INDEX "SecondInterviewRequest_interviewId_idx" ON "SecondInterviewRequest"("interviewId");

-- CreateIndex
CREATE INDEX "SecondInterviewRequest_candidateId_idx" ON "SecondInterviewRequest"("candidateId");

-- CreateIndex
CREATE INDEX "SecondInterviewRequest_response_requestedAt_idx" ON "SecondInterviewRequest"("response", "requestedAt");

-- CreateIndex
CREATE INDEX "SecondInterviewRequest_requestedAt_idx" ON "SecondInterviewRequest"("requestedAt");

-- CreateIndex
CREATE INDEX "CandidacyOutcome_candidateId_decidedAt_idx" ON "CandidacyOutcome"("candidateId", "decidedAt");

-- CreateIndex
CREATE INDEX "CandidacyOutcome_interviewId_idx" ON "CandidacyOutcome"("interviewId");

-- CreateIndex
CREATE INDEX "CandidacyOutcome_outcome_decidedAt_idx" ON "CandidacyOutcome"("outcome", "decidedAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_candidateId_at_idx" ON "AuditEvent"("candidateId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

