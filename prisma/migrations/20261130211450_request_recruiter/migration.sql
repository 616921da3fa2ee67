-- SecondInterviewRequest.recruiterId: the candidate's recruiter, filled from the candidate for every existing request.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SecondInterviewRequest" (
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
    "recruiterId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SecondInterviewRequest_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SecondInterviewRequest_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SecondInterviewRequest_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "SecondInterviewRequest_recruiterId_fkey" FOREIGN KEY ("recruiterId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SecondInterviewRequest" ("candidateId", "channel", "createdAt", "id", "interviewId", "note", "recordedById", "requestedAt", "requestedBy", "respondedAt", "response", "recruiterId") SELECT "candidateId", "channel", "createdAt", "id", "interviewId", "note", "recordedById", "requestedAt", "requestedBy", "respondedAt", "response",
  (SELECT c."recruiterId" FROM "Candidate" c WHERE c."id" = "SecondInterviewRequest"."candidateId")
FROM "SecondInterviewRequest";
DROP TABLE "SecondInterviewRequest";
ALTER TABLE "new_SecondInterviewRequest" RENAME TO "SecondInterviewRequest";
CREATE INDEX "SecondInterviewRequest_interviewId_idx" ON "SecondInterviewRequest"("interviewId");
CREATE INDEX "SecondInterviewRequest_candidateId_idx" ON "SecondInterviewRequest"("candidateId");
CREATE INDEX "SecondInterviewRequest_response_requestedAt_idx" ON "SecondInterviewRequest"("response", "requestedAt");
CREATE INDEX "SecondInterviewRequest_recruiterId_response_requestedAt_id_idx" ON "SecondInterviewRequest"("recruiterId", "response", "requestedAt", "id");
CREATE INDEX "SecondInterviewRequest_requestedAt_idx" ON "SecondInterviewRequest"("requestedAt");
CREATE INDEX "SecondInterviewRequest_interviewId_response_idx" ON "SecondInterviewRequest"("interviewId", "response");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
