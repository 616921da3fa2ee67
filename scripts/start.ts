// `npm start`: build if the build is missing or stale, migrate, serve. An empty database gets the one-time setup
// page, or the demo with `npm run demo` (this script with --demo).
import { randomBytes } from "node:crypto";
import { readdirSync, statSync, existsSync } from "node:fs";
import path from "node:path";
import { buildStatsRollups, checkConfiguration, loadDotEnv, migrateDatabase, run, seedIfEmpty } from "./prepare.ts";

process.env.NODE_ENV ??= "production";
loadDotEnv();
const demo = process.argv.includes("--demo");
if (demo) {
  // Asking for the demo is explicit; without a secret it gets a temporary one (sign-ins end on restart).
  process.env.SEED_DEMO = "true";
  if (!process.env.SESSION_SECRET) {
    process.env.SESSION_SECRET = randomBytes(32).toString("hex");
    console.warn("Demo: SESSION_SECRET is not set, so a temporary one is used and sign-ins end when the server restarts.");
  }
}
const env = await checkConfiguration();

function newestSourceTime(entries: string[]): number {
  let newest = 0;
  for (const entry of entries) {
    if (!existsSync(entry)) continue;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      if (entry === path.join("public", "build")) continue;
      newest = Math.max(newest, newestSourceTime(readdirSync(entry).map((name) => path.join(entry, name))));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

const buildFile = path.join("build", "index.js");
const builtAt = existsSync(buildFile) ? statSync(buildFile).mtimeMs : 0;
if (builtAt < newestSourceTime(["app", "emails", "public", "remix.config.js", "package.json", "tsconfig.json"])) {
  console.log("Building the app…");
  run("node_modules/.bin/remix", ["build"], { quiet: true });
}

await migrateDatabase(env.DATABASE_URL);
await seedIfEmpty(env.SEED_DEMO, env.APP_URL, env.DATABASE_URL);
await buildStatsRollups(env.DATABASE_URL);

const { startServer } = await import("../server/index.ts");
await startServer({
  port: env.PORT,
  host: env.HOST,
  trustProxy: env.TRUST_PROXY,
  appUrl: env.APP_URL,
  mode: env.isProduction ? "production" : "development",
});
