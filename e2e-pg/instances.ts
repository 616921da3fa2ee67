// Two production servers (`scripts/start.ts`, as `npm start` runs it) on one PostgreSQL database, started together,
// so they also race to migrate and seed it as instances behind a load balancer would.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The server's URL with another database name. */
function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server; returns its URL and a function that drops it. */
export async function freshDatabase(serverUrl: string) {
  const name = `rebound_e2e_${Date.now()}_${process.pid}`;
  await admin(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: withDatabase(serverUrl, name),
    drop: () => admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

export type Instance = { name: string; baseURL: string; output: () => string; stop: () => Promise<void> };

function startInstance(name: string, port: number, env: NodeJS.ProcessEnv): Instance & { ready: Promise<void> } {
  const baseURL = `http://localhost:${port}`;
  let output = "";
  const child: ChildProcess = spawn(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...env, PORT: String(port), APP_URL: baseURL },
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      await exited;
    }
  };
  const ready = (async () => {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${baseURL}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      if (i > 1500 || child.exitCode !== null) {
        await stop();
        throw new Error(`Instance ${name} did not start:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return { name, baseURL, output: () => output, stop, ready };
}

/** Starts both instances at once on the same database, secret and SMTP server; resolves when both answer /healthz. */
export async function startTwoInstances(env: NodeJS.ProcessEnv): Promise<[Instance, Instance]> {
  const [portA, portB] = [await freePort(), await freePort()];
  const a = startInstance("A", portA, env);
  const b = startInstance("B", portB, env);
  const results = await Promise.allSettled([a.ready, b.ready]);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) {
    await Promise.all([a.stop(), b.stop()]);
    throw (failed as PromiseRejectedResult).reason;
  }
  return [a, b];
}

export type SmokeCandidate = { candidateId: string; interviewId: string; name: string; email: string };

/** Runs data.ts with the instances' configuration: two candidates of this recruiter, each with an interview. */
export function makeSmokeData(recruiterEmail: string, env: NodeJS.ProcessEnv) {
  const dir = path.resolve("e2e-pg/.tmp");
  mkdirSync(dir, { recursive: true });
  const outputFile = path.join(dir, `data-${Date.now()}.json`);
  return new Promise<SmokeCandidate[]>((resolve, reject) => {
    const child = spawn(path.resolve("node_modules/.bin/tsx"), ["e2e-pg/data.ts", recruiterEmail, outputFile], {
      stdio: ["ignore", "pipe", "pipe"],
      env,
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`Making the smoke test's data failed (exit ${code}):\n${output}`));
      const data = JSON.parse(readFileSync(outputFile, "utf8")) as SmokeCandidate[];
      rmSync(outputFile, { force: true });
      resolve(data);
    });
  });
}

/** One query on the instances' database (for reading what the outbox holds). */
export function query<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  return admin(url, async (c) => (await c.query<R>(sql, params)).rows);
}
