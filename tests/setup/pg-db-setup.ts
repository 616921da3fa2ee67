// Runs before each test file on PostgreSQL: point DATABASE_URL at a fresh copy of the migrated template database.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { databaseUrl } from "./pg-global-setup";

const url = inject("postgresUrl");
const database = `rebound_test_${randomUUID().replace(/-/g, "")}`;
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${inject("postgresTemplate")}"`);
await admin.end();
process.env.DATABASE_URL = databaseUrl(url, database);

afterAll(async () => {
  const { prisma } = await import("~/utils/db.server");
  await prisma.$disconnect();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A server process of another role (autovacuum on the fresh copy) can't be ended by FORCE: then try again once it
    // is gone. Cleanup only: the whole private cluster is thrown away after the run anyway.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        break;
      } catch (error) {
        if (attempt === 10) {
          console.warn(`Could not drop ${database}: ${(error as Error).message}`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    }
  } finally {
    await client.end();
  }
});
