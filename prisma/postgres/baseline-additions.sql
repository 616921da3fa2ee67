
-- ---------------------------------------------------------------------------------------------------------------
-- Hand-written: what schema.prisma can't describe (appended by `npm run db:pg-schema -- --baseline`, from
-- prisma/postgres/baseline-additions.sql). Prisma's differ ignores functions and these indexes.
-- ---------------------------------------------------------------------------------------------------------------

-- Search (docs/decisions/011-search.md, 012-postgres.md): pg_trgm GIN indexes over folded text (lower case, accents
-- removed, as SQLite's FTS5 trigram tokenizer with remove_diacritics), so `LIKE '%term%'` reads an index instead of
-- every row. Both extensions are "trusted": the database's owner may create them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could change); naming the dictionary makes this wrapper safe to index.
CREATE FUNCTION rebound_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

-- A candidate's searchable text: name, email, phone, and the phone's digits alone ("7700900123" finds
-- "+44 7700 900123"); one line each, so a term never matches across two fields.
CREATE FUNCTION rebound_candidate_search(name text, email text, phone text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT rebound_fold(name || E'\n' || email || E'\n' || coalesce(phone, '') || E'\n' || translate(coalesce(phone, ''), ' -()+.', '')) $$;

CREATE INDEX "Candidate_search_trgm" ON "Candidate" USING gin (rebound_candidate_search("name", "email", "phone") gin_trgm_ops);
-- /interviews?q= matches the candidate's name, the company's name and the role.
CREATE INDEX "Candidate_name_trgm" ON "Candidate" USING gin (rebound_fold("name") gin_trgm_ops);
CREATE INDEX "Company_name_trgm" ON "Company" USING gin (rebound_fold("name") gin_trgm_ops);
CREATE INDEX "Interview_roleTitle_trgm" ON "Interview" USING gin (rebound_fold("roleTitle") gin_trgm_ops);
-- A finer histogram of the searched text, so a common term's matches are estimated from the data, not a default
-- (migration 20261130221500_search_statistics).
ALTER INDEX "Candidate_search_trgm" ALTER COLUMN 1 SET STATISTICS 1000;
ALTER INDEX "Candidate_name_trgm" ALTER COLUMN 1 SET STATISTICS 1000;

-- One current flag per interview: two "flag this interview" requests at once can't both succeed (the second gets a
-- unique violation even when both passed the check in their transactions).
CREATE UNIQUE INDEX "InterviewFlag_one_current" ON "InterviewFlag" ("interviewId") WHERE "removedAt" IS NULL;

-- Table sorts on nullable columns (app/models/tables/table-sql.server.ts): SQLite places NULLs first ascending, and
-- the tables ask PostgreSQL for the same (`ASC NULLS FIRST`, read backwards `DESC NULLS LAST`). Prisma's indexes are
-- `NULLS LAST`, so without these a sort on one of these columns sorted the whole table. Each ends in "id", the tables'
-- tie-breaker on PostgreSQL.
CREATE INDEX "Candidate_lastInterviewAt_nulls_first" ON "Candidate" ("lastInterviewAt" ASC NULLS FIRST, "id");
CREATE INDEX "Candidate_status_lastInterviewAt_nulls_first" ON "Candidate" ("status", "lastInterviewAt" ASC NULLS FIRST, "id");
CREATE INDEX "Candidate_openFlagCount_lastInterviewAt_nulls_first" ON "Candidate" ("openFlagCount", "lastInterviewAt" ASC NULLS FIRST, "id");
CREATE INDEX "Candidate_phone_nulls_first" ON "Candidate" ("phone" ASC NULLS FIRST, "id");
CREATE INDEX "Interview_flagSeverity_nulls_first" ON "Interview" ("flagSeverity" ASC NULLS FIRST, "scheduledAt", "id");

-- The tables' default orders end in the row's key, which SQLite's indexes carry (rowid) and PostgreSQL's don't: with
-- "id" in the index a deep page (OFFSET 50,000) is an index-only scan, not 50,000 heap fetches and an incremental sort.
CREATE INDEX "Interview_scheduledAt_id" ON "Interview" ("scheduledAt", "id");
CREATE INDEX "Candidate_name_id" ON "Candidate" ("name", "id");
