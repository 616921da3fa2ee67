// `npm run db:backup -- <file> [--force]`: a consistent copy of DATABASE_URL, safe while the server runs.
import { parseArgs } from "node:util";
import { checkConfiguration, loadDotEnv } from "./prepare.ts";
import { backupDatabase, BackupError, databaseFile } from "./sqlite-backup.ts";

const usage = "Usage: npm run db:backup -- <backup file> [--force]   (--force overwrites an existing file)";
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { force: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
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
  const result = await backupDatabase(databaseFile(env.DATABASE_URL), parsed.positionals[0], { overwrite: parsed.values.force });
  console.log(
    `Backed up to ${result.file}: ${result.users} users, ${result.candidates} candidates, ${result.auditEvents} audit events; integrity ok.`,
  );
} catch (error) {
  if (!(error instanceof BackupError)) throw error;
  console.error(error.message);
  process.exit(1);
}
