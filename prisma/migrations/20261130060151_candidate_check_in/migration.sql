-- CreateTable
CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interviewId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "skippedReason" TEXT,
    "sentAt" DATETIME,
    "answer" TEXT,
    "reasons" TEXT,
    "note" TEXT,
    "answeredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CheckIn_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckInLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "checkInId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckInLink_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "checkInEnabled" BOOLEAN NOT NULL DEFAULT true,
    "checkInAfterHours" INTEGER NOT NULL DEFAULT 2,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Agency" ("id", "name", "overdueGraceHours", "quietAfterDays", "recruitersSeeOwnCandidatesOnly", "replyTo", "senderName", "setupCompletedAt", "timeZone", "updatedAt") SELECT "id", "name", "overdueGraceHours", "quietAfterDays", "recruitersSeeOwnCandidatesOnly", "replyTo", "senderName", "setupCompletedAt", "timeZone", "updatedAt" FROM "Agency";
DROP TABLE "Agency";
ALTER TABLE "new_Agency" RENAME TO "Agency";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CheckIn_interviewId_key" ON "CheckIn"("interviewId");

-- CreateIndex
CREATE INDEX "CheckIn_status_dueAt_idx" ON "CheckIn"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CheckInLink_tokenHash_key" ON "CheckInLink"("tokenHash");

-- CreateIndex
CREATE INDEX "CheckInLink_checkInId_idx" ON "CheckInLink"("checkInId");
