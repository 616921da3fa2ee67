// `npm run test:unit:pg`: builds one migrated PostgreSQL database as a template; each test file then works on its
// own copy (CREATE DATABASE … TEMPLATE, a file copy on the server). TEST_POSTGRES_URL names a server and a database
// to connect to while creating the others (scripts/pg-test-server.sh provides it).
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migratePostgres } from "../../scripts/pg-migrate";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresTemplate: string;
  }
}

/** The URL with another database name. */
export function databaseUrl(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error("TEST_POSTGRES_URL is not set: run npm run test:unit:pg (it starts a private PostgreSQL).");
  const template = `rebound_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${template}"`);
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();
  await migratePostgres(databaseUrl(url, template));
  project.provide("postgresUrl", url);
  project.provide("postgresTemplate", template);
  return async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await client.end();
  };
}
