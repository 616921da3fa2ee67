// The migration to hashed email links, on a database as the previous release left it: old unsubscribe tokens keep
// working for 60 days, stored bodies lose their live tokens, undelivered mail gets its coaching run.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "rebound-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TARGET = "20261130002635_hashed_email_links";
const migrations = readdirSync(path.resolve("prisma/migrations")).filter((n) => /^\d+_/.test(n)).sort();
const apply = (db: Database.Database, names: string[]) => {
  for (const name of names) db.exec(readFileSync(path.resolve("prisma/migrations", name, "migration.sql"), "utf8"));
};

test("old tokens become expiring legacy rows and stored bodies are scrubbed", () => {
  const db = new Database(path.join(dir, "old.db"));
  apply(db, migrations.slice(0, migrations.indexOf(TARGET)));
  const now = "2026-11-29T10:00:00.000+00:00";
  const coachingToken = "A".repeat(20) + "b_-".repeat(7) + "xy"; // 43 base64url characters
  expect(coachingToken).toHaveLength(43);
  const oldToken = "cm3oldunsubscribetoken0001";
  db.exec(`PRAGMA foreign_keys=OFF`);
  db.prepare(`INSERT INTO "User" (id, name, email, role, active, createdAt, updatedAt) VALUES ('u1', 'Sam', 'sam@x.example', 'recruiter', 1, ?, ?)`).run(now, now);
  db.prepare(`INSERT INTO "Candidate" (id, name, email, recruiterId, unsubscribeToken, createdAt, updatedAt) VALUES ('c1', 'Ada', 'ada@x.example', 'u1', ?, ?, ?)`).run(oldToken, now, now);
  db.prepare(`INSERT INTO "ChecklistRun" (id, interviewId, flagId, playbookVersionId, status, startedAt) VALUES ('r1', 'i1', 'f1', 'p1', 'active', ?)`).run(now);
  const body = (kind: string) =>
    `${kind}: open https://app.example/coach/${coachingToken} or https://app.example/unsubscribe/${oldToken} (again: /coach/${coachingToken})`;
  const insertEmail = db.prepare(
    `INSERT INTO "EmailMessage" (id, candidateId, interviewId, template, toAddress, subject, html, text, status, messageId, createdAt)
     VALUES (?, 'c1', 'i1', 'rough_day', 'ada@x.example', 'Hi', ?, ?, ?, ?, ?)`,
  );
  insertEmail.run("e-queued", body("html"), body("text"), "queued", "<1@x>", now);
  insertEmail.run("e-sent", body("html"), body("text"), "sent", "<2@x>", now);

  apply(db, [TARGET]);

  const emails = db.prepare(`SELECT id, html, text, coachingRunId FROM "EmailMessage" ORDER BY id`).all() as {
    id: string;
    html: string;
    text: string;
    coachingRunId: string | null;
  }[];
  for (const email of emails) {
    expect(email.html + email.text).not.toContain(coachingToken);
    expect(email.html + email.text).not.toContain(oldToken);
    expect(email.text).toBe(
      "text: open https://app.example/coach/REDACTED-COACHING-TOKEN or https://app.example/unsubscribe/REDACTED-UNSUBSCRIBE-TOKEN (again: /coach/REDACTED-COACHING-TOKEN)",
    );
  }
  expect(emails.map((e) => [e.id, e.coachingRunId])).toEqual([
    ["e-queued", "r1"],
    ["e-sent", null],
  ]);
  const legacy = db.prepare(`SELECT candidateId, tokenHash, expiresAt FROM "UnsubscribeLink"`).all() as {
    candidateId: string;
    tokenHash: string;
    expiresAt: string;
  }[];
  expect(legacy).toHaveLength(1);
  expect(legacy[0]).toMatchObject({ candidateId: "c1", tokenHash: `legacy:${oldToken}` });
  const days = (new Date(legacy[0].expiresAt).getTime() - Date.now()) / (24 * 3600_000);
  expect(days).toBeGreaterThan(59);
  expect(days).toBeLessThanOrEqual(60);
  const columns = (db.prepare(`PRAGMA table_info("Candidate")`).all() as { name: string }[]).map((c) => c.name);
  expect(columns).not.toContain("unsubscribeToken");
  db.close();
});
