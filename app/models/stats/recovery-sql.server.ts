// The statistics' definitions of a recovery's progress, stages and checklist completion, as conditions on one flag
// (alias f, its interview's id in f."interviewId"). /interviews filters with them, so following a /stats figure's
// link lists exactly the interviews it counts; keep them in step with recoveriesCte in stats.server.ts.
import { Prisma } from "~/.generated/prisma/client";
import type { RecoveryProgress, RecoveryStage } from "./recovery-filters";
import type { CompletionBucket } from "./stats-tables";

const stepCount = (done: boolean) => Prisma.sql`(SELECT COUNT(*) FROM "ChecklistRun" cr
  JOIN "ChecklistStepState" s ON s."runId" = cr."id"
  WHERE cr."flagId" = f."id" ${done ? Prisma.sql`AND s."status" IN ('done', 'skipped')` : Prisma.empty})`;

const requestExists = (granted: boolean) => Prisma.sql`EXISTS (SELECT 1 FROM "SecondInterviewRequest" r
  WHERE r."interviewId" = f."interviewId" ${granted ? Prisma.sql`AND r."response" = 'granted'` : Prisma.empty})`;

// Hired: a hired outcome on the flagged interview, or on the second interview granted from its request.
const hired = Prisma.sql`(EXISTS (SELECT 1 FROM "CandidacyOutcome" o WHERE o."interviewId" = f."interviewId" AND o."outcome" = 'hired')
  OR EXISTS (SELECT 1 FROM "SecondInterviewRequest" r JOIN "Interview" si ON si."secondInterviewRequestId" = r."id"
    JOIN "CandidacyOutcome" o ON o."interviewId" = si."id"
    WHERE r."interviewId" = f."interviewId" AND r."response" = 'granted' AND o."outcome" = 'hired'))`;

export function stageSql(stage: RecoveryStage) {
  switch (stage) {
    case "checklist_started":
      return Prisma.sql`${stepCount(true)} > 0`;
    case "requested":
      return requestExists(false);
    case "granted":
      return requestExists(true);
    case "hired":
      return hired;
  }
}

export function progressSql(progress: RecoveryProgress) {
  return progress === "closed" ? Prisma.sql`f."closedAt" IS NOT NULL` : Prisma.sql`f."closedAt" IS NULL`;
}

// Integer comparisons as in the statistics: under half is done * 2 < total.
export function completionSql(bucket: CompletionBucket) {
  const done = stepCount(true);
  const all = stepCount(false);
  switch (bucket) {
    case "none":
      return Prisma.sql`${all} = 0`;
    case "under_half":
      return Prisma.sql`${all} > 0 AND ${done} * 2 < ${all}`;
    case "most":
      return Prisma.sql`${done} * 2 >= ${all} AND ${done} < ${all}`;
    case "all":
      return Prisma.sql`${all} > 0 AND ${done} = ${all}`;
  }
}
