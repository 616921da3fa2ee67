// End-to-end tests in a real Chromium against the production build, on a free port with its own database.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { defineConfig } from "playwright/test";

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// Worker processes load this file again: reuse the values the main process chose (they inherit its env).
if (!process.env.E2E_DATABASE) rmSync(path.resolve("e2e/.tmp"), { recursive: true, force: true });
process.env.E2E_PORT ??= String(await freePort());
process.env.E2E_DATABASE ??= path.resolve("e2e/.tmp", `e2e-${Date.now()}.db`);
process.env.E2E_SESSION_SECRET ??= randomBytes(32).toString("hex");
mkdirSync(path.dirname(process.env.E2E_DATABASE), { recursive: true });

const port = Number(process.env.E2E_PORT);
const baseURL = `http://localhost:${port}`;
// Browser downloads fail on our machines: use Debian's chromium where it exists, Playwright's own elsewhere.
const debianChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
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
  webServer: {
    command: "npm start",
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      APP_URL: baseURL,
      DATABASE_URL: `file:${process.env.E2E_DATABASE}`,
      SESSION_SECRET: process.env.E2E_SESSION_SECRET,
      SEED_DEMO: "true",
      SMTP_URL: "",
    },
  },
});
