// `npm run dev`: migrate and seed like `npm start`, then let the Remix compiler rebuild on every change.
import { checkConfiguration, loadDotEnv, migrateDatabase, run, seedIfEmpty } from "./prepare.ts";

process.env.NODE_ENV = "development";
loadDotEnv();
const env = await checkConfiguration();
await migrateDatabase(env.DATABASE_URL);
await seedIfEmpty(env.SEED_DEMO, env.APP_URL, env.DATABASE_URL);
run("node_modules/.bin/remix", ["dev", "--manual", "-c", "tsx scripts/serve-dev.ts"]);
