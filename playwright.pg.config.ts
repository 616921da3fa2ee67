// `npm run test:e2e:pg`: the two-instance smoke test on PostgreSQL (docs/decisions/012-postgres.md). Its global setup
// starts a private PostgreSQL (scripts/pg-test-server.sh, on PG_TEST_PORT, 54333 unless set); the spec starts two
// production servers on one fresh database of it, and a real SMTP sink both send to.
import { existsSync } from "node:fs";
import { defineConfig } from "playwright/test";

const debianChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e-pg",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e-pg/global-setup.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  // Two servers start (migrate, seed) inside the spec.
  timeout: 240_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results/pg",
  use: {
    trace: "retain-on-failure",
    launchOptions: existsSync(debianChromium)
      ? {
          executablePath: debianChromium,
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        }
      : {},
  },
});
