// `npm run db:new-migration -- <name>`: turn schema.prisma changes into a new migration, offline.
// `migrate dev` only works here after `migrate deploy` (see prisma.config.ts for the shadow-database fix).
import { loadDotEnv, run } from "./prepare.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name_in_snake_case>");
  process.exit(1);
}
loadDotEnv();
run("node_modules/.bin/prisma", ["migrate", "deploy"]);
run("node_modules/.bin/prisma", ["migrate", "dev", "--name", name]);
