-- /interviews?q= (docs/decisions/011-search.md): the interview's own words (the candidate's name and the role) in
-- InterviewSearch; the company's name is no longer copied onto every interview. A term is looked up in the
-- companies' names (CompanySearch, a few hundred rows) and read as those companies' ids, which the Interview
-- (companyId, …) indexes serve. Copied, a term naming a busy company ("harbor": 146,637 interviews at a million)
-- came back from the text index one interview at a time: 400 ms before the page could sort or stop. A renamed company
-- no longer rewrites all its interviews' search rows either.

DROP TRIGGER "Company_search_update";
DROP TRIGGER "Interview_search_insert";
DROP TRIGGER "Interview_search_update";
DROP TRIGGER "Interview_search_delete";
DROP TRIGGER "Candidate_search_rename";
DROP TABLE "InterviewSearch";

CREATE VIRTUAL TABLE "InterviewSearch" USING fts5(
  "candidateName", "roleTitle",
  tokenize = 'trigram remove_diacritics 1'
);
-- Erasing a candidate rewrites their search rows: their old terms leave the index at once (docs/privacy.md).
INSERT INTO "InterviewSearch" ("InterviewSearch", "rank") VALUES ('secure-delete', 1);

CREATE TRIGGER "Company_search_update" AFTER UPDATE OF "name" ON "Company" WHEN new."name" IS NOT old."name" BEGIN
  UPDATE "CompanySearch" SET "name" = new."name" WHERE rowid = new.rowid;
END;

-- Only a rename reaches the candidate's interviews.
CREATE TRIGGER "Candidate_search_rename" AFTER UPDATE OF "name" ON "Candidate" WHEN new."name" IS NOT old."name" BEGIN
  UPDATE "InterviewSearch" SET "candidateName" = new."name"
  WHERE rowid IN (SELECT rowid FROM "Interview" WHERE "candidateId" = new."id");
END;

CREATE TRIGGER "Interview_search_insert" AFTER INSERT ON "Interview" BEGIN
  INSERT INTO "InterviewSearch" (rowid, "candidateName", "roleTitle")
  VALUES (new.rowid, coalesce((SELECT "name" FROM "Candidate" WHERE "id" = new."candidateId"), ''), new."roleTitle");
END;

CREATE TRIGGER "Interview_search_update" AFTER UPDATE OF "candidateId", "roleTitle" ON "Interview" BEGIN
  UPDATE "InterviewSearch" SET
    "candidateName" = coalesce((SELECT "name" FROM "Candidate" WHERE "id" = new."candidateId"), ''),
    "roleTitle" = new."roleTitle"
  WHERE rowid = new.rowid;
END;

-- Also runs for interviews removed by the cascade from a deleted candidate.
CREATE TRIGGER "Interview_search_delete" AFTER DELETE ON "Interview" BEGIN
  DELETE FROM "InterviewSearch" WHERE rowid = old.rowid;
END;

INSERT INTO "InterviewSearch" (rowid, "candidateName", "roleTitle")
SELECT i.rowid, coalesce(c."name", ''), i."roleTitle"
FROM "Interview" i LEFT JOIN "Candidate" c ON c."id" = i."candidateId";
