-- AlterTable
ALTER TABLE "Agency" ADD COLUMN "setupCompletedAt" DATETIME;
