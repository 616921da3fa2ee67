-- PostgreSQL only (no SQLite twin): indexes schema.prisma can't describe; also in baseline-additions.sql.

-- The tables' default orders end in the row's key, which SQLite's indexes carry (rowid) and PostgreSQL's don't: with
-- "id" in the index a deep page (OFFSET 50,000) is an index-only scan, not 50,000 heap fetches and an incremental sort.
CREATE INDEX "Interview_scheduledAt_id" ON "Interview" ("scheduledAt", "id");
CREATE INDEX "Candidate_name_id" ON "Candidate" ("name", "id");
