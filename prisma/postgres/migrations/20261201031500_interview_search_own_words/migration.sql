-- /interviews?q= (docs/decisions/011-search.md): the interview's kept search text holds its own words (the
-- candidate's name and the role); the company's name no longer. A term is looked up in the companies' names
-- ("Company_name_trgm", a few hundred rows) and read as those companies' ids, which the Interview (companyId, …)
-- indexes serve. With the name in the text, a term naming a busy company ("harbor": 146,637 interviews at a million)
-- made the trigram index recheck every one of them in the table (1.1 s). A renamed company no longer rewrites all
-- its interviews' text either.

DROP TRIGGER "Company_interview_search" ON "Company";
DROP FUNCTION rebound_interview_search_company();
DROP TRIGGER "Interview_search_fill" ON "Interview";
DROP FUNCTION rebound_interview_search_fill();
DROP FUNCTION rebound_interview_search_candidate() CASCADE;
DROP FUNCTION rebound_interview_search(text, text, text);

-- The candidate's name and the role, one line each (a term never matches across the two), folded as every search is.
CREATE FUNCTION rebound_interview_search(candidate_id text, role text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT rebound_fold(coalesce((SELECT c."name" FROM "Candidate" c WHERE c."id" = candidate_id), '') || E'\n' || coalesce(role, '')) $$;

CREATE FUNCTION rebound_interview_search_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchText" := rebound_interview_search(NEW."candidateId", NEW."roleTitle");
  RETURN NEW;
END $$;
CREATE TRIGGER "Interview_search_fill" BEFORE INSERT OR UPDATE OF "candidateId", "roleTitle" ON "Interview"
  FOR EACH ROW EXECUTE FUNCTION rebound_interview_search_fill();

-- A renamed (or erased) candidate: their interviews' text follows.
CREATE FUNCTION rebound_interview_search_candidate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Interview" SET "searchText" = rebound_interview_search("candidateId", "roleTitle")
  WHERE "candidateId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Candidate_interview_search" AFTER UPDATE OF "name" ON "Candidate"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION rebound_interview_search_candidate();

-- Every interview's text at once, from the rows themselves: the refill here, and bulk loads that write with the
-- triggers off (the large seed's copy).
CREATE OR REPLACE FUNCTION rebound_fill_interview_search() RETURNS void LANGUAGE sql AS $$
  UPDATE "Interview" i SET "searchText" = rebound_fold(c."name" || E'\n' || i."roleTitle")
  FROM "Candidate" c WHERE c."id" = i."candidateId" $$;

-- Rewriting every row: the index is built once afterwards rather than kept entry by entry.
DROP INDEX "Interview_searchText_trgm";
SELECT rebound_fill_interview_search();
CREATE INDEX "Interview_searchText_trgm" ON "Interview" USING gin ("searchText" gin_trgm_ops);
-- Every row's text changed: the planner's estimates of the search (STATISTICS 1000 on the column) start fresh.
ANALYZE "Interview";
