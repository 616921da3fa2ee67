// `npm run db:restore -- <backup file>`: replaces DATABASE_URL with a backup. The server must be stopped.
import { parseArgs } from "node:util";
import { checkConfiguration, loadDotEnv } from "./prepare.ts";
import { BackupError, databaseFile, restoreDatabase } from "./sqlite-backup.ts";

const usage = "Usage: npm run db:restore -- <backup file>   (stop the server first; the current database is kept aside)";
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { help: { type: "boolean", short: "h" } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(1);
}
if (parsed.values.help || parsed.positionals.length !== 1) {
  console.log(usage);
  process.exit(parsed.values.help ? 0 : 1);
}

loadDotEnv();
const env = await checkConfiguration();
try {
  const result = await restoreDatabase(parsed.positionals[0], databaseFile(env.DATABASE_URL));
  if (result.previous) console.log(`The database as it was is kept at ${result.previous}.`);
  console.log(
    `Restored ${result.file}: ${result.users} users, ${result.candidates} candidates, ${result.auditEvents} audit events. ` +
      "`npm start` applies any migrations the backup predates.",
  );
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
