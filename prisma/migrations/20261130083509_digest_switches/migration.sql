-- The morning digest and the weekly summary are on by default; each user can switch them off (My profile →
-- Notifications). Added columns, not a table rebuild.
ALTER TABLE "User" ADD COLUMN "morningDigest" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "User" ADD COLUMN "weeklySummary" BOOLEAN NOT NULL DEFAULT true;
