// A production server of its own for specs that would disturb the shared one (locks, rate limits, hostile bodies):
// `npm start` on a free port with a fresh database, users and data written straight into it, real session cookies.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import Database from "better-sqlite3";
import { hashPassword } from "../app/utils/password.server";
import { sqlDate } from "../app/utils/sql-dialect.server";

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export type PrivateServer = {
  baseURL: string;
  /** The server's database file, for counting rows and holding locks. */
  file: string;
  db: Database.Database;
  users: { manager: { id: string; cookie: string }; recruiter: { id: string; cookie: string } };
  /** A candidate of the recruiter with one interview (real ids for the routes' params). */
  candidateId: string;
  interviewId: string;
  unsubscribeToken: string;
  /** The server's output so far, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
};

export async function startPrivateServer(name: string, extraEnv: Record<string, string> = {}): Promise<PrivateServer> {
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const file = path.resolve("e2e/.tmp", `private-${name}-${Date.now()}.db`);
  mkdirSync(path.dirname(file), { recursive: true });
  let output = "";
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: baseURL,
      DATABASE_URL: `file:${file}`,
      SESSION_SECRET: process.env.E2E_SESSION_SECRET,
      SEED_DEMO: "false",
      SMTP_URL: "",
      ...extraEnv,
    },
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  };
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${baseURL}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600 || child.exitCode !== null) {
      await stop();
      throw new Error(`The private server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  const now = sqlDate(new Date());
  const passwordHash = await hashPassword(`pw-${randomBytes(8).toString("hex")}`);
  const addUser = db.prepare(
    `INSERT INTO "User" (id, name, email, passwordHash, role, active, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
  );
  const managerId = randomUUID();
  const recruiterId = randomUUID();
  addUser.run(managerId, "Morgan Private", `manager-${name}@e2e.example.com`, passwordHash, "manager", now, now);
  addUser.run(recruiterId, "Riley Private", `recruiter-${name}@e2e.example.com`, passwordHash, "recruiter", now, now);
  const companyId = randomUUID();
  db.prepare(`INSERT INTO "Company" (id, name, createdAt) VALUES (?, 'Acme Private', ?)`).run(companyId, now);
  const candidateId = randomUUID();
  const interviewId = randomUUID();
  db.prepare(
    `INSERT INTO "Candidate" (id, name, email, recruiterId, status, lastInterviewAt, createdAt, updatedAt)
     VALUES (?, 'Casey Private', 'casey-private@e2e.example.com', ?, 'open', ?, ?, ?)`,
  ).run(candidateId, recruiterId, now, now, now);
  // An unsubscribe link as an email would carry it: only the token's hash is stored.
  const unsubscribeToken = randomBytes(32).toString("base64url");
  db.prepare(
    `INSERT INTO "UnsubscribeLink" (id, candidateId, tokenHash, expiresAt, createdAt) VALUES (?, ?, ?, ?, ?)`,
  ).run(randomUUID(), candidateId, sha256(unsubscribeToken), sqlDate(Date.now() + 86_400_000), now);
  db.prepare(
    `INSERT INTO "Interview" (id, candidateId, companyId, recruiterId, roleTitle, round, format, scheduledAt, durationMinutes, impression, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, 'Office Manager', 'first', 'in_person', ?, 60, 'unknown', ?, ?)`,
  ).run(interviewId, candidateId, companyId, recruiterId, now, now, now);

  // A real session row in this server's database, and its token signed the way the server reads it.
  const sessionCookie = createCookie("__Host-rebound_session", { secrets: [process.env.E2E_SESSION_SECRET ?? ""] });
  const cookie = async (userId: string) => {
    const token = randomBytes(32).toString("base64url");
    db.prepare(`INSERT INTO "Session" (id, userId, createdAt, expiresAt, lastSeenAt) VALUES (?, ?, ?, ?, ?)`).run(
      sha256(token),
      userId,
      now,
      sqlDate(Date.now() + 3_600_000),
      now,
    );
    return (await sessionCookie.serialize(token)).split(";")[0];
  };
  return {
    baseURL,
    file,
    db,
    users: {
      manager: { id: managerId, cookie: await cookie(managerId) },
      recruiter: { id: recruiterId, cookie: await cookie(recruiterId) },
    },
    candidateId,
    interviewId,
    unsubscribeToken,
    output: () => output,
    stop: async () => {
      db.close();
      await stop();
    },
  };
}

/** Rows in every table, to show that a run of requests wrote nothing. */
export function countAllRows(db: Database.Database) {
  const tables = db
    .prepare<[], { name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .all()
    .map((row) => row.name);
  return Object.fromEntries(
    tables.map((table) => [table, db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${table}"`).get()!.n]),
  );
}
