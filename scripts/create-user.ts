// `npm run user:create -- --name "Ada Lovelace" --email ada@agency.example --role manager`
// Creates a recruiter or manager and prints a one-time link to choose a password
// (or sets --password directly, for scripted set-ups).
import { parseArgs } from "node:util";
import { checkConfiguration, loadDotEnv, migrateDatabase } from "./prepare.ts";

const usage =
  'Usage: npm run user:create -- --name "Full Name" --email person@agency.example [--role recruiter|manager] [--password "at least 12 characters"]';

let values;
try {
  ({ values } = parseArgs({
    options: {
      name: { type: "string" },
      email: { type: "string" },
      role: { type: "string", default: "recruiter" },
      password: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(1);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

loadDotEnv();
const env = await checkConfiguration();
const { z } = await import("zod");
const { passwordField, roleField } = await import("../app/models/users/user-forms.ts");
const { emailField, nameField } = await import("../app/models/users/person-fields.ts");
const parsed = z
  .object({ name: nameField, email: emailField, role: roleField, password: passwordField.optional() })
  .safeParse(values);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  console.error(`--${issue.path.join(".")}: ${issue.message}\n${usage}`);
  process.exit(1);
}

await migrateDatabase(env.DATABASE_URL);
const { createUser } = await import("../app/models/users/user.server.ts");
const { RuleViolation } = await import("../app/utils/errors.server.ts");
const { prisma } = await import("../app/utils/db.server.ts");
try {
  const { user, setupToken } = await createUser(parsed.data, { label: "cli" });
  console.log(`Created ${user.role} ${user.name} <${user.email}>.`);
  if (setupToken) {
    console.log(`They choose a password at this one-time link (valid 72 hours):\n${env.APP_URL}/set-password/${setupToken}`);
  }
} catch (error) {
  if (error instanceof RuleViolation) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await prisma.$disconnect();
}
