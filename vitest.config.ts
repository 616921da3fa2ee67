import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve("app") } },
  test: {
    include: ["tests/**/*.test.ts"],
    // Tests of PostgreSQL alone run in npm run test:unit:pg (vitest.pg.config.ts).
    exclude: [...configDefaults.exclude, "tests/postgres/**"],
    environment: "node",
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/db-setup.ts"],
    env: { NODE_ENV: "test", SEED_DEMO: "false", TZ: "UTC" },
    // Generous: the suite shares two cores with builds and browsers; a real hang still fails.
    testTimeout: 20_000,
  },
});
