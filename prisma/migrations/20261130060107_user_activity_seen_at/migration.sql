-- AlterTable
ALTER TABLE "User" ADD COLUMN "activitySeenAt" DATETIME;
