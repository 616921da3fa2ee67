-- Full-text search (docs/decisions/011-search.md): FTS5 tables with the trigram tokenizer, so any 3+ character
-- substring of a name, email or phone finds its row through the index. Each search row's rowid is its source row's
-- rowid. Triggers keep them in step inside the writing transaction; Prisma's schema does not know these tables
-- (see README, "Migrations and the search index").

-- Candidates: phoneDigits is the phone without spaces and punctuation, so "7700900123" finds "+44 7700 900123".
CREATE VIRTUAL TABLE "CandidateSearch" USING fts5(
  "name", "email", "phone", "phoneDigits",
  tokenize = 'trigram remove_diacritics 1'
);

CREATE VIRTUAL TABLE "CompanySearch" USING fts5("name", tokenize = 'trigram remove_diacritics 1');

-- Interviews by the words on their row in /interviews: candidate, company, role.
CREATE VIRTUAL TABLE "InterviewSearch" USING fts5(
  "candidateName", "companyName", "roleTitle",
  tokenize = 'trigram remove_diacritics 1'
);

CREATE TRIGGER "Candidate_search_insert" AFTER INSERT ON "Candidate" BEGIN
  INSERT INTO "CandidateSearch" (rowid, "name", "email", "phone", "phoneDigits")
  VALUES (new.rowid, new."name", new."email", coalesce(new."phone", ''),
    replace(replace(replace(replace(replace(replace(coalesce(new."phone", ''), ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', ''));
END;

CREATE TRIGGER "Candidate_search_update" AFTER UPDATE OF "name", "email", "phone" ON "Candidate" BEGIN
  UPDATE "CandidateSearch" SET "name" = new."name", "email" = new."email", "phone" = coalesce(new."phone", ''),
    "phoneDigits" = replace(replace(replace(replace(replace(replace(coalesce(new."phone", ''), ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')
  WHERE rowid = new.rowid;
END;

-- Only a rename reaches the candidate's interviews.
CREATE TRIGGER "Candidate_search_rename" AFTER UPDATE OF "name" ON "Candidate" WHEN new."name" IS NOT old."name" BEGIN
  UPDATE "InterviewSearch" SET "candidateName" = new."name"
  WHERE rowid IN (SELECT rowid FROM "Interview" WHERE "candidateId" = new."id");
END;

CREATE TRIGGER "Candidate_search_delete" AFTER DELETE ON "Candidate" BEGIN
  DELETE FROM "CandidateSearch" WHERE rowid = old.rowid;
END;

CREATE TRIGGER "Company_search_insert" AFTER INSERT ON "Company" BEGIN
  INSERT INTO "CompanySearch" (rowid, "name") VALUES (new.rowid, new."name");
END;

CREATE TRIGGER "Company_search_update" AFTER UPDATE OF "name" ON "Company" WHEN new."name" IS NOT old."name" BEGIN
  UPDATE "CompanySearch" SET "name" = new."name" WHERE rowid = new.rowid;
  UPDATE "InterviewSearch" SET "companyName" = new."name"
  WHERE rowid IN (SELECT rowid FROM "Interview" WHERE "companyId" = new."id");
END;

CREATE TRIGGER "Company_search_delete" AFTER DELETE ON "Company" BEGIN
  DELETE FROM "CompanySearch" WHERE rowid = old.rowid;
END;

CREATE TRIGGER "Interview_search_insert" AFTER INSERT ON "Interview" BEGIN
  INSERT INTO "InterviewSearch" (rowid, "candidateName", "companyName", "roleTitle")
  VALUES (new.rowid,
    coalesce((SELECT "name" FROM "Candidate" WHERE "id" = new."candidateId"), ''),
    coalesce((SELECT "name" FROM "Company" WHERE "id" = new."companyId"), ''),
    new."roleTitle");
END;

CREATE TRIGGER "Interview_search_update" AFTER UPDATE OF "candidateId", "companyId", "roleTitle" ON "Interview" BEGIN
  UPDATE "InterviewSearch" SET
    "candidateName" = coalesce((SELECT "name" FROM "Candidate" WHERE "id" = new."candidateId"), ''),
    "companyName" = coalesce((SELECT "name" FROM "Company" WHERE "id" = new."companyId"), ''),
    "roleTitle" = new."roleTitle"
  WHERE rowid = new.rowid;
END;

-- Also runs for interviews removed by the cascade from a deleted candidate.
CREATE TRIGGER "Interview_search_delete" AFTER DELETE ON "Interview" BEGIN
  DELETE FROM "InterviewSearch" WHERE rowid = old.rowid;
END;

-- Backfill.
INSERT INTO "CandidateSearch" (rowid, "name", "email", "phone", "phoneDigits")
SELECT rowid, "name", "email", coalesce("phone", ''),
  replace(replace(replace(replace(replace(replace(coalesce("phone", ''), ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')
FROM "Candidate";

INSERT INTO "CompanySearch" (rowid, "name") SELECT rowid, "name" FROM "Company";

INSERT INTO "InterviewSearch" (rowid, "candidateName", "companyName", "roleTitle")
SELECT i.rowid, c."name", co."name", i."roleTitle"
FROM "Interview" i JOIN "Candidate" c ON c."id" = i."candidateId" JOIN "Company" co ON co."id" = i."companyId";
