// `--postgres` for `npm run seed:large` and `npm run bench`: the private PostgreSQL of scripts/pg-test-server.sh on
// PG_BENCH_PORT (default 54335), started if it isn't running, with one database per scale (rebound_bench_100k,
// rebound_bench_1m). Stop it with `PG_TEST_PORT=54335 bash scripts/pg-test-server.sh stop`.
import { spawnSync } from "node:child_process";
import pg from "pg";
import type { Scale } from "./target.ts";

export async function benchPostgresUrl(scale: Scale) {
  const port = process.env.PG_BENCH_PORT || "54335";
  const started = spawnSync("bash", ["scripts/pg-test-server.sh", "start"], {
    encoding: "utf8",
    env: { ...process.env, PG_TEST_PORT: port },
  });
  if (started.status !== 0) throw new Error(`The private PostgreSQL did not start:\n${started.stderr}`);
  const serverUrl = started.stdout.trim().split("\n").at(-1)!;
  const database = `rebound_bench_${scale}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
  return serverUrl.replace(/\/[^/]*$/, `/${database}`);
}
