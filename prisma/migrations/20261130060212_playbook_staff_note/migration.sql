-- AlterTable
ALTER TABLE "PlaybookStep" ADD COLUMN "staffNote" TEXT;

-- Guidance is shown to candidates: the default playbook's one staff-only sentence moves to the staff note, in every
-- version that still has it word for word (a manager's own rewording is left for them to split in Settings).
UPDATE "PlaybookStep"
SET "guidance" = rtrim(replace("guidance", ' If the candidate can''t make the call, the recruiter can make it on their behalf: note who called.', '')),
    "staffNote" = 'If the candidate can''t make the call, make it on their behalf, and note who called.'
WHERE "staffNote" IS NULL
  AND instr("guidance", 'If the candidate can''t make the call, the recruiter can make it on their behalf: note who called.') > 0;
