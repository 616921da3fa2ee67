// The production server as `npm run bench` starts it (in its own copy of the tree). With BENCH_CAPTURE_SQL set to a
// file, every statement the app prepares is appended there with its bound values, so the benchmark can replay
// exactly the SQL each page ran. The timing run starts without it, so nothing is measured through the hook.
import { appendFileSync } from "node:fs";
import Database from "better-sqlite3";

const captureFile = process.env.BENCH_CAPTURE_SQL;
if (captureFile && /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
  // On PostgreSQL the pg driver's query method is the one door (scripts/bench/postgres.ts).
  const { captureStatements } = await import("./postgres.ts");
  captureStatements(captureFile);
} else if (captureFile) {
  // better-sqlite3's Statement prototype is shared by every connection in the process, the app's included.
  const probe = new Database(":memory:");
  const statementProto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as { bind: (...args: unknown[]) => unknown };
  probe.close();
  const bind = statementProto.bind;
  statementProto.bind = function (this: { source: string; reader: boolean }, ...args: unknown[]) {
    const line = JSON.stringify({ sql: this.source, reader: this.reader, args }, (_key, value) =>
      typeof value === "bigint" ? { $bigint: value.toString() } : value,
    );
    appendFileSync(captureFile, `${line}\n`);
    return bind.apply(this, args);
  };
}

const { env } = await import("../../app/utils/env.server.ts");
const { startServer } = await import("../../server/index.ts");
await startServer({ port: env.PORT, host: env.HOST, trustProxy: env.TRUST_PROXY, appUrl: env.APP_URL, mode: "production" });
