-- AlterTable
ALTER TABLE "User" ADD COLUMN "emailSignature" TEXT;
ALTER TABLE "User" ADD COLUMN "phone" TEXT;
