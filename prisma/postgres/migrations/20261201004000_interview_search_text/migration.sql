-- PostgreSQL only (no SQLite twin, where the FTS5 table InterviewSearch does this): what /interviews?q= searches,
-- kept on the interview itself, so a search reads one trigram index instead of a union of three per term.
-- schema.prisma doesn't describe the column (the app reads it in raw SQL only); triggers keep it, as SQLite's keep
-- InterviewSearch.
--
-- At a million candidates a common name ("silva") matched 42,000 interviews through the candidates' index, the
-- companies' and the roles' (a UNION per term, then the page's sort): 0.8-2.3 s. With the text on the interview,
-- every term is one `LIKE` on the same GIN index and the terms intersect inside it.

-- The candidate's name, the company's name and the role, one line each (a term never matches across two), folded
-- as every search is (rebound_fold: lower case, accents removed).
CREATE FUNCTION rebound_interview_search(candidate_id text, company_id text, role text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT rebound_fold(coalesce((SELECT c."name" FROM "Candidate" c WHERE c."id" = candidate_id), '') || E'\n' ||
    coalesce((SELECT co."name" FROM "Company" co WHERE co."id" = company_id), '') || E'\n' || coalesce(role, '')) $$;

ALTER TABLE "Interview" ADD COLUMN "searchText" text;

CREATE FUNCTION rebound_interview_search_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."searchText" := rebound_interview_search(NEW."candidateId", NEW."companyId", NEW."roleTitle");
  RETURN NEW;
END $$;
CREATE TRIGGER "Interview_search_fill" BEFORE INSERT OR UPDATE OF "candidateId", "companyId", "roleTitle" ON "Interview"
  FOR EACH ROW EXECUTE FUNCTION rebound_interview_search_fill();

-- A renamed (or erased) candidate, a renamed company: their interviews' text follows.
CREATE FUNCTION rebound_interview_search_candidate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Interview" SET "searchText" = rebound_interview_search("candidateId", "companyId", "roleTitle")
  WHERE "candidateId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Candidate_interview_search" AFTER UPDATE OF "name" ON "Candidate"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION rebound_interview_search_candidate();

CREATE FUNCTION rebound_interview_search_company() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Interview" SET "searchText" = rebound_interview_search("candidateId", "companyId", "roleTitle")
  WHERE "companyId" = NEW."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Company_interview_search" AFTER UPDATE OF "name" ON "Company"
  FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION rebound_interview_search_company();

-- Every interview's text at once, from the rows themselves: the backfill here, and bulk loads that write with the
-- triggers off (the large seed's copy, where interviews may arrive before their candidates).
CREATE FUNCTION rebound_fill_interview_search() RETURNS void LANGUAGE sql AS $$
  UPDATE "Interview" i SET "searchText" = rebound_fold(c."name" || E'\n' || co."name" || E'\n' || i."roleTitle")
  FROM "Candidate" c, "Company" co WHERE c."id" = i."candidateId" AND co."id" = i."companyId" $$;
SELECT rebound_fill_interview_search();

CREATE INDEX "Interview_searchText_trgm" ON "Interview" USING gin ("searchText" gin_trgm_ops);
ALTER TABLE "Interview" ALTER COLUMN "searchText" SET STATISTICS 1000;

-- The three indexes the union read; nothing else reads the candidate's bare name or the role this way.
DROP INDEX "Candidate_name_trgm";
DROP INDEX "Interview_roleTitle_trgm";
