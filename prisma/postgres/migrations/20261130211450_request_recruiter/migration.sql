-- AlterTable: the candidate's recruiter, filled from the candidate for every existing request.
ALTER TABLE "SecondInterviewRequest" ADD COLUMN "recruiterId" TEXT;
UPDATE "SecondInterviewRequest" r SET "recruiterId" = c."recruiterId" FROM "Candidate" c WHERE c."id" = r."candidateId";
ALTER TABLE "SecondInterviewRequest" ALTER COLUMN "recruiterId" SET NOT NULL;

-- CreateIndex
CREATE INDEX "SecondInterviewRequest_recruiterId_response_requestedAt_id_idx" ON "SecondInterviewRequest"("recruiterId", "response", "requestedAt", "id");

-- AddForeignKey
ALTER TABLE "SecondInterviewRequest" ADD CONSTRAINT "SecondInterviewRequest_recruiterId_fkey" FOREIGN KEY ("recruiterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

