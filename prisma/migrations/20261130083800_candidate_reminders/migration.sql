-- Candidate reminders (issue 14): the recruiter's switch per recovery, when the last reminder went, and which steps
-- a reminder already listed. Plain ADD COLUMNs (SQLite allows a NOT NULL column with a default), so the flag table
-- keeps its rows, rowids and indexes.

-- AlterTable
ALTER TABLE "ChecklistStepState" ADD COLUMN "candidateRemindedAt" DATETIME;

-- AlterTable
ALTER TABLE "InterviewFlag" ADD COLUMN "remindCandidate" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "InterviewFlag" ADD COLUMN "lastCandidateReminderAt" DATETIME;
