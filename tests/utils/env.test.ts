import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ConfigError, parseEnv } from "~/utils/env.server";

function configError(source: Record<string, string>) {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("configuration", () => {
  test("an empty environment gives working defaults", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBe("file:./data/rebound.db");
    expect(env.SEED_DEMO).toBe(true); // development: the demo is the default
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.sessionSecretIsEphemeral).toBe(true);
  });

  test.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    // postgresql:// selects PostgreSQL since issue 15; other databases are still refused.
    ["DATABASE_URL", "mysql://localhost/rebound"],
    ["DATABASE_URL", "postgresql:///rebound"],
    ["DATABASE_POOL_SIZE", "0"],
    ["SESSION_SECRET", "too-short"],
    ["APP_URL", "not a url"],
    ["SMTP_URL", "http://mail.example.com"],
    ["MAIL_FROM", "nobody"],
    ["SEED_DEMO", "maybe"],
    ["SMTP_INSECURE_PLAINTEXT_AUTH", "sometimes"],
    ["TZ", "Mars/Base"],
    ["HOST", "not a host!"],
    ["TRUST_PROXY", "true"],
    ["TRUST_PROXY", "10.0.0.0/33"],
    ["TRUST_PROXY", "loopback, proxy.example.com"],
  ])("a bad %s (%s) is refused in one line that names it", (name, value) => {
    const message = configError({ [name]: value });
    expect(message).toMatch(new RegExp(`^Configuration error: ${name} `));
    expect(message).not.toContain("\n");
  });

  test("DATABASE_URL chooses the database: a file is SQLite, postgresql:// is PostgreSQL", () => {
    expect(parseEnv({ DATABASE_URL: "file:./data/x.db" }).databaseProvider).toBe("sqlite");
    expect(parseEnv({}).databaseProvider).toBe("sqlite");
    const pg = parseEnv({ DATABASE_URL: "postgresql://rebound:secret@db.internal:5432/rebound" });
    expect(pg.databaseProvider).toBe("postgresql");
    expect(pg.DATABASE_POOL_SIZE).toBe(10);
    expect(parseEnv({ DATABASE_URL: "postgres://db/rebound", DATABASE_POOL_SIZE: "4" }).DATABASE_POOL_SIZE).toBe(4);
  });

  test("production needs SESSION_SECRET, demo or not", () => {
    expect(configError({ NODE_ENV: "production" })).toMatch(/^Configuration error: SESSION_SECRET is required in production/);
    expect(configError({ NODE_ENV: "production", SEED_DEMO: "true" })).toContain("SESSION_SECRET is required");
    const secret = "x".repeat(32);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret }).sessionSecrets).toEqual([secret]);
  });

  test("the demo is seeded only when asked, or in development", () => {
    const secret = { SESSION_SECRET: "x".repeat(32) };
    expect(parseEnv({ NODE_ENV: "production", ...secret }).SEED_DEMO).toBe(false);
    expect(parseEnv({ NODE_ENV: "test" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ NODE_ENV: "development" }).SEED_DEMO).toBe(true);
    expect(parseEnv({ NODE_ENV: "development", SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", SEED_DEMO: "true", ...secret }).SEED_DEMO).toBe(true);
  });

  test("without a secret outside production, a temporary random one is used", () => {
    const a = parseEnv({});
    const b = parseEnv({});
    expect(a.sessionSecretIsEphemeral).toBe(true);
    expect(a.sessionSecrets[0]).toHaveLength(64);
    expect(a.sessionSecrets[0]).not.toBe(b.sessionSecrets[0]);
  });

  test("empty variables count as unset, and several secrets allow rotation", () => {
    const env = parseEnv({ PORT: "", SMTP_URL: "", SESSION_SECRET: `${"a".repeat(32)}, ${"b".repeat(40)}` });
    expect(env.PORT).toBe(3000);
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.sessionSecrets).toEqual(["a".repeat(32), "b".repeat(40)]);
  });

  test("SEED_DEMO accepts the usual spellings of yes and no", () => {
    expect(parseEnv({ SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ SEED_DEMO: "0" }).SEED_DEMO).toBe(false);
    expect(parseEnv({ SEED_DEMO: "Yes" }).SEED_DEMO).toBe(true);
  });

  test("the server listens on the loopback interface and ignores X-Forwarded-For unless configured", () => {
    const env = parseEnv({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(32) });
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.TRUST_PROXY).toBe(false);
    expect(parseEnv({ HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
    expect(parseEnv({ HOST: "::" }).HOST).toBe("::");
  });

  test("TRUST_PROXY takes a hop count or the proxies' addresses, subnets and express's names", () => {
    expect(parseEnv({ TRUST_PROXY: "off" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "loopback, 10.0.0.0/8, fd00::/8, 192.0.2.7" }).TRUST_PROXY).toEqual([
      "loopback",
      "10.0.0.0/8",
      "fd00::/8",
      "192.0.2.7",
    ]);
  });

  test("npm start stops on a bad variable with one line naming it, and no stack trace", () => {
    const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], {
      encoding: "utf8",
      timeout: 30_000,
      env: { ...process.env, NODE_ENV: "production", PORT: "notaport", DATABASE_URL: "file:./tests/.tmp/never-created.db" },
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: PORT /);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  test("npm start without SESSION_SECRET stops before touching the database, naming the variable", () => {
    const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: "production", DATABASE_URL: "file:./tests/.tmp/never-created.db" };
    delete env.SESSION_SECRET;
    delete env.SEED_DEMO;
    const result = spawnSync(path.resolve("node_modules/.bin/tsx"), ["scripts/start.ts"], { encoding: "utf8", timeout: 30_000, env: env as NodeJS.ProcessEnv });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Configuration error: SESSION_SECRET is required in production/)]);
  });
});
