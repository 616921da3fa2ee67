// The large benchmark data set, generated small: exact counts, rows Prisma reads back, working demo logins, and
// the same output for the same seed and moment.
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, inject, test } from "vitest";
import { recoveryFactDrift } from "~/models/stats/recovery-facts.server";
import { syncAllSummaries } from "~/models/candidates/summaries.server";
import { verifyLogin } from "~/models/users/user.server";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { seededRandom } from "../../prisma/seed";
import { fillSearchIndexes, interviewCounts, seedLargeDatabase, type LargeSeedOptions } from "../../scripts/bench/large-data";

const NOW = Date.parse("2026-11-24T12:00:00Z");
const sqlNow = () => new Date(NOW).toISOString().replace("Z", "+00:00");
const DB_FILE = () => process.env.DATABASE_URL!.replace(/^file:/, "");

async function options(): Promise<LargeSeedOptions> {
  return {
    candidates: 300,
    interviews: 750,
    recruiters: 6,
    companies: 30,
    passwordHash: await hashPassword("rebound-demo"),
    timeZone: "Europe/London",
    now: NOW,
  };
}

function seedInto(file: string, opts: LargeSeedOptions) {
  const db = new Database(file);
  try {
    return seedLargeDatabase(db, opts);
  } finally {
    db.close();
  }
}

describe("the large seed", () => {
  test("splits the interviews over the candidates to the exact total, at least one each", () => {
    const counts = interviewCounts(1000, 2500, seededRandom(1));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2500);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(() => interviewCounts(10, 9, seededRandom(1))).toThrow(/at least one interview/);
  });

  test("writes exactly the asked-for rows, readable by Prisma, with working demo logins", { timeout: 30_000 }, async () => {
    const counts = seedInto(DB_FILE(), await options());
    await prisma.$transaction((tx) => syncAllSummaries(tx));

    expect(counts).toMatchObject({ users: 7, companies: 30, candidates: 300, interviews: 750 });
    expect(await prisma.candidate.count()).toBe(300);
    expect(await prisma.interview.count()).toBe(750);
    expect(await prisma.user.count({ where: { role: "recruiter" } })).toBe(6);
    expect(await verifyLogin("manager@example.com", "rebound-demo")).toMatchObject({ role: "manager" });
    expect(await verifyLogin("recruiter@example.com", "rebound-demo")).toMatchObject({ role: "recruiter" });
    expect(await prisma.agency.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ timeZone: "Europe/London" });

    // Stored as Prisma's adapter stores it, so Prisma's own date filters see the rows.
    const future = await prisma.interview.count({ where: { scheduledAt: { gt: new Date(NOW) } } });
    const raw = new Database(DB_FILE(), { readonly: true });
    try {
      const rawFuture = raw.prepare(`SELECT count(*) AS n FROM "Interview" WHERE "scheduledAt" > ?`).get("2026-11-24T12:00:00.000+00:00") as { n: number };
      expect(future).toBe(rawFuture.n);
      const sample = raw.prepare(`SELECT "scheduledAt", "createdAt" FROM "Interview" LIMIT 1`).get() as Record<string, string>;
      expect(sample.scheduledAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      expect(raw.pragma("foreign_key_check")).toEqual([]);
    } finally {
      raw.close();
    }
    expect(future).toBeGreaterThan(0);

    const flags = await prisma.interviewFlag.findMany({ select: { _count: { select: { reasons: true } } } });
    expect(flags.length).toBe(counts.flags);
    expect(flags.every((f) => f._count.reasons >= 1 && f._count.reasons <= 3)).toBe(true);
    expect(await prisma.interview.count({ where: { secondInterviewRequestId: { not: null }, round: "second" } })).toBe(counts.secondRounds);
    expect(counts.secondRounds).toBeGreaterThan(0);
    expect(await prisma.candidacyOutcome.count({ where: { outcome: "hired" } })).toBe(counts.hires);
    expect(counts.hires).toBeGreaterThan(0);

    // The summaries agree with the facts they summarise.
    const open = await prisma.interviewFlag.count({ where: { removedAt: null, closedAt: null } });
    expect(open).toBe(counts.openFlags);
    expect((await prisma.candidate.aggregate({ _sum: { openFlagCount: true } }))._sum.openFlagCount).toBe(open);
    expect(await prisma.interview.count({ where: { flagSeverity: { not: null } } })).toBe(
      await prisma.interviewFlag.count({ where: { removedAt: null } }),
    );
    const drift = await recoveryFactDrift(prisma);
    expect(drift).toEqual({
      compared: await prisma.interviewFlag.count({ where: { removedAt: null } }),
      rollupsCompared: (await prisma.recoveryRollup.count()) + (await prisma.baselineRollup.count()),
      differing: [],
    });
    expect(drift.rollupsCompared).toBeGreaterThan(drift.compared);
  });

  test("closes recoveries as the app does: outcomes close them, old quiet ones went quiet, statuses follow", { timeout: 30_000 }, async () => {
    if ((await prisma.candidate.count()) === 0) seedInto(DB_FILE(), await options());
    const raw = new Database(DB_FILE(), { readonly: true });
    const rows = <T,>(sql: string, ...params: unknown[]) => raw.prepare(sql).all(...params) as T[];
    const quietAfter = new Date(NOW - 30 * 24 * 3600_000).toISOString().replace("Z", "+00:00");
    try {
      const byReason = Object.fromEntries(
        rows<{ reason: string | null; n: number }>(`SELECT "closedReason" AS reason, COUNT(*) AS n FROM "InterviewFlag" GROUP BY 1`).map((r) => [
          r.reason ?? "open",
          r.n,
        ]),
      );
      for (const reason of ["open", "hired", "rejected", "offer_declined", "withdrew", "went_quiet", "resolved_by_hand", "flag_removed"]) {
        expect(byReason[reason] ?? 0, reason).toBeGreaterThan(0);
      }
      // State and closing agree; a hand resolution says how; a removed flag is closed as such.
      expect(rows(`SELECT "id" FROM "InterviewFlag" WHERE ("closedAt" IS NULL) <> ("recoveryState" <> 'closed')`)).toEqual([]);
      expect(rows(`SELECT "id" FROM "InterviewFlag" WHERE ("closedAt" IS NULL) <> ("closedReason" IS NULL)`)).toEqual([]);
      expect(rows(`SELECT "id" FROM "InterviewFlag" WHERE "closedReason" = 'resolved_by_hand' AND ("closedNote" IS NULL OR "closedById" IS NULL)`)).toEqual([]);
      expect(rows(`SELECT "id" FROM "InterviewFlag" WHERE "removedAt" IS NOT NULL AND "closedReason" <> 'flag_removed'`)).toEqual([]);
      expect(rows(`SELECT "id" FROM "InterviewFlag" WHERE "closedAt" < "flaggedAt" OR "lastActivityAt" < "flaggedAt" OR "closedAt" > ?`, sqlNow())).toEqual([]);
      // No open recovery quieter than the agency allows.
      expect(rows(`SELECT "id" FROM "InterviewFlag" WHERE "closedAt" IS NULL AND "lastActivityAt" < ?`, quietAfter)).toEqual([]);
      // A final outcome closed its application's recovery, with its reason (unless it was already closed before).
      const unclosed = rows(`
        SELECT f."id" FROM "CandidacyOutcome" o
        JOIN "Interview" i ON i."id" = o."interviewId" OR i."secondInterviewRequestId" IN (SELECT r."id" FROM "SecondInterviewRequest" r WHERE r."interviewId" = o."interviewId")
        JOIN "InterviewFlag" f ON f."interviewId" = i."id"
        WHERE o."outcome" IN ('hired', 'rejected', 'offer_declined', 'withdrawn') AND f."closedAt" IS NULL`);
      expect(unclosed).toEqual([]);
      const hiredButOtherReason = rows(`
        SELECT f."id" FROM "CandidacyOutcome" o JOIN "InterviewFlag" f ON f."interviewId" = o."interviewId"
        WHERE o."outcome" = 'hired' AND f."closedReason" NOT IN ('hired', 'flag_removed') AND f."closedAt" >= o."decidedAt"`);
      expect(hiredButOtherReason).toEqual([]);
      // Candidates' statuses follow: recovering exactly while a recovery is open.
      const openOf = `EXISTS (SELECT 1 FROM "Interview" i JOIN "InterviewFlag" f ON f."interviewId" = i."id" WHERE i."candidateId" = c."id" AND f."closedAt" IS NULL)`;
      expect(rows(`SELECT c."id" FROM "Candidate" c WHERE (c."status" = 'recovering') <> (${openOf})`)).toEqual([]);
      expect(rows(`SELECT c."id" FROM "Candidate" c WHERE c."status" = 'hired' AND NOT EXISTS (SELECT 1 FROM "CandidacyOutcome" o WHERE o."candidateId" = c."id" AND o."outcome" = 'hired')`)).toEqual([]);
    } finally {
      raw.close();
    }
  });

  test("fills the search index in bulk with exactly the rows its triggers write one by one", { timeout: 30_000 }, async () => {
    const base = inject("baseDatabase");
    const file = path.join(path.dirname(base), `large-search-${process.pid}.db`);
    try {
      copyFileSync(base, file);
      seedInto(file, await options());
      const db = new Database(file);
      try {
        const contents = () =>
          ["CandidateSearch", "CompanySearch", "InterviewSearch"].map((table) =>
            db.prepare(`SELECT rowid, * FROM "${table}" ORDER BY rowid`).all(),
          );
        const byTriggers = contents();
        expect(byTriggers.map((rows) => rows.length)).toEqual([300, 30, 750]);
        for (const table of ["CandidateSearch", "CompanySearch", "InterviewSearch"]) db.exec(`DELETE FROM "${table}"`);
        expect(contents().map((rows) => rows.length)).toEqual([0, 0, 0]);
        fillSearchIndexes(db);
        expect(contents()).toEqual(byTriggers);
        // And the index answers from the bulk-written rows.
        const { name } = db.prepare(`SELECT "name" FROM "Candidate" LIMIT 1`).get() as { name: string };
        const hits = db.prepare(`SELECT count(*) AS n FROM "CandidateSearch" WHERE "CandidateSearch" MATCH ?`).get(`"${name}"`) as { n: number };
        expect(hits.n).toBeGreaterThan(0);
      } finally {
        db.close();
      }
    } finally {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
  });

  test("gives the same rows for the same seed and moment", { timeout: 30_000 }, async () => {
    const base = inject("baseDatabase");
    const twins = [1, 2].map((n) => path.join(path.dirname(base), `large-twin-${process.pid}-${n}.db`));
    try {
      const opts = await options();
      const fingerprints = twins.map((file) => {
        copyFileSync(base, file);
        seedInto(file, opts);
        const db = new Database(file, { readonly: true });
        try {
          return db
            .prepare(`SELECT c."id", c."name", c."email", i."scheduledAt", i."impression" FROM "Interview" i JOIN "Candidate" c ON c."id" = i."candidateId" ORDER BY i."id"`)
            .all();
        } finally {
          db.close();
        }
      });
      expect(fingerprints[0]).toHaveLength(750);
      expect(fingerprints[1]).toEqual(fingerprints[0]);
    } finally {
      for (const file of twins) for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    }
  });
});
