-- AlterTable
ALTER TABLE "PlaybookStep" ADD COLUMN "dueLocalTime" TEXT;
