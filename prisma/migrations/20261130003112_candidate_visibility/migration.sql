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
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Agency" ("id", "name", "replyTo", "senderName", "setupCompletedAt", "timeZone", "updatedAt") SELECT "id", "name", "replyTo", "senderName", "setupCompletedAt", "timeZone", "updatedAt" FROM "Agency";
DROP TABLE "Agency";
ALTER TABLE "new_Agency" RENAME TO "Agency";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
