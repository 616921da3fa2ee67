// Summary columns that let the tables filter and sort with an index instead of a subquery per row:
// Interview.flagSeverity and Candidate.lastInterviewAt / openFlagCount. Every write that changes an interview or
// a flag calls these inside its own transaction, so they are recomputed from the facts and can't drift. The
// candidate's summary includes the statistics' per-recovery facts (app/models/stats/recovery-facts.server.ts).
// CROSS JOIN fixes SQLite's join order (the candidate's interviews first, then their flags); with a plain JOIN it
// scans every open flag once per candidate.
import type { Tx } from "~/utils/db.server";
import { FORCED_JOIN } from "~/utils/sql-dialect.server";
import { syncAllRecoveryFacts, syncRecoveryFacts } from "../stats/recovery-facts.server";

type Client = Pick<Tx, "$executeRaw" | "$executeRawUnsafe" | "$queryRaw">;

/** Recomputes Interview.flagSeverity from the interview's current (not removed) flag. */
export async function syncInterviewFlagSummary(tx: Client, interviewId: string) {
  await tx.$executeRaw`
    UPDATE "Interview" SET "flagSeverity" = (
      SELECT f."severity" FROM "InterviewFlag" f
      WHERE f."interviewId" = "Interview"."id" AND f."removedAt" IS NULL
      ORDER BY f."flaggedAt" DESC LIMIT 1
    ) WHERE "id" = ${interviewId}`;
}

/** Recomputes Candidate.lastInterviewAt and openFlagCount, and the candidate's recovery facts. */
export async function syncCandidateSummary(tx: Client, candidateId: string) {
  await tx.$executeRaw`
    UPDATE "Candidate" SET
      "lastInterviewAt" = (SELECT MAX(i."scheduledAt") FROM "Interview" i WHERE i."candidateId" = "Candidate"."id"),
      "openFlagCount" = (
        SELECT COUNT(*) FROM "Interview" i ${FORCED_JOIN} "InterviewFlag" f ON f."interviewId" = i."id"
        WHERE i."candidateId" = "Candidate"."id" AND f."removedAt" IS NULL AND f."closedAt" IS NULL
      )
    WHERE "id" = ${candidateId}`;
  await syncRecoveryFacts(tx, candidateId);
}

/** Recomputes every summary at once: for seeds and bulk imports that write rows directly. */
export async function syncAllSummaries(tx: Client) {
  await tx.$executeRaw`
    UPDATE "Interview" SET "flagSeverity" = (
      SELECT f."severity" FROM "InterviewFlag" f
      WHERE f."interviewId" = "Interview"."id" AND f."removedAt" IS NULL
      ORDER BY f."flaggedAt" DESC LIMIT 1
    )`;
  await tx.$executeRaw`
    UPDATE "Candidate" SET
      "lastInterviewAt" = (SELECT MAX(i."scheduledAt") FROM "Interview" i WHERE i."candidateId" = "Candidate"."id"),
      "openFlagCount" = (
        SELECT COUNT(*) FROM "Interview" i ${FORCED_JOIN} "InterviewFlag" f ON f."interviewId" = i."id"
        WHERE i."candidateId" = "Candidate"."id" AND f."removedAt" IS NULL AND f."closedAt" IS NULL
      )`;
  await syncAllRecoveryFacts(tx);
}
