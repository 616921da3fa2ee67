-- DropIndex
DROP INDEX "InterviewFlag_closedAt_removedAt_windowClosesAt_lastActivit_idx";

-- AlterTable: the candidate's recruiter, filled from the candidate for every existing flag.
ALTER TABLE "InterviewFlag" ADD COLUMN "recruiterId" TEXT;
UPDATE "InterviewFlag" f SET "recruiterId" = c."recruiterId"
  FROM "Interview" i JOIN "Candidate" c ON c."id" = i."candidateId" WHERE i."id" = f."interviewId";
ALTER TABLE "InterviewFlag" ALTER COLUMN "recruiterId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "InterviewFlag_closedAt_removedAt_windowClosesAt_id_lastActi_idx" ON "InterviewFlag"("closedAt", "removedAt", "windowClosesAt", "id", "lastActivityAt", "snoozedUntil", "interviewId", "recruiterId");

-- CreateIndex
CREATE INDEX "InterviewFlag_recruiterId_closedAt_removedAt_windowClosesAt_idx" ON "InterviewFlag"("recruiterId", "closedAt", "removedAt", "windowClosesAt", "id", "lastActivityAt", "snoozedUntil", "interviewId");

-- AddForeignKey
ALTER TABLE "InterviewFlag" ADD CONSTRAINT "InterviewFlag_recruiterId_fkey" FOREIGN KEY ("recruiterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

