// A production server of its own for specs that would disturb the shared one (locks, rate limits, hostile bodies):
// `npm start` on a free port with a fresh database, filled by the test builders, and real session cookies.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";

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
  const serverEnv: NodeJS.ProcessEnv = {
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
  };
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: serverEnv,
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
  const data = await privateServerData(name, file, serverEnv);
  return {
    baseURL,
    file,
    db,
    ...data,
    output: () => output,
    stop: async () => {
      db.close();
      await stop();
    },
  };
}

type PrivateServerData = Pick<PrivateServer, "users" | "candidateId" | "interviewId" | "unsubscribeToken">;

/** Runs private-server-data.ts with the server's configuration and reads back the ids and cookies it made. */
function privateServerData(name: string, databaseFile: string, env: NodeJS.ProcessEnv) {
  const outputFile = `${databaseFile}.json`;
  return new Promise<PrivateServerData>((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["e2e/private-server-data.ts", name, outputFile], {
      stdio: ["ignore", "pipe", "pipe"],
      env,
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`Filling the private server's database failed (exit ${code}):\n${output}`));
      const data = JSON.parse(readFileSync(outputFile, "utf8")) as PrivateServerData;
      rmSync(outputFile, { force: true });
      resolve(data);
    });
  });
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
