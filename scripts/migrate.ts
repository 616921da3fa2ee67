// `npm run db:migrate`: applies pending migrations to DATABASE_URL (SQLite or PostgreSQL), as `npm start` does.
import { buildStatsRollups, checkConfiguration, loadDotEnv, migrateDatabase } from "./prepare.ts";

loadDotEnv();
const env = await checkConfiguration();
await migrateDatabase(env.DATABASE_URL);
await buildStatsRollups(env.DATABASE_URL);
