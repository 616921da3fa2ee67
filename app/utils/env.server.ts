// Configuration, parsed once from the environment. The rest of the code imports `env`, never process.env.
import { randomBytes } from "node:crypto";
import { z } from "zod";

const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ["true", "false", "1", "0", "yes", "no", "on", "off"].includes(v), {
    message: "must be true or false",
  })
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce
      .number({ invalid_type_error: "must be a port number" })
      .int("must be a whole number")
      .min(1, "must be between 1 and 65535")
      .max(65535, "must be between 1 and 65535")
      .default(3000),
    DATABASE_URL: z
      .string()
      .default("file:./data/rebound.db")
      .refine((v) => v.startsWith("file:") && v.length > "file:".length, {
        message: 'must be an SQLite file URL such as "file:./data/rebound.db"',
      }),
    SESSION_SECRET: z
      .string()
      .optional()
      .refine((v) => !v || v.split(",").every((s) => s.trim().length >= 32), {
        message: "must be at least 32 characters (comma-separate several to rotate)",
      }),
    APP_URL: z.string().url("must be a URL such as http://localhost:3000").optional(),
    SMTP_URL: z
      .string()
      .optional()
      .refine((v) => !v || /^smtps?:\/\/[^/]+/.test(v), {
        message: "must look like smtp://user:pass@host:587 or smtps://host:465",
      }),
    MAIL_FROM: z
      .string()
      .default("Rebound <no-reply@localhost>")
      .refine((v) => /^(?:[^<>]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/.test(v.trim()), {
        message: 'must be an address such as "Rebound <no-reply@example.com>"',
      }),
    // Unset: the demo is seeded only in development. Production seeds it only when asked (npm run demo).
    SEED_DEMO: booleanFlag.optional(),
    TZ: z.string().optional(),
  })
  .superRefine((value, ctx) => {
    if (value.NODE_ENV === "production" && !value.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "is required in production; set a random string of 32+ characters (or try the demo: npm run demo)",
      });
    }
    if (value.TZ && !isTimeZone(value.TZ)) {
      ctx.addIssue({ code: "custom", path: ["TZ"], message: "is not a known IANA time zone" });
    }
  });

export function isTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type Env = ReturnType<typeof parseEnv>;

export class ConfigError extends Error {
  name = "ConfigError";
}

/** Parses configuration; throws a ConfigError whose message is one line naming the variable. */
export function parseEnv(source: Record<string, string | undefined>) {
  // An empty variable (as in a copied .env.example) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`Configuration error: ${issue.path.join(".")} ${issue.message}.`);
  }
  const value = result.data;
  const sessionSecrets = value.SESSION_SECRET
    ? value.SESSION_SECRET.split(",").map((s) => s.trim())
    : // Development or tests without a secret: cookies stay valid until the server restarts.
      [randomBytes(32).toString("hex")];
  return {
    ...value,
    SEED_DEMO: value.SEED_DEMO ?? value.NODE_ENV === "development",
    APP_URL: (value.APP_URL ?? `http://localhost:${value.PORT}`).replace(/\/$/, ""),
    sessionSecrets,
    sessionSecretIsEphemeral: !value.SESSION_SECRET,
    isProduction: value.NODE_ENV === "production",
    defaultTimeZone: value.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC",
  };
}

export const env = parseEnv(process.env);
