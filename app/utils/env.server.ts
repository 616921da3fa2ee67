// Configuration, parsed once from the environment. The rest of the code imports `env`, never process.env.
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
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
    HOST: z
      .string()
      .trim()
      .default("127.0.0.1")
      .refine((v) => isIP(v.replace(/^\[|\]$/g, "")) !== 0 || /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(v), {
        message: "must be an address such as 127.0.0.1 or 0.0.0.0, or a host name",
      }),
    TRUST_PROXY: z
      .string()
      .trim()
      .default("false")
      .transform((v, ctx) => {
        const parsed = parseTrustProxy(v);
        if (parsed === undefined) {
          ctx.addIssue({
            code: "custom",
            message:
              "must be false, a number of proxy hops such as 1, or the proxies' addresses (for example loopback or 10.0.0.0/8)",
          });
          return z.NEVER;
        }
        return parsed;
      }),
    DATABASE_URL: z
      .string()
      .default("file:./data/rebound.db")
      .refine((v) => (v.startsWith("file:") && v.length > "file:".length) || isPostgresUrl(v), {
        message: 'must be an SQLite file URL such as "file:./data/rebound.db" or a postgresql://user:password@host:5432/db URL',
      }),
    // Connections each instance's pool may open on PostgreSQL (the server allows 100 in all by default).
    DATABASE_POOL_SIZE: z.coerce
      .number({ invalid_type_error: "must be a number of connections" })
      .int("must be a whole number")
      .min(1, "must be between 1 and 100")
      .max(100, "must be between 1 and 100")
      .default(10),
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
    // Sending a password over a connection without TLS is a choice the operator makes by name, never a fallback.
    SMTP_INSECURE_PLAINTEXT_AUTH: booleanFlag.default("false"),
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

/** postgresql:// (or postgres://) with a host: selects PostgreSQL (docs/decisions/012-postgres.md). */
export function isPostgresUrl(url: string) {
  if (!/^postgres(ql)?:\/\//.test(url)) return false;
  try {
    return new URL(url).hostname.length > 0;
  } catch {
    return false;
  }
}

export function isTimeZone(zone: string) {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * TRUST_PROXY as express's `trust proxy` value: false, a hop count, or a list of addresses, subnets and the names
 * express knows. `true` is refused on purpose: it would let any client choose its own address with X-Forwarded-For.
 */
export function parseTrustProxy(value: string): false | number | string[] | undefined {
  const v = value.toLowerCase();
  if (["", "false", "0", "no", "off"].includes(v)) return false;
  if (/^[1-9]\d?$/.test(v)) return Number(v);
  const entries = v.split(",").map((entry) => entry.trim());
  const valid = (entry: string) => {
    if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
    const [address, prefix, ...rest] = entry.split("/");
    if (rest.length > 0 || !isIP(address)) return false;
    if (prefix === undefined) return true;
    return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address) === 4 ? 32 : 128);
  };
  return entries.length > 0 && entries.every(valid) ? entries : undefined;
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
    databaseProvider: isPostgresUrl(value.DATABASE_URL) ? ("postgresql" as const) : ("sqlite" as const),
    defaultTimeZone: value.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC",
  };
}

export const env = parseEnv(process.env);
