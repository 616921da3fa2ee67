// `npm run test:unit:pg`: the same Vitest suite on PostgreSQL (docs/decisions/012-postgres.md), each test file on
// its own copy of a migrated template database, plus the tests only PostgreSQL needs (tests/postgres/).
import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

// Tests of SQLite itself: its files, its migrations' data fixes, its backup API, its FTS5 tables.
const sqliteOnly = [
  "tests/models/email-links-migration.test.ts",
  "tests/models/recovery-lifecycle-migration.test.ts",
  "tests/models/search-migration.test.ts",
  "tests/scripts/db-backup.test.ts",
  "tests/scripts/seed-large.test.ts",
  "tests/routes/settings-audit-plan.test.ts",
  // Scans the SQLite file's bytes after an erasure; erasing on PostgreSQL is covered by the route and export tests.
  "tests/privacy/erase.test.ts",
];

export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: [...configDefaults.exclude, ...sqliteOnly],
    environment: "node",
    globalSetup: ["tests/setup/pg-global-setup.ts"],
    setupFiles: ["tests/setup/pg-db-setup.ts"],
    env: { NODE_ENV: "test", SEED_DEMO: "false", TZ: "UTC" },
    testTimeout: 20_000,
  },
});
