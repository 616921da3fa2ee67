-- Retention (issue 16): the agency's limits, a candidate's exemption, and a record of each run. Columns are added
-- rather than the table redefined, so columns other branches add to Agency survive this migration.
ALTER TABLE "Agency" ADD COLUMN "retainCandidatesMonths" INTEGER NOT NULL DEFAULT 24;
ALTER TABLE "Agency" ADD COLUMN "retainEmailBodiesMonths" INTEGER NOT NULL DEFAULT 12;

ALTER TABLE "Candidate" ADD COLUMN "retentionExemptAt" DATETIME;
ALTER TABLE "Candidate" ADD COLUMN "retentionExemptReason" TEXT;

CREATE TABLE "RetentionRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ranAt" DATETIME NOT NULL,
    "candidatesErased" INTEGER NOT NULL,
    "emailBodiesStripped" INTEGER NOT NULL,
    "candidateMonths" INTEGER NOT NULL,
    "emailBodyMonths" INTEGER NOT NULL
);

CREATE INDEX "RetentionRun_ranAt_idx" ON "RetentionRun"("ranAt");
