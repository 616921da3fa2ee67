-- PostgreSQL only (no SQLite twin): planner statistics schema.prisma can't describe; also in baseline-additions.sql.

-- How many rows a search's `LIKE '%term%'` matches is estimated from the searched expression's histogram. With the
-- default 100 buckets a common surname ("silva": 17,000 of a million candidates) fell in 0 or 4 of them, depending
-- on ANALYZE's sample: estimated at 100 rows, the header search sorted all 17,000 matches (707 ms); estimated at
-- 19,000 with 1,000 buckets, it walks the newest candidates and stops at the sixth match (1.4 ms). It takes effect at
-- the table's next ANALYZE (autovacuum's, or `ANALYZE "Candidate"` after upgrading a large database).
ALTER INDEX "Candidate_search_trgm" ALTER COLUMN 1 SET STATISTICS 1000;
ALTER INDEX "Candidate_name_trgm" ALTER COLUMN 1 SET STATISTICS 1000;
