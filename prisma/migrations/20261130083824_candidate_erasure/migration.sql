-- AlterTable
ALTER TABLE "Candidate" ADD COLUMN "erasedAt" DATETIME;

-- CreateTable
CREATE TABLE "SuppressedEmail" (
    "emailHash" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Erasing a candidate rewrites their search rows: with FTS5's secure-delete the old terms leave the index at once
-- instead of waiting in old segments for a merge (docs/privacy.md).
INSERT INTO "CandidateSearch" ("CandidateSearch", "rank") VALUES ('secure-delete', 1);
INSERT INTO "InterviewSearch" ("InterviewSearch", "rank") VALUES ('secure-delete', 1);
