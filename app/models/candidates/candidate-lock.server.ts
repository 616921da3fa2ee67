// One lock per candidate for every check-then-write on their records (flags, recoveries, checklists, coaching,
// check-ins, second interviews, outcomes): on PostgreSQL the pool runs transactions side by side, so a rule checked
// inside one ("still pending", "not closed yet", "no step left to do") could be broken by another before it writes.
// Each such transaction locks the candidate's row first; a second one waits, then reads what the first wrote.
// Always the candidate first (before any other row), so two of them never wait on each other (no deadlock).
// SQLite runs one writing transaction at a time already: there these are no-ops (docs/decisions/012-postgres.md).
import type { Tx } from "~/utils/db.server";
import { lockCandidateOfInterview, lockRow } from "~/utils/sql-dialect.server";

export async function lockCandidate(tx: Tx, candidateId: string) {
  const lock = lockRow("Candidate", candidateId);
  if (lock) await tx.$queryRaw(lock);
}

/** lockCandidate for the candidate an interview belongs to (an interview never changes candidate). */
export async function lockInterviewCandidate(tx: Tx, interviewId: string) {
  const lock = lockCandidateOfInterview(interviewId);
  if (lock) await tx.$queryRaw(lock);
}

/** lockCandidate for several candidates (a bulk change), in id order so two bulk changes can't deadlock. */
export async function lockCandidates(tx: Tx, candidateIds: string[]) {
  for (const id of [...new Set(candidateIds)].sort()) await lockCandidate(tx, id);
}
