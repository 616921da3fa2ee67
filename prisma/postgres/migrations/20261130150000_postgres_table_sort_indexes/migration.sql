-- PostgreSQL only (no SQLite twin): indexes schema.prisma can't describe; also in baseline-additions.sql.

-- Table sorts on nullable columns (app/models/tables/table-sql.server.ts): SQLite places NULLs first ascending, and
-- the tables ask PostgreSQL for the same (`ASC NULLS FIRST`, read backwards `DESC NULLS LAST`). Prisma's indexes are
-- `NULLS LAST`, so without these a sort on one of these columns sorted the whole table. Each ends in "id", the tables'
-- tie-breaker on PostgreSQL.
CREATE INDEX "Candidate_lastInterviewAt_nulls_first" ON "Candidate" ("lastInterviewAt" ASC NULLS FIRST, "id");
CREATE INDEX "Candidate_status_lastInterviewAt_nulls_first" ON "Candidate" ("status", "lastInterviewAt" ASC NULLS FIRST, "id");
CREATE INDEX "Candidate_openFlagCount_lastInterviewAt_nulls_first" ON "Candidate" ("openFlagCount", "lastInterviewAt" ASC NULLS FIRST, "id");
CREATE INDEX "Candidate_phone_nulls_first" ON "Candidate" ("phone" ASC NULLS FIRST, "id");
CREATE INDEX "Interview_flagSeverity_nulls_first" ON "Interview" ("flagSeverity" ASC NULLS FIRST, "scheduledAt", "id");
