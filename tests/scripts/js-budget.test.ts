// `npm run bench:js` counts what a page downloads from a client build's manifest: checked here on a small build made
// up for the test, where every file's weight is known.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, expect, test } from "vitest";
import { budgetFor, pageWeights } from "../../scripts/js-budget";

const dir = mkdtempSync(path.join(os.tmpdir(), "js-budget-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sizes = new Map<string, number>();
function file(url: string, source: string) {
  const target = path.join(dir, url.replace(/^\/build\//, ""));
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, source);
  sizes.set(url, gzipSync(source).length);
}
const weight = (...urls: string[]) => urls.reduce((sum, url) => sum + sizes.get(url)!, 0);

file("/build/entry.client-A.js", "console.log('entry');".repeat(50));
file("/build/_shared/react-B.js", "export const react = 'react'.repeat(99);".repeat(80));
file("/build/root-C.js", "export default function Root() {}".repeat(20));
file("/build/_shared/shared-D.js", "export const shared = 1;".repeat(30));
file("/build/routes/stats-E.js", 'export default function Stats() { import("/build/_shared/charts-F.js"); }');
file("/build/_shared/charts-F.js", "export const chart = Math.random();".repeat(400));
file("/build/routes/coach-G.js", "export default function Coach() {}");
file("/build/routes/healthz-H.js", 'import{b as o}from"/build/_shared/chunk-T.js";var p=o((r,e)=>{e.exports={}});export default p();\n');
file(
  "/build/manifest-ABC123.js",
  `window.__remixManifest=${JSON.stringify({
    entry: { module: "/build/entry.client-A.js", imports: ["/build/_shared/react-B.js"] },
    routes: {
      root: { id: "root", path: "", module: "/build/root-C.js", imports: ["/build/_shared/shared-D.js"] },
      "routes/stats._index": { id: "routes/stats._index", parentId: "root", path: "stats", module: "/build/routes/stats-E.js", imports: ["/build/_shared/shared-D.js"] },
      "routes/coach.$token": { id: "routes/coach.$token", parentId: "root", path: "coach/:token", module: "/build/routes/coach-G.js" },
      "routes/healthz": { id: "routes/healthz", parentId: "root", path: "healthz", module: "/build/routes/healthz-H.js" },
    },
  })};`,
);

test("a page weighs its entry, root and own modules with their imports, each file once; import() is counted apart", () => {
  const pages = pageWeights(dir);
  const shell = weight("/build/entry.client-A.js", "/build/_shared/react-B.js", "/build/root-C.js", "/build/_shared/shared-D.js");
  const stats = pages.find((page) => page.routeId === "routes/stats._index")!;
  expect(stats).toMatchObject({ url: "/stats", bytes: shell + weight("/build/routes/stats-E.js"), onDemandBytes: weight("/build/_shared/charts-F.js") });
  const coach = pages.find((page) => page.routeId === "routes/coach.$token")!;
  expect(coach).toMatchObject({ url: "/coach/:token", audience: "candidate", bytes: shell + weight("/build/routes/coach-G.js"), onDemandBytes: 0 });
  // A resource route has no component: the browser never loads a page for it.
  expect(pages.map((page) => page.routeId).sort()).toEqual(["routes/coach.$token", "routes/stats._index"]);
});

test("budgets: candidate pages 100 kB, /stats 200 kB, every other page 150 kB", () => {
  expect(budgetFor("routes/check-in.$token").limit).toBe(100_000);
  expect(budgetFor("routes/unsubscribe.$token").limit).toBe(100_000);
  expect(budgetFor("routes/stats._index").limit).toBe(200_000);
  expect(budgetFor("routes/interviews._index").limit).toBe(150_000);
});

test("without a build it says what to run", () => {
  expect(() => pageWeights(path.join(dir, "routes"))).toThrow("run `npm run build` first");
});
