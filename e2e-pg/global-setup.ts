// Starts the private PostgreSQL the smoke test uses, unless one already answers on PG_TEST_PORT, and stops it
// afterwards only if it started it here. The spec finds it through TEST_POSTGRES_URL.
import { execFileSync } from "node:child_process";
import pg from "pg";

async function answers(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup() {
  process.env.PG_TEST_PORT ??= "54333";
  const script = (command: string) => execFileSync("bash", ["scripts/pg-test-server.sh", command], { encoding: "utf8" }).trim();
  const url = process.env.TEST_POSTGRES_URL ?? script("url");
  if (await answers(url)) {
    process.env.TEST_POSTGRES_URL = url;
    return;
  }
  process.env.TEST_POSTGRES_URL = script("start");
  return () => {
    script("stop");
  };
}
