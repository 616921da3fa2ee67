// `npm run db:seed`: seed the demo into the configured database if it has no users yet.
import { checkConfiguration, loadDotEnv, migrateDatabase, seedIfEmpty } from "./prepare.ts";

loadDotEnv();
const env = await checkConfiguration();
await migrateDatabase(env.DATABASE_URL);
await seedIfEmpty(true, env.APP_URL, env.DATABASE_URL);
