// The recovery lifecycle migration on a copy of the demo database as it was before it (tests/fixtures): every flag
// keeps its row and gets a recovery state derived from its facts, closed recoveries leave nothing active behind, and
// candidates' statuses follow. The expectations are computed from the database before the migration, in JavaScript,
// so they don't merely restate the SQL.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const HOUR = 3600_000;
const dir = mkdtempSync(path.join(tmpdir(), "rebound-lifecycle-migration-"));
const file = path.join(dir, "demo.db");
const migrationDir = readdirSync("prisma/migrations").find((name) => /^\d+_recovery_lifecycle$/.test(name));

type Row = Record<string, unknown>;
type FlagBefore = {
  id: string;
  interviewId: string;
  candidateId: string;
  scheduledAt: string;
  durationMinutes: number;
  flaggedAt: string;
  resolvedAt: string | null;
  resolvedById: string | null;
  removedAt: string | null;
  application: string;
};
type FlagAfter = {
  id: string;
  recoveryState: string;
  closedAt: string | null;
  closedById: string | null;
  closedReason: string | null;
  windowClosesAt: string;
  lastActivityAt: string;
  stateChangedAt: string;
};

let db: Database.Database;
let before: FlagBefore[];
let after: Map<string, FlagAfter>;
/** The newest final outcome of each application, as the closing reason it should give. */
const finalOutcome = new Map<string, { reason: string; recordedById: string }>();
/** The newest second-interview answer of each interview, as the state it should give. */
const requestState = new Map<string, string>();
let removedWithOutcome: string;
let migratedAt: number;

const time = (value: unknown) => new Date(String(value)).getTime();

beforeAll(() => {
  expect(migrationDir, "the recovery lifecycle migration exists").toBeDefined();
  writeFileSync(file, gunzipSync(readFileSync("tests/fixtures/demo-before-recovery-lifecycle.db.gz")));
  db = new Database(file);
  expect(db.prepare(`SELECT COUNT(*) AS n FROM "_prisma_migrations" WHERE "migration_name" = ?`).get(migrationDir)).toEqual({ n: 0 });

  // The demo has no removed flag: remove one that also has a final outcome, so "removed wins" is exercised too.
  const target = db
    .prepare(
      `SELECT f."id" FROM "InterviewFlag" f JOIN "CandidacyOutcome" o ON o."interviewId" = f."interviewId"
       WHERE o."outcome" IN ('hired', 'rejected', 'offer_declined', 'withdrawn') ORDER BY f."id" LIMIT 1`,
    )
    .get() as { id: string } | undefined;
  expect(target, "the demo has a flagged interview with a final outcome").toBeDefined();
  removedWithOutcome = target!.id;
  db.prepare(`UPDATE "InterviewFlag" SET "removedAt" = "flaggedAt" WHERE "id" = ?`).run(removedWithOutcome);

  before = db
    .prepare(
      `SELECT f."id", f."interviewId", i."candidateId", i."scheduledAt", i."durationMinutes", f."flaggedAt", f."resolvedAt",
              f."resolvedById", f."removedAt", COALESCE(g."interviewId", i."id") AS "application"
       FROM "InterviewFlag" f JOIN "Interview" i ON i."id" = f."interviewId"
       LEFT JOIN "SecondInterviewRequest" g ON g."id" = i."secondInterviewRequestId" ORDER BY f."id"`,
    )
    .all() as FlagBefore[];
  const outcomes = db
    .prepare(`SELECT "interviewId", "outcome", "recordedById" FROM "CandidacyOutcome" WHERE "interviewId" IS NOT NULL ORDER BY "decidedAt", "createdAt"`)
    .all() as { interviewId: string; outcome: string; recordedById: string }[];
  const reasons: Record<string, string> = { hired: "hired", rejected: "rejected", offer_declined: "offer_declined", withdrawn: "withdrew" };
  for (const o of outcomes) if (reasons[o.outcome]) finalOutcome.set(o.interviewId, { reason: reasons[o.outcome], recordedById: o.recordedById });
  const requests = db
    .prepare(`SELECT "interviewId", "response" FROM "SecondInterviewRequest" ORDER BY "requestedAt"`)
    .all() as { interviewId: string; response: string }[];
  const states: Record<string, string> = { pending: "requested", granted: "granted", declined: "declined", no_response: "no_answer" };
  for (const r of requests) requestState.set(r.interviewId, states[r.response]);

  migratedAt = Date.now();
  db.exec(readFileSync(path.join("prisma/migrations", migrationDir!, "migration.sql"), "utf8"));
  after = new Map(
    (db.prepare(`SELECT * FROM "InterviewFlag"`).all() as FlagAfter[]).map((flag) => [flag.id, flag]),
  );
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the recovery lifecycle migration on the demo database", () => {
  test("the fixture has every kind of flag the migration handles", () => {
    expect(before.length).toBeGreaterThan(100);
    expect(before.filter((f) => f.resolvedAt).length).toBeGreaterThan(10);
    expect(before.filter((f) => finalOutcome.has(f.application)).length).toBeGreaterThan(10);
    expect(before.filter((f) => requestState.has(f.interviewId)).length).toBeGreaterThan(10);
    expect(before.filter((f) => f.removedAt)).toHaveLength(1);
  });

  test("no flag is lost: the same count and the same ids", () => {
    expect([...after.keys()].sort()).toEqual(before.map((f) => f.id));
    expect(db.prepare(`SELECT COUNT(*) AS n FROM "InterviewFlag"`).get()).toEqual({ n: before.length });
  });

  test("a removed flag is closed as flag_removed, at its removal, even with an outcome", () => {
    for (const flag of before.filter((f) => f.removedAt)) {
      const row = after.get(flag.id)!;
      expect(row).toMatchObject({ recoveryState: "closed", closedReason: "flag_removed", closedById: null });
      expect(time(row.closedAt)).toBe(time(flag.removedAt));
    }
    expect(after.get(removedWithOutcome)!.closedReason).toBe("flag_removed");
  });

  test("a flag whose application has a final outcome is closed with that outcome's reason", () => {
    const withOutcome = before.filter((f) => !f.removedAt && finalOutcome.has(f.application));
    expect(withOutcome.length).toBeGreaterThan(10);
    for (const flag of withOutcome) {
      const outcome = finalOutcome.get(flag.application)!;
      const row = after.get(flag.id)!;
      expect(row, flag.id).toMatchObject({ recoveryState: "closed", closedReason: outcome.reason, closedById: outcome.recordedById });
      expect(time(row.closedAt)).toBeGreaterThanOrEqual(time(flag.flaggedAt));
    }
  });

  test("a flag resolved by hand (and not decided otherwise) is closed resolved_by_hand, when and by whom it was", () => {
    const resolved = before.filter((f) => f.resolvedAt && !f.removedAt && !finalOutcome.has(f.application));
    expect(resolved.length).toBeGreaterThan(0);
    for (const flag of resolved) {
      const row = after.get(flag.id)!;
      expect(row).toMatchObject({ recoveryState: "closed", closedReason: "resolved_by_hand", closedById: flag.resolvedById });
      expect(time(row.closedAt)).toBe(time(flag.resolvedAt));
    }
  });

  test("the rest are open in the state their newest request gives, or went quiet after 30 days without activity", () => {
    const rest = before.filter((f) => !f.resolvedAt && !f.removedAt && !finalOutcome.has(f.application));
    expect(rest.length).toBeGreaterThan(0);
    const quietBefore = migratedAt - 30 * 24 * HOUR;
    let open = 0;
    for (const flag of rest) {
      const row = after.get(flag.id)!;
      if (row.closedAt) {
        expect(row, flag.id).toMatchObject({ recoveryState: "closed", closedReason: "went_quiet" });
        expect(time(row.lastActivityAt)).toBeLessThan(quietBefore + 60_000);
        expect(time(row.closedAt)).toBe(time(row.lastActivityAt) + 30 * 24 * HOUR);
      } else {
        open += 1;
        expect(row, flag.id).toMatchObject({ recoveryState: requestState.get(flag.interviewId) ?? "open", closedReason: null, closedById: null });
        expect(time(row.lastActivityAt)).toBeGreaterThanOrEqual(quietBefore - 60_000);
      }
    }
    expect(open, "some recoveries are still open").toBeGreaterThan(0);
  });

  test("closed rows are consistent: a reason, a time, stateChangedAt at closing", () => {
    for (const row of after.values()) {
      if (row.recoveryState === "closed") {
        expect(row.closedReason).not.toBeNull();
        expect(row.closedAt).not.toBeNull();
        expect(time(row.stateChangedAt)).toBe(time(row.closedAt));
      } else {
        expect(row.closedAt).toBeNull();
        expect(row.closedReason).toBeNull();
      }
    }
  });

  test("windowClosesAt is the interview's end plus 24 hours for every flag", () => {
    for (const flag of before) {
      const end = time(flag.scheduledAt) + flag.durationMinutes * 60_000;
      expect(time(after.get(flag.id)!.windowClosesAt), flag.id).toBe(end + 24 * HOUR);
    }
  });

  test("no closed recovery keeps an active checklist or a pending step", () => {
    const active = db
      .prepare(
        `SELECT COUNT(*) AS n FROM "ChecklistRun" r JOIN "InterviewFlag" f ON f."id" = r."flagId"
         WHERE f."closedAt" IS NOT NULL AND r."status" = 'active'`,
      )
      .get();
    const pending = db
      .prepare(
        `SELECT COUNT(*) AS n FROM "ChecklistStepState" s JOIN "ChecklistRun" r ON r."id" = s."runId"
         JOIN "InterviewFlag" f ON f."id" = r."flagId" WHERE f."closedAt" IS NOT NULL AND s."status" = 'pending'`,
      )
      .get();
    expect(active).toEqual({ n: 0 });
    expect(pending).toEqual({ n: 0 });
    // The steps nobody did were finished as "not needed", not lost.
    const notNeeded = db.prepare(`SELECT COUNT(*) AS n FROM "ChecklistStepState" WHERE "status" = 'not_needed'`).get() as { n: number };
    expect(notNeeded.n).toBeGreaterThan(0);
  });

  test("no candidate is 'recovering' without an open recovery, and open-flag counts match", () => {
    const stray = db
      .prepare(
        `SELECT c."id" FROM "Candidate" c WHERE c."status" = 'recovering' AND NOT EXISTS (
           SELECT 1 FROM "Interview" i JOIN "InterviewFlag" f ON f."interviewId" = i."id"
           WHERE i."candidateId" = c."id" AND f."closedAt" IS NULL AND f."removedAt" IS NULL)`,
      )
      .all();
    expect(stray).toEqual([]);
    const wrongCount = db
      .prepare(
        `SELECT c."id" FROM "Candidate" c WHERE c."openFlagCount" <> (
           SELECT COUNT(*) FROM "Interview" i JOIN "InterviewFlag" f ON f."interviewId" = i."id"
           WHERE i."candidateId" = c."id" AND f."closedAt" IS NULL AND f."removedAt" IS NULL)`,
      )
      .all();
    expect(wrongCount).toEqual([]);
  });

  test("the database is still sound", () => {
    expect(db.pragma("foreign_key_check")).toEqual([]);
    expect((db.pragma("integrity_check") as Row[])[0]).toEqual({ integrity_check: "ok" });
  });
});
