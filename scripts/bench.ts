// `npm run bench [-- --scale 100k|1m] [--db ./data/large.db] [--runs 30]`: response times of the table pages, the
// dashboards, /stats and the search on the large database (`npm run seed:large`), next to the time of the bare SQL
// each page runs. `--db postgresql://…` measures the same pages on PostgreSQL (statements captured from the pg driver,
// plans from EXPLAIN). It also checks that the statistics' maintained facts agree with a fresh computation, prints the
// JavaScript budget table, and, when the other scale was measured on the same engine, each page's growth.
//
// The production build runs from a copy of the tree in a temp folder, so a concurrent build here can't disturb it.
// Pass 1 times full responses (median, p95). Pass 2 restarts the server with a hook that records every statement the
// app prepares, with its bound values; those exact statements are then replayed through better-sqlite3 on the same
// file (the bare SQL) and explained, flagging full scans and temporary sort b-trees.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { openPostgres, postgresPlanMarks } from "./bench/postgres.ts";
import { benchPostgresUrl } from "./bench/postgres-server.ts";
import { largeDatabaseUrl, parseScale, scaleOfData, type Scale } from "./bench/target.ts";
import { loadDotEnv, migrateDatabase } from "./prepare.ts";

const usage = "Usage: npm run bench -- [--scale 100k|1m] [--db ./data/large.db | --db postgresql://… | --postgres] [--runs 30] [--warmup 5] [--only <texts in page labels, comma-separated>] [--keep]";
let values;
try {
  ({ values } = parseArgs({
    options: {
      db: { type: "string" },
      scale: { type: "string" },
      postgres: { type: "boolean", default: false },
      runs: { type: "string", default: "30" },
      warmup: { type: "string", default: "5" },
      keep: { type: "boolean", default: false },
      only: { type: "string" },
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
const RUNS = Math.min(500, Math.max(1, Number(values.runs) || 30));
const WARMUP = Math.min(100, Math.max(0, Number(values.warmup) || 0));
// Issue 17's targets (medians): at 100,000 candidates every table, search and dashboard under 50 ms and /stats under
// 100 ms; at 1,000,000 every page under 100 ms; and a page whose SQL takes about 1 ms answers in under 10 ms.
const TARGET_MS: Record<Scale, { page: number; stats: number }> = { "100k": { page: 50, stats: 100 }, "1m": { page: 100, stats: 100 } };
const FLOOR_SQL_MS = 1.5;
const FLOOR_TARGET_MS = 10;
const scaleOption = parseScale(values.scale);
if (!scaleOption) {
  console.error(`--scale must be 100k or 1m.\n${usage}`);
  process.exit(1);
}

loadDotEnv();
const target = largeDatabaseUrl(values.postgres ? await benchPostgresUrl(scaleOption) : values.db, process.env, scaleOption);
if (!target.postgres && !existsSync(target.file)) {
  console.error(`${target.file} does not exist: run \`npm run seed:large\` first.`);
  process.exit(1);
}
// Measure the schema as it is now: apply migrations added since the seed, and give any new index its statistics.
process.env.DATABASE_URL = target.url;
await migrateDatabase(target.url);
const shownDatabase = target.postgres ? target.url.replace(/:[^:@/]*@/, ":…@") : target.file;
const pgStore = target.postgres ? await openPostgres(target.url) : undefined;
let db!: Database.Database;
if (!pgStore) {
  db = new Database(target.file, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  const unanalysed = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN (SELECT tbl FROM sqlite_stat1)
    AND name NOT IN (SELECT idx FROM sqlite_stat1 WHERE idx IS NOT NULL)`)
    .all() as { name: string }[];
  if (unanalysed.length) {
    console.log(`ANALYZE for ${unanalysed.length} index(es) without statistics: ${unanalysed.map((i) => i.name).join(", ")}`);
    db.exec("ANALYZE");
  }
}
const one = async <T>(sql: string, ...args: unknown[]) =>
  pgStore ? pgStore.one<T>(sql, ...args) : db.prepare<unknown[], T>(sql).get(...args);
// PostgreSQL returns count(*) as bigint text.
const candidateCount = Number((await one<{ n: number }>(`SELECT count(*) AS n FROM "Candidate"`))!.n);
const interviewCount = Number((await one<{ n: number }>(`SELECT count(*) AS n FROM "Interview"`))!.n);
const manager = await one<{ id: string }>(`SELECT id FROM "User" WHERE email = 'manager@example.com'`);
const recruiter = await one<{ id: string }>(`SELECT id FROM "User" WHERE email = 'recruiter@example.com'`);
if (!manager || !recruiter || candidateCount === 0) {
  console.error(`${shownDatabase} has no seeded data: run \`npm run seed:large\` first.`);
  process.exit(1);
}
// The targets follow the data actually seeded, whatever file was named.
const scale = scaleOfData(candidateCount);
// Each full run keeps its medians per engine and scale, so a run at the other scale can show each page's growth.
const engineName = pgStore ? "postgres" : "sqlite";
const resultsDir = path.resolve("data/bench-results");
const otherFile = path.join(resultsDir, `${engineName}-${scale === "1m" ? "100k" : "1m"}.json`);
const otherScale = existsSync(otherFile)
  ? { file: path.relative(process.cwd(), otherFile), ...(JSON.parse(readFileSync(otherFile, "utf8")) as { at: string; medians: Record<string, number> }) }
  : undefined;
// The busiest client and a year-long window make the filtered views realistic rather than trivially empty.
const busiestCompany = (await one<{ companyId: string }>(
  `SELECT "companyId" FROM "Interview" GROUP BY "companyId" ORDER BY count(*) DESC LIMIT 1`,
))!.companyId;
const today = new Date().toISOString().slice(0, 10);
// Search terms taken from the data: a candidate near the middle of the table (part of their email, their full name),
// the commonest surname, part of a phone number and part of the busiest company's name.
// (The large seed's ids grow in insertion order, so PostgreSQL's id order is SQLite's rowid order.)
const middle = (await one<{ name: string; email: string; phone: string | null }>(
  `SELECT name, email, phone FROM "Candidate" WHERE phone IS NOT NULL ORDER BY ${pgStore ? "id" : "rowid"} LIMIT 1 OFFSET ?`,
  Math.floor(candidateCount / 2),
))!;
const emailPart = middle.email.slice(middle.email.indexOf(".") + 1, middle.email.indexOf("@") + 4);
const candidateName = middle.name;
const phonePart = middle.phone!.replace(/\D/g, "").slice(-7);
const commonSurname = (await one<{ last: string }>(
  `SELECT substr(name, ${pgStore ? "strpos" : "instr"}(name, ' ') + 1) AS last FROM "Candidate" GROUP BY last ORDER BY count(*) DESC, last LIMIT 1`,
))!.last.toLowerCase();
const companyPart = (await one<{ name: string }>(`SELECT name FROM "Company" WHERE id = ?`, busiestCompany))!.name.slice(0, 6);
const yearAgo = new Date(Date.now() - 365 * 24 * 3600_000).toISOString().slice(0, 10);

// stats: the /stats target applies. resource: a JSON resource route (no single-fetch .data URL). showPlan: print its
// query plans. key: the page's name across data sets (labels show search terms taken from the data).
type Page = {
  label: string;
  key?: string;
  url: string;
  as: "manager" | "recruiter";
  stats?: boolean;
  resource?: boolean;
  showPlan?: boolean;
};
const allPages: Page[] = [
  { label: "/candidates default", url: "/candidates", as: "manager" },
  { label: "/candidates search q=patel", url: "/candidates?q=patel", as: "manager" },
  {
    label: "/candidates recovering+flagged, sort last interview",
    url: "/candidates?status=recovering&flagged=1&sort=lastInterviewAt&dir=desc",
    as: "manager",
  },
  {
    label: "/candidates company+dates, sort name",
    url: `/candidates?company=${busiestCompany}&from=${yearAgo}&to=${today}&sort=name&dir=asc`,
    as: "manager",
  },
  { label: "/candidates page 2000", url: "/candidates?page=2000", as: "manager" },
  { label: "/interviews default", url: "/interviews", as: "manager" },
  { label: "/interviews reason=wrong_name", url: "/interviews?reason=wrong_name", as: "manager" },
  { label: "/interviews flagged only", url: "/interviews?flagged=1", as: "manager" },
  {
    label: "/interviews critical, year, sort company",
    url: `/interviews?severity=critical&from=${yearAgo}&to=${today}&sort=company&dir=asc`,
    as: "manager",
  },
  {
    label: "/interviews my recruiter, sort candidate",
    url: `/interviews?recruiter=${recruiter.id}&sort=candidate&dir=asc`,
    as: "manager",
  },
  { label: "/interviews page 2000", url: "/interviews?page=2000", as: "manager" },
  { label: "/ dashboard (manager)", url: "/", as: "manager" },
  { label: "/ dashboard (recruiter)", url: "/", as: "recruiter" },
  { label: "/inbox/overdue-steps (manager)", url: "/inbox/overdue-steps", as: "manager" },
  { label: "/inbox/activity (manager)", url: "/inbox/activity", as: "manager" },
  { label: "/stats (last 90 days)", url: "/stats", as: "manager", stats: true },
  {
    label: "/stats, last 365 days, one recruiter",
    url: `/stats?from=${yearAgo}&to=${today}&recruiter=${recruiter.id}`,
    as: "manager",
    stats: true,
  },
  {
    label: "/stats, last 365 days, busiest company",
    url: `/stats?from=${yearAgo}&to=${today}&company=${busiestCompany}`,
    as: "manager",
    stats: true,
  },
  { label: "/stats, last 365 days", url: `/stats?from=${yearAgo}&to=${today}`, as: "manager", stats: true },
  // Search (issue 13): the header's type-ahead as a person types, and /interviews?q=, on the FTS5 trigram index.
  ...[
    { q: emailPart, what: "part of an email" },
    { q: commonSurname, what: "a common surname" },
    { q: phonePart, what: "part of a phone" },
  ].map(({ q, what }) => ({
    label: `header search: ${what} (${q})`,
    key: `header search: ${what}`,
    url: `/resources/search?q=${encodeURIComponent(q)}`,
    as: "manager" as const,
    resource: true,
    showPlan: true,
  })),
  {
    label: `header search as recruiter: ${commonSurname}`,
    key: "header search as recruiter: a common surname",
    url: `/resources/search?q=${encodeURIComponent(commonSurname)}`,
    as: "recruiter",
    resource: true,
  },
  {
    label: `/search?q=${commonSurname}`,
    key: "/search?q=<a common surname>",
    url: `/search?q=${encodeURIComponent(commonSurname)}`,
    as: "manager",
  },
  {
    label: `/interviews?q=${commonSurname}`,
    key: "/interviews?q=<a common surname>",
    url: `/interviews?q=${encodeURIComponent(commonSurname)}`,
    as: "manager",
    showPlan: true,
  },
  {
    label: `/interviews?q=${candidateName} (one candidate)`,
    key: "/interviews?q=<one candidate's name>",
    url: `/interviews?q=${encodeURIComponent(candidateName)}`,
    as: "manager",
  },
  {
    label: `/interviews?q=${companyPart}&flagged=1 sort company`,
    key: "/interviews?q=<part of the busiest company>&flagged=1 sort company",
    url: `/interviews?q=${encodeURIComponent(companyPart)}&flagged=1&sort=company&dir=asc`,
    as: "manager",
  },
  {
    label: `/interviews?q=${companyPart}&flagged=1`,
    key: "/interviews?q=<part of the busiest company>&flagged=1",
    url: `/interviews?q=${encodeURIComponent(companyPart)}&flagged=1`,
    as: "manager",
  },
];

// --only "search,q=": just the pages whose label contains one of those texts (e.g. while working on one feature).
const only = values.only?.toLowerCase().split(",").filter(Boolean) ?? [];
const pages = only.length ? allPages.filter((p) => only.some((text) => p.label.toLowerCase().includes(text))) : allPages;
if (pages.length === 0) {
  console.error(`No page label contains "${values.only}".`);
  process.exit(1);
}

const root = process.cwd();
const tree = mkdtempSync(path.join(os.tmpdir(), "rebound-bench-"));
const captureFile = path.join(tree, "captured-sql.jsonl");
let server: ChildProcess | undefined;

function stopServer() {
  if (server?.pid && server.exitCode === null) {
    // tsx runs the app in a child node process: end the whole process group this script started.
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  server = undefined;
}
process.on("exit", stopServer);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopServer();
    process.exit(130);
  });
}

function runQuiet(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}${result.stderr}`);
    throw new Error(`Failed: ${command} ${args.join(" ")}`);
  }
}

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(secret: string, capture: boolean) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    SEED_DEMO: "false",
    DATABASE_URL: target.url,
    SESSION_SECRET: secret,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
  };
  delete env.BENCH_CAPTURE_SQL;
  if (capture) env.BENCH_CAPTURE_SQL = captureFile;
  server = spawn(path.join(tree, "node_modules/.bin/tsx"), ["scripts/bench/serve.ts"], {
    cwd: tree,
    env,
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 150; attempt++) {
    if (server.exitCode !== null) throw new Error("The server exited during start-up.");
    try {
      const res = await fetch(`${base}/healthz`);
      await res.text();
      if (res.ok) return base;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("The server did not answer /healthz within 30 seconds.");
}

async function sessionCookies(secret: string) {
  // Real sessions opened by the app's own code in the benchmark database, with the server's configuration.
  Object.assign(process.env, { NODE_ENV: "production", DATABASE_URL: target.url, SESSION_SECRET: secret });
  const { createUserSession } = await import("../app/utils/session.server.ts");
  const cookieFor = async (userId: string) =>
    (await createUserSession(userId, "/", new Request("http://bench.invalid/", { headers: { "User-Agent": "bench" } })))
      .headers.get("Set-Cookie")!
      .split(";")[0];
  return { manager: await cookieFor(manager!.id), recruiter: await cookieFor(recruiter!.id) };
}

/** The single-fetch data URL of a page: the same loaders, serialised, without rendering the HTML. */
function dataUrl(url: string) {
  const parsed = new URL(url, "http://x");
  parsed.pathname = parsed.pathname === "/" ? "/_root.data" : `${parsed.pathname}.data`;
  return parsed.pathname + parsed.search;
}

async function timeRequest(base: string, page: Page, cookie: string, { data = false } = {}) {
  const started = performance.now();
  // What a browser asks for (brotli first): Node's fetch alone would ask for gzip only.
  const headers = { cookie, "Accept-Encoding": "gzip, deflate, br" };
  const res = await fetch(base + (data ? dataUrl(page.url) : page.url), { headers, redirect: "manual" });
  const body = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${page.url} answered ${res.status} (${body.slice(0, 200)})`);
  return { ms, bytes: body.length };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const summarise = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
};

type Captured = { sql: string; reader: boolean; args: unknown[] };
function reviveArg(value: unknown): unknown {
  if (value && typeof value === "object" && "$bigint" in value) return BigInt((value as { $bigint: string }).$bigint);
  if (value && typeof value === "object" && (value as { type?: string }).type === "Buffer") {
    return Buffer.from((value as { data: number[] }).data);
  }
  if (Array.isArray(value)) return value.map(reviveArg);
  return value;
}

/** Replays a page's statements the way the adapter runs them: prepare, bind, fetch every row. Writes are skipped. */
async function runBare(statements: Captured[]) {
  if (pgStore) return pgStore.runBare(statements, reviveArg);
  const started = performance.now();
  for (const s of statements) {
    if (!s.reader) continue;
    db.prepare(s.sql).bind(...(s.args.map(reviveArg) as unknown[])).raw().all();
  }
  return performance.now() - started;
}

async function explain(s: Captured) {
  if (pgStore) return pgStore.explain(s, reviveArg);
  return db
    .prepare(`EXPLAIN QUERY PLAN ${s.sql}`)
    .bind(...(s.args.map(reviveArg) as unknown[]))
    .all() as { detail: string }[];
}
const tableRows = pgStore
  ? await pgStore.tableRows()
  : new Map<string, number>(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => [
        t.name,
        db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${t.name}"`).get()!.n,
      ]),
    );

/** Which table each alias in a statement stands for: `"Candidate" c`, `main`.`User` AS `j0`, or the table itself. */
function aliasesOf(sql: string) {
  const aliases = new Map<string, string>();
  for (const m of sql.matchAll(/(?:`main`\.)?[`"](\w+)[`"](?:\s+(?:AS\s+)?[`"]?(\w+)[`"]?)?/g)) {
    if (!tableRows.has(m[1])) continue;
    aliases.set(`main.${m[1]}`, m[1]).set(m[1], m[1]);
    if (m[2] && !/^(ON|WHERE|JOIN|LEFT|CROSS|INNER|ORDER|GROUP|LIMIT|SET|AS)$/i.test(m[2])) aliases.set(m[2], m[1]);
  }
  return aliases;
}

/**
 * "!!" marks a full scan of a table over 1,000 rows, or a temporary b-tree sorting the whole result; "~~" an index
 * walked from one end (fine when a LIMIT stops it early, costly when it runs to the end) or a sort of ties only.
 * Scans of the query's own subqueries and of small tables (users, companies, the agency row) are not flagged.
 */
function planMarks(sql: string, plan: { detail: string }[]) {
  if (pgStore) return postgresPlanMarks(plan, tableRows);
  const aliases = aliasesOf(sql);
  return plan.map((p) => {
    if (/USE TEMP B-TREE FOR (LAST TERM|RIGHT PART)/.test(p.detail)) return "~~";
    if (/USE TEMP B-TREE/.test(p.detail)) return "!!";
    // An FTS5 MATCH (idxStr with "M") reads the full-text index, not the table.
    if (/VIRTUAL TABLE INDEX \d+:\S*M/.test(p.detail)) return "  ";
    const scan = /^SCAN (\S+)(.*)$/.exec(p.detail);
    const table = scan && aliases.get(scan[1]);
    if (!scan || !table || (tableRows.get(table) ?? 0) <= 1000) return "  ";
    return /USING (COVERING )?INDEX/.test(scan[2]) ? "~~" : "!!";
  });
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

async function timeStatement(s: Captured) {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) samples.push(await runBare([s]));
  return summarise(samples).median;
}

async function main() {
  const startedAt = performance.now();
  const cpu = /model name\s*:\s*(.+)/.exec(existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "")?.[1];
  const engine = pgStore
    ? `PostgreSQL ${await pgStore.version()}`
    : `SQLite ${(db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v}`;
  console.log(
    `Machine: ${os.availableParallelism()} cores (${cpu ?? os.cpus()[0]?.model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
      `Node ${process.version}, ${engine}; load average ${os.loadavg()[0].toFixed(2)} at the start.`,
  );
  console.log(`Database: ${shownDatabase} (${candidateCount} candidates, ${interviewCount} interviews)`);
  console.log(`Copying the tree to ${tree} and building for production…`);
  // Everything but dependencies, builds, databases and test leftovers (node_modules is linked, not copied).
  const skip = new Set(["node_modules", "build", "public/build", ".git", "data", "tests/.tmp", "e2e/.tmp", "test-results", "playwright-report", ".cache"]);
  cpSync(root, tree, {
    recursive: true,
    filter: (source) => !skip.has(path.relative(root, source)) && !/\.db(-wal|-shm|-journal)?$/.test(source),
  });
  symlinkSync(path.join(root, "node_modules"), path.join(tree, "node_modules"));
  runQuiet(path.join(tree, "node_modules/.bin/remix"), ["build"], tree);

  const secret = randomBytes(32).toString("hex");
  const cookies = await sessionCookies(secret);

  // Pass 1: full responses, no hook in the server.
  let base = await startServer(secret, false);
  const timings = new Map<Page, { median: number; p95: number; bytes: number; loaders: number }>();
  const errors = new Map<Page, string>();
  // Warm every page before measuring any, so the first page measured doesn't pay for the JIT and cold caches.
  for (let i = 0; i < WARMUP; i++) {
    for (const page of pages) {
      if (errors.has(page)) continue;
      await timeRequest(base, page, cookies[page.as]).catch((error: Error) => errors.set(page, error.message));
    }
  }
  for (const page of pages) {
    if (errors.has(page)) continue;
    try {
      const samples: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const r = await timeRequest(base, page, cookies[page.as]);
        samples.push(r.ms);
        bytes = r.bytes;
      }
      const dataSamples: number[] = [];
      if (!page.resource) {
        for (let i = 0; i < RUNS; i++) dataSamples.push((await timeRequest(base, page, cookies[page.as], { data: true })).ms);
      }
      const full = summarise(samples);
      timings.set(page, { ...full, bytes, loaders: page.resource ? full.median : summarise(dataSamples).median });
      process.stdout.write(".");
    } catch (error) {
      // One broken page is reported in the table; the others are still measured.
      errors.set(page, (error as Error).message);
      process.stdout.write("x");
    }
  }
  const measured = pages.filter((p) => timings.has(p));
  stopServer();
  console.log("");

  // Pass 2: record the statements each page runs (one request per page after a warm-up request).
  base = await startServer(secret, true);
  const statements = new Map<Page, Captured[]>();
  for (const page of measured) {
    await timeRequest(base, page, cookies[page.as]);
    writeFileSync(captureFile, "");
    await timeRequest(base, page, cookies[page.as]);
    const lines = readFileSync(captureFile, "utf8").split("\n").filter(Boolean);
    statements.set(page, lines.map((line) => JSON.parse(line) as Captured));
  }
  stopServer();

  // Bare SQL on the same file, same statements, same number of runs.
  const rows: string[][] = [];
  const medians: Record<string, number> = {};
  const warnings: string[] = [];
  const plans: string[] = [];
  let quickSorts = 0;
  let failures = 0;
  for (const page of pages) {
    if (errors.has(page)) {
      failures++;
      rows.push([page.label, "error", "", "", "", "", "", "", "ERROR"]);
      continue;
    }
    const captured = statements.get(page)!;
    for (let i = 0; i < WARMUP; i++) await runBare(captured);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await runBare(captured));
    const bare = summarise(samples);
    const timing = timings.get(page)!;
    const ratio = timing.median / bare.median;
    const targetMs = page.stats ? TARGET_MS[scale].stats : TARGET_MS[scale].page;
    const floorMissed = bare.median <= FLOOR_SQL_MS && timing.median >= FLOOR_TARGET_MS;
    const ok = timing.median < targetMs && !floorMissed;
    if (!ok) failures++;
    medians[page.key ?? page.label] = timing.median;
    const other = otherScale?.medians[page.key ?? page.label];
    const growth = other ? (scale === "1m" ? timing.median / other : other / timing.median).toFixed(1) : "";
    const writes = captured.filter((s) => !s.reader).length;
    rows.push([
      page.label,
      timing.median.toFixed(1),
      timing.p95.toFixed(1),
      bare.median.toFixed(2),
      ratio.toFixed(1),
      timing.loaders.toFixed(1),
      `${captured.length}${writes ? ` (${writes} writes)` : ""}`,
      growth,
      `${ok ? "ok" : timing.median >= targetMs ? "SLOW" : "FLOOR"} (< ${floorMissed ? FLOOR_TARGET_MS : targetMs})`,
    ]);
    for (const s of captured) {
      if (!s.reader) continue;
      const plan = await explain(s);
      const marks = planMarks(s.sql, plan);
      const ms = await timeStatement(s);
      // The search statement: FTS5's MATCH on SQLite, the pg_trgm index over rebound_fold() on PostgreSQL.
      if (page.showPlan && (pgStore ? /rebound_fold/ : /MATCH/).test(s.sql)) {
        plans.push(
          `${page.label} — ${ms.toFixed(2)} ms:\n  SQL: ${clip(s.sql.replace(/\s+/g, " ").trim(), 600)}\n` +
            plan.map((p, i) => `  ${marks[i]} ${p.detail}`).join("\n"),
        );
      }
      // A temporary b-tree over a page's 25 rows costs nothing: print plans that scan a big table or take time.
      const scansTable = plan.some((p, i) => marks[i] === "!!" && (pgStore ? /Seq Scan/.test(p.detail) : p.detail.startsWith("SCAN")));
      if (!scansTable && ms <= 2 && marks.some((m) => m !== "  ")) quickSorts++;
      if (scansTable || ms > 2) {
        warnings.push(
          `${page.label} — ${ms.toFixed(2)} ms:\n  SQL: ${clip(s.sql.replace(/\s+/g, " ").trim(), 900)}\n  args: ${clip(JSON.stringify(s.args), 300)}\n` +
            plan.map((p, i) => `  ${marks[i]} ${p.detail}`).join("\n"),
        );
      }
    }
  }

  const header = ["Page", "median ms", "p95 ms", "bare SQL median ms", "ratio", "data-only median ms", "statements", "growth 1M ÷ 100k", "target ms"];
  const table = [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
  console.log(`\n${RUNS} sequential requests per page after ${WARMUP} warm-up rounds over all pages; time to the full body.`);
  console.log(
    `Targets at ${scale}: median < ${TARGET_MS[scale].page} ms (/stats < ${TARGET_MS[scale].stats} ms); a page whose bare SQL is ` +
      `at most ${FLOOR_SQL_MS} ms under ${FLOOR_TARGET_MS} ms (FLOOR).`,
  );
  console.log(
    otherScale
      ? `growth: this run's median against ${otherScale.file} (${otherScale.at}), 1M time ÷ 100k time.`
      : `growth: empty until the other scale has been measured on ${engineName} (results are kept in ${resultsDir}).`,
  );
  console.log("data-only: the same URL as a single-fetch .data request (every loader, serialised, no HTML render).\n");
  console.log(table);
  for (const [page, message] of errors) console.log(`\n${page.label} failed: ${message}`);
  console.log(`\nResponse sizes: ${measured.map((p) => `${p.label} ${Math.round(timings.get(p)!.bytes / 1024)} kB`).join("; ")}`);
  if (plans.length) {
    const index = pgStore ? "the pg_trgm index" : "the FTS5 index";
    console.log(`\nSearch query plans (${index}, never a scan of Candidate):\n\n${plans.join("\n\n")}`);
  }
  if (warnings.length) {
    console.log(`\nStatements over 2 ms or scanning a whole table (!! full scan or full sort; ~~ index walk or sort of ties):\n`);
    console.log([...new Set(warnings)].join("\n\n"));
  } else {
    console.log("\nNo statement takes over 2 ms or scans a whole table.");
  }
  console.log(`Load average ${os.loadavg()[0].toFixed(2)} at the end (other processes on the machine add noise).`);
  if (quickSorts) console.log(`(${quickSorts} more statements sort in a temporary b-tree or walk an index, each in under 2 ms.)`);
  const resultsFile = path.join(resultsDir, `${engineName}-${scale}.json`);
  if (only.length === 0) {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(resultsFile, JSON.stringify({ at: new Date().toISOString(), medians }, null, 2));
  }

  // The statistics' maintained facts against a computation from scratch, on this data set (issue 17).
  const factsStarted = performance.now();
  const { prisma } = await import("../app/utils/db.server.ts");
  const { recoveryFactDrift } = await import("../app/models/stats/recovery-facts.server.ts");
  const drift = await recoveryFactDrift(prisma);
  console.log(
    `\nStatistics facts: ${drift.compared} recoveries and ${drift.rollupsCompared} rollup rows compared with a fresh computation in ` +
      `${((performance.now() - factsStarted) / 1000).toFixed(1)} s: ` +
      (drift.differing.length ? `DIFFERENT, e.g. ${JSON.stringify(drift.differing.slice(0, 5))}` : "they agree."),
  );
  if (drift.differing.length) failures++;

  console.log("\nJavaScript per page (gzipped, from this build's manifest):\n");
  const budget = spawnSync(path.join(tree, "node_modules/.bin/tsx"), ["scripts/js-budget.ts", "--check"], {
    cwd: tree,
    encoding: "utf8",
  });
  console.log(budget.stdout.trim() || budget.stderr.trim());
  if (budget.status !== 0) failures++;

  console.log(`\n${failures ? `${failures} check(s) missed a target` : "Every page met its targets"}. Took ${((performance.now() - startedAt) / 1000).toFixed(0)} s.`);
  return failures;
}

try {
  const failures = await main();
  process.exitCode = failures ? 1 : 0;
} finally {
  stopServer();
  if (pgStore) await pgStore.close();
  else db.close();
  if (!values.keep) rmSync(tree, { recursive: true, force: true });
}
// The app's pg pool (opened for the session cookies) would keep the process alive.
if (pgStore) process.exit();
