// `npm run bench:js [-- --check] [--markdown]`: the JavaScript each page makes the browser download, gzipped, counted
// from the client build's manifest (run `npm run build` first). A page downloads the entry, the root route and every
// route module down to its own, with all their static imports; chunks a page imports on demand (`import()`) are
// counted apart, as they are fetched only when used. `--check` exits 1 when a page is over its budget.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const BUILD_DIR = path.resolve("public/build");
const KB = 1000;

/** Budgets from issue 17: pages candidates open on their phones are the lightest. */
const CANDIDATE_PAGES = new Set(["routes/coach.$token", "routes/check-in.$token", "routes/unsubscribe.$token"]);
export function budgetFor(routeId: string) {
  if (CANDIDATE_PAGES.has(routeId)) return { audience: "candidate", limit: 100 * KB };
  if (routeId === "routes/stats._index") return { audience: "manager (charts)", limit: 200 * KB };
  return { audience: "staff", limit: 150 * KB };
}

type ManifestEntry = { module: string; imports?: string[] };
type ManifestRoute = ManifestEntry & { id: string; parentId?: string; path?: string; index?: boolean };
type Manifest = { entry: ManifestEntry; routes: Record<string, ManifestRoute> };

export function readManifest(buildDir = BUILD_DIR): Manifest {
  const file = readdirSync(buildDir).find((name) => /^manifest-[A-Z0-9]+\.js$/.test(name));
  if (!file) throw new Error(`No client build in ${buildDir}: run \`npm run build\` first.`);
  const source = readFileSync(path.join(buildDir, file), "utf8");
  return JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as Manifest;
}

const gzipCache = new Map<string, number>();
function gzipped(url: string, buildDir: string) {
  let size = gzipCache.get(url);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(buildDir, url.replace(/^\/build\//, "")))).length;
    gzipCache.set(url, size);
  }
  return size;
}

// Resource routes (CSV, health, search endpoints) have no component: the client build gives them an empty stub.
function isPage(route: ManifestRoute, buildDir: string) {
  if (route.imports?.length) return true;
  const source = readFileSync(path.join(buildDir, route.module.replace(/^\/build\//, "")), "utf8").replace(/\/\/# sourceMappingURL=.*$/, "");
  return !/e\.exports=\{\}\}\);export default \w+\(\);\s*$/.test(source);
}

function chain(manifest: Manifest, routeId: string) {
  const ids: string[] = [];
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) ids.unshift(id);
  return ids;
}

/** Chunks a module loads with `import()`: fetched on demand, after the page is on screen. */
function dynamicImports(url: string, buildDir: string) {
  const source = readFileSync(path.join(buildDir, url.replace(/^\/build\//, "")), "utf8");
  return [...source.matchAll(/import\(\s*"(\/build\/[^"]+\.js)"\s*\)/g)].map((match) => match[1]!);
}

export type PageWeight = { routeId: string; url: string; audience: string; limit: number; bytes: number; onDemandBytes: number };

export function pageWeights(buildDir = BUILD_DIR): PageWeight[] {
  const manifest = readManifest(buildDir);
  const pages: PageWeight[] = [];
  for (const route of Object.values(manifest.routes)) {
    if (route.id === "root" || !isPage(route, buildDir)) continue;
    const files = new Set([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
    for (const id of chain(manifest, route.id)) {
      const entry = manifest.routes[id]!;
      files.add(entry.module);
      for (const url of entry.imports ?? []) files.add(url);
    }
    const onDemand = new Set<string>();
    for (const url of files) for (const lazy of dynamicImports(url, buildDir)) if (!files.has(lazy)) onDemand.add(lazy);
    const bytes = [...files].reduce((sum, url) => sum + gzipped(url, buildDir), 0);
    const onDemandBytes = [...onDemand].reduce((sum, url) => sum + gzipped(url, buildDir), 0);
    pages.push({ routeId: route.id, url: urlOf(manifest, route.id), ...budgetFor(route.id), bytes, onDemandBytes });
  }
  return pages.sort((a, b) => b.bytes - a.bytes);
}

function urlOf(manifest: Manifest, routeId: string) {
  const parts = chain(manifest, routeId).map((id) => manifest.routes[id]?.path).filter(Boolean);
  return `/${parts.join("/")}`.replace(/\/+/g, "/");
}

function kb(bytes: number) {
  return `${(bytes / KB).toFixed(1)} kB`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
  let pages: PageWeight[];
  try {
    pages = pageWeights();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  console.log("| Page | Route | For | JS on load (gzip) | On demand | Budget | |");
  console.log("|---|---|---|---:|---:|---:|---|");
  for (const page of pages) {
    const ok = page.bytes <= page.limit;
    console.log(
      `| \`${page.url}\` | ${page.routeId} | ${page.audience} | ${kb(page.bytes)} | ${page.onDemandBytes ? kb(page.onDemandBytes) : "–"} | ${kb(page.limit)} | ${ok ? "ok" : "**over**"} |`,
    );
  }
  const over = pages.filter((page) => page.bytes > page.limit);
  if (values.check && over.length) {
    console.error(`${over.length} page(s) over budget: ${over.map((page) => page.url).join(", ")}`);
    process.exit(1);
  }
}
