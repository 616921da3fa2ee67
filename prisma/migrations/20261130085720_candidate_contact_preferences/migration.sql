-- Contact preferences and lawful basis (issue 16). Added columns rather than Prisma's table redefinition, which would
-- drop the Candidate search triggers (README, "Migrations and the search index").
ALTER TABLE "Agency" ADD COLUMN "privacyContact" TEXT;

ALTER TABLE "Candidate" ADD COLUMN "doNotContact" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Candidate" ADD COLUMN "doNotContactAt" DATETIME;
ALTER TABLE "Candidate" ADD COLUMN "lawfulBasis" TEXT;
ALTER TABLE "Candidate" ADD COLUMN "consentGivenAt" DATETIME;
ALTER TABLE "Candidate" ADD COLUMN "consentHow" TEXT;
ALTER TABLE "Candidate" ADD COLUMN "privacyNoticeSentAt" DATETIME;
