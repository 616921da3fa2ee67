// `npm run seed:large -- --db postgresql://…`: the large data set copied into PostgreSQL, generated small here.
// Exact counts, foreign keys back in place (and checked), demo logins that work, and a second run refused.
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { expect, test } from "vitest";
import { verifyLogin } from "~/models/users/user.server";

const url = () => process.env.DATABASE_URL!;

function seed(...args: string[]) {
  return spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/seed-large.ts", "--db", url(), ...args], {
    encoding: "utf8",
    env: { ...process.env, LARGE_DATABASE_URL: "" },
  });
}

async function query<T extends pg.QueryResultRow>(sql: string) {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const foreignKeys = async () =>
  Number((await query<{ n: string }>(`SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f'`))[0].n);
const count = async (table: string) => Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`))[0].n);

test("fills PostgreSQL with exactly the asked-for rows, keeps every foreign key, and refuses to seed twice", { timeout: 180_000 }, async () => {
  const keysBefore = await foreignKeys();
  expect(keysBefore).toBeGreaterThan(10);

  const first = seed("--candidates", "120", "--interviews", "300");
  expect(first.status, first.stdout + first.stderr).toBe(0);
  expect(await count("Candidate")).toBe(120);
  expect(await count("Interview")).toBe(300);
  expect(await count("InterviewFlag")).toBeGreaterThan(0);
  expect(await count("FlagReason")).toBeGreaterThan(0);
  // Dropped for the load, re-added (and so checked against every row) before the commit.
  expect(await foreignKeys()).toBe(keysBefore);
  // Booleans and dates arrive as PostgreSQL's own types, not as SQLite's 0/1 and text.
  const active = await query<{ active: boolean; createdAt: Date }>(`SELECT active, "createdAt" FROM "User" WHERE email = 'manager@example.com'`);
  expect(active[0].active).toBe(true);
  expect(active[0].createdAt).toBeInstanceOf(Date);
  // The summary columns came across: every candidate has a last interview.
  expect(Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "Candidate" WHERE "lastInterviewAt" IS NOT NULL`))[0].n)).toBe(120);
  // Copied with the triggers off, each interview's search text is filled afterwards, as the triggers would write it;
  // the triggers are back on.
  const searchText = `SELECT count(*) AS n FROM "Interview"
    WHERE "searchText" IS NULL OR "searchText" <> rebound_interview_search("candidateId", "roleTitle")`;
  expect(Number((await query<{ n: string }>(searchText))[0].n)).toBe(0);
  const disabled = `SELECT count(*) AS n FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'`;
  expect(Number((await query<{ n: string }>(disabled))[0].n)).toBe(0);

  const login = await verifyLogin("manager@example.com", "rebound-demo");
  expect(login).toMatchObject({ email: "manager@example.com" });

  const again = seed("--candidates", "50", "--interviews", "100");
  expect(again.status).toBe(1);
  expect(again.stderr).toContain("already has 120 candidates; nothing was written");
  expect(await count("Candidate")).toBe(120);

  // --force empties every table and seeds again: the new counts, nothing of the first run left over.
  const forced = seed("--force", "--candidates", "50", "--interviews", "100");
  expect(forced.status, forced.stdout + forced.stderr).toBe(0);
  expect(await count("Candidate")).toBe(50);
  expect(await count("Interview")).toBe(100);
  expect(await foreignKeys()).toBe(keysBefore);
});
