// What keeps a recovery from going quiet: anything a person does about the candidate. Kept apart from the lifecycle
// so the audit writer can call it without an import cycle.
import type { Tx } from "~/utils/db.server";
import { sqlDate } from "~/utils/sql-dialect.server";

/**
 * Something a person did about the candidate (a tick, a note, a request, an email, the candidate's own visit…):
 * their open recoveries are active again. Called by recordAudit for every event by a person, so no write can forget.
 */
export async function noteCandidateActivity(tx: Pick<Tx, "$executeRaw">, candidateId: string, at = new Date()) {
  await tx.$executeRaw`
    UPDATE "InterviewFlag" SET "lastActivityAt" = ${sqlDate(at)}
    WHERE "closedAt" IS NULL AND "removedAt" IS NULL
      AND "interviewId" IN (SELECT "id" FROM "Interview" WHERE "candidateId" = ${candidateId})`;
}
