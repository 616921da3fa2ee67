// The search migration on a database as the previous release left it: existing candidates, companies and interviews
// are backfilled into the index, and later writes keep it in step.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";

const dir = mkdtempSync(path.join(tmpdir(), "rebound-search-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TARGET = "20261130060000_search_index";
const migrations = readdirSync(path.resolve("prisma/migrations")).filter((n) => /^\d+_/.test(n)).sort();
const apply = (db: Database.Database, names: string[]) => {
  for (const name of names) db.exec(readFileSync(path.resolve("prisma/migrations", name, "migration.sql"), "utf8"));
};

test("existing rows are backfilled and found by substrings of 3+ characters", () => {
  const db = new Database(path.join(dir, "old.db"));
  expect(migrations).toContain(TARGET);
  apply(db, migrations.slice(0, migrations.indexOf(TARGET)));
  const now = "2026-11-29T10:00:00.000+00:00";
  db.prepare(`INSERT INTO "User" (id, name, email, role, active, createdAt, updatedAt) VALUES ('u1', 'Sam', 'sam@x.example', 'recruiter', 1, ?, ?)`).run(now, now);
  db.prepare(`INSERT INTO "Candidate" (id, name, email, phone, recruiterId, createdAt, updatedAt) VALUES ('c1', 'Zoë Ångström', 'zoe@fjord.example', '+44 7700 900123', 'u1', ?, ?)`).run(now, now);
  db.prepare(`INSERT INTO "Company" (id, name, createdAt) VALUES ('co1', 'Fjordline', ?)`).run(now);
  db.prepare(
    `INSERT INTO "Interview" (id, candidateId, companyId, recruiterId, roleTitle, scheduledAt, createdAt, updatedAt)
     VALUES ('i1', 'c1', 'co1', 'u1', 'Deckhand', ?, ?, ?)`,
  ).run(now, now, now);

  apply(db, [TARGET]);

  const match = (table: string, q: string) =>
    (db.prepare(`SELECT rowid FROM "${table}" WHERE "${table}" MATCH ?`).all(q) as { rowid: number }[]).length;
  expect(match("CandidateSearch", '"fjord.ex"')).toBe(1);
  expect(match("CandidateSearch", '"7700900"')).toBe(1);
  // Accents don't have to be typed.
  expect(match("CandidateSearch", '"angstr"')).toBe(1);
  expect(match("CompanySearch", '"ordlin"')).toBe(1);
  expect(match("InterviewSearch", '"zoë" AND "fjordline" AND "deckh"')).toBe(1);

  // Rows written afterwards (here by plain SQL, as the seeds do) reach the index through the triggers.
  db.prepare(`INSERT INTO "Candidate" (id, name, email, recruiterId, createdAt, updatedAt) VALUES ('c2', 'Kai', 'kai@later.example', 'u1', ?, ?)`).run(now, now);
  expect(match("CandidateSearch", '"later"')).toBe(1);
  db.close();
});

test("the own-words migration rebuilds the interviews' search rows from existing interviews, without the company", () => {
  const OWN_WORDS = "20261201031500_interview_search_own_words";
  const db = new Database(path.join(dir, "own-words.db"));
  expect(migrations).toContain(OWN_WORDS);
  apply(db, migrations.slice(0, migrations.indexOf(OWN_WORDS)));
  const now = "2026-11-29T10:00:00.000+00:00";
  db.prepare(`INSERT INTO "User" (id, name, email, role, active, createdAt, updatedAt) VALUES ('u1', 'Sam', 'sam@x.example', 'recruiter', 1, ?, ?)`).run(now, now);
  db.prepare(`INSERT INTO "Candidate" (id, name, email, recruiterId, createdAt, updatedAt) VALUES ('c1', 'Zoë Ångström', 'zoe@fjord.example', 'u1', ?, ?)`).run(now, now);
  db.prepare(`INSERT INTO "Company" (id, name, createdAt) VALUES ('co1', 'Fjordline', ?)`).run(now);
  for (const [id, role] of [["i1", "Deckhand"], ["i2", "Purser"]]) {
    db.prepare(
      `INSERT INTO "Interview" (id, candidateId, companyId, recruiterId, roleTitle, scheduledAt, createdAt, updatedAt)
       VALUES (?, 'c1', 'co1', 'u1', ?, ?, ?, ?)`,
    ).run(id, role, now, now, now);
  }

  apply(db, migrations.slice(migrations.indexOf(OWN_WORDS)));

  const match = (q: string) => (db.prepare(`SELECT rowid FROM "InterviewSearch" WHERE "InterviewSearch" MATCH ?`).all(q) as unknown[]).length;
  expect((db.prepare(`SELECT COUNT(*) AS n FROM "InterviewSearch"`).get() as { n: number }).n).toBe(2);
  expect(match('"angstr" AND "purs"')).toBe(1);
  expect(match('"zoë"')).toBe(2);
  // The company's name is read from CompanySearch now, not from each interview's row.
  expect(match('"fjordline"')).toBe(0);
  // Erasure's guarantee (docs/privacy.md): deleted terms leave the rebuilt index at once.
  expect(db.prepare(`SELECT v FROM "InterviewSearch_config" WHERE k = 'secure-delete'`).get()).toEqual({ v: 1 });
  // Later writes still reach it.
  db.prepare(`UPDATE "Interview" SET roleTitle = 'Navigator' WHERE id = 'i1'`).run();
  expect(match('"navig"')).toBe(1);
  db.close();
});
