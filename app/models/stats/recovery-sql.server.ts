// The statistics' definitions of a recovery's progress, stages and checklist completion, as conditions on one flag
// (alias f). They read the recovery's maintained facts (app/models/stats/recovery-facts.server.ts, the one home of
// the definitions), so following a /stats figure's link to /interviews lists exactly the interviews it counts.
import { Prisma } from "~/.generated/prisma/client";
import type { RecoveryProgress, RecoveryStage } from "./recovery-filters";
import type { CompletionBucket } from "./stats-tables";

const fact = (condition: Prisma.Sql) =>
  Prisma.sql`EXISTS (SELECT 1 FROM "RecoveryFact" rf WHERE rf."flagId" = f."id" AND ${condition})`;

export function stageSql(stage: RecoveryStage) {
  switch (stage) {
    case "checklist_started":
      return fact(Prisma.sql`rf."stepsDone" > 0`);
    case "requested":
      return fact(Prisma.sql`rf."requested" = 1`);
    case "granted":
      return fact(Prisma.sql`rf."granted" = 1`);
    case "hired":
      return fact(Prisma.sql`rf."hired" = 1`);
  }
}

export function progressSql(progress: RecoveryProgress) {
  return progress === "closed" ? Prisma.sql`f."closedAt" IS NOT NULL` : Prisma.sql`f."closedAt" IS NULL`;
}

// Integer comparisons as in the statistics: under half is done * 2 < total.
export function completionSql(bucket: CompletionBucket) {
  switch (bucket) {
    case "none":
      return fact(Prisma.sql`rf."steps" = 0`);
    case "under_half":
      return fact(Prisma.sql`rf."steps" > 0 AND rf."stepsDone" * 2 < rf."steps"`);
    case "most":
      return fact(Prisma.sql`rf."stepsDone" * 2 >= rf."steps" AND rf."stepsDone" < rf."steps"`);
    case "all":
      return fact(Prisma.sql`rf."steps" > 0 AND rf."stepsDone" = rf."steps"`);
  }
}
