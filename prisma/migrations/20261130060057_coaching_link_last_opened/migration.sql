-- AlterTable
ALTER TABLE "CoachingLink" ADD COLUMN "lastOpenedAt" DATETIME;
