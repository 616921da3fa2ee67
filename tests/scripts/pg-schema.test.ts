// The Postgres schema and migrations are generated from prisma/schema.prisma and prisma/migrations: CI fails here
// when someone changed the data model without regenerating them (README, "PostgreSQL").
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import {
  SQLITE_SCHEMA,
  isPostgresSchemaCurrent,
  missingPostgresMigrations,
  postgresSchema,
} from "../../scripts/pg-schema";

describe("the generated PostgreSQL schema", () => {
  test("differs from schema.prisma only in the provider and the client's folder", () => {
    const source = readFileSync(SQLITE_SCHEMA, "utf8");
    const generated = postgresSchema(source);
    expect(generated).toContain('provider = "postgresql"');
    expect(generated).toContain('output     = "../../app/.generated/prisma-pg"');
    const back = generated
      .replace(/^(\/\/ .*\n)+\n/, "")
      .replace('provider = "postgresql"', 'provider = "sqlite"')
      .replace('"../../app/.generated/prisma-pg"', '"../app/.generated/prisma"');
    expect(back).toBe(source);
  });

  test("refuses a schema whose datasource it can't find", () => {
    expect(() => postgresSchema('datasource db {\n  provider = "mysql"\n}\n')).toThrow(/expected the sqlite datasource/);
  });

  test("prisma/postgres/schema.prisma is current (npm run db:pg-schema rewrites it)", () => {
    expect(isPostgresSchemaCurrent()).toBe(true);
  });

  test("every SQLite migration has a Postgres twin or is covered by the baseline", () => {
    expect(missingPostgresMigrations()).toEqual([]);
  });
});
