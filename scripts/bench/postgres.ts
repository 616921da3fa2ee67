// PostgreSQL's side of `npm run bench -- --db postgresql://…`: recording the statements the app sends (the pg
// driver's query method, patched in the benchmark server), replaying them bare, and reading their plans.
import { appendFileSync } from "node:fs";
import pg from "pg";
import { NO_PARALLEL_WORKERS } from "../../app/utils/sql-dialect.server.ts";

export type Captured = { sql: string; reader: boolean; args: unknown[] };

// A read, as the bench replays it: not the workers' claims (WITH … UPDATE, SELECT … FOR UPDATE), which also run
// while a page is being captured.
const isReader = (sql: string) =>
  /^\s*(SELECT|WITH)\b/i.test(sql) && !/\b(INSERT\s+INTO|UPDATE\s+"|DELETE\s+FROM|FOR\s+UPDATE)\b/i.test(sql);

/** In the benchmark server: appends every statement the app sends through `pg` to the capture file. */
export function captureStatements(captureFile: string) {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    const config = typeof first === "object" && first !== null ? (first as { text?: string; values?: unknown[] }) : undefined;
    const sql = typeof first === "string" ? first : config?.text;
    if (typeof sql === "string") {
      const values = Array.isArray(second) ? second : (config?.values ?? []);
      const line = JSON.stringify({ sql, reader: isReader(sql), args: values }, (_key, value) =>
        typeof value === "bigint" ? { $bigint: value.toString() } : value,
      );
      appendFileSync(captureFile, `${line}\n`);
    }
    return query.apply(this, args);
  } as typeof proto.query;
}

/** `?` placeholders (the bench's own SQLite-style questions) as `$1, $2…`. */
function numbered(sql: string) {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export async function openPostgres(url: string) {
  // The app's own session settings (app/utils/db.server.ts), so the replay runs the statements as the app does.
  const client = new pg.Client({ connectionString: url, options: NO_PARALLEL_WORKERS });
  await client.connect();
  return {
    async one<T>(sql: string, ...args: unknown[]) {
      return (await client.query(numbered(sql), args)).rows[0] as T | undefined;
    },
    async tableRows() {
      const tables = (
        await client.query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
        )
      ).rows;
      const counts = new Map<string, number>();
      for (const t of tables) {
        counts.set(t.name, Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${t.name}"`)).rows[0].n));
      }
      return counts;
    },
    async version() {
      return (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
    },
    /** Replays statements as the adapter runs them (rows as arrays, every row fetched). Writes are skipped. */
    async runBare(statements: Captured[], revive: (value: unknown) => unknown) {
      const started = performance.now();
      for (const s of statements) {
        if (!s.reader) continue;
        await client.query({ text: s.sql, values: s.args.map(revive), rowMode: "array" });
      }
      return performance.now() - started;
    },
    async explain(s: Captured, revive: (value: unknown) => unknown) {
      const rows = (await client.query<{ "QUERY PLAN": string }>({ text: `EXPLAIN ${s.sql}`, values: s.args.map(revive) })).rows;
      return rows.map((r) => ({ detail: r["QUERY PLAN"] }));
    },
    close: () => client.end(),
  };
}

/**
 * Plan lines worth a look: "!!" a sequential scan of a table over 1,000 rows; "~~" a sort (PostgreSQL sorts in
 * memory with a top-N heap under a LIMIT, so this is often cheap). Line-by-line, as for SQLite.
 */
export function postgresPlanMarks(plan: { detail: string }[], tableRows: Map<string, number>) {
  return plan.map((p) => {
    const scan = /Seq Scan on "?(\w+)"?/.exec(p.detail);
    if (scan && (tableRows.get(scan[1]) ?? 0) > 1000) return "!!";
    if (/\bSort\b/.test(p.detail) && !/Sort Key/.test(p.detail)) return "~~";
    return "  ";
  });
}
