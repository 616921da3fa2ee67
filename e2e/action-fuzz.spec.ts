// Every route with an action, as found in the build's route manifest, gets hostile posts as a visitor, a recruiter and
// a manager: wrong content types, empty, huge and broken bodies, unknown intents, the page's own intents with ids of
// records that don't exist, control characters in every field the page has. Never a 5xx, and nothing is written.
// A new route with an action is covered without editing this file.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "playwright/test";
import { FORM, send, type RawRequest } from "./http-client";
import { countAllRows, startPrivateServer, type PrivateServer } from "./private-server";

type ManifestRoute = { id: string; path?: string; index?: boolean; parentId?: string; hasAction: boolean };

/** The browser manifest the build wrote (public/build/manifest-*.js): every route, its path and whether it has an action. */
function actionRoutes() {
  const dir = path.resolve("public/build");
  const file = readdirSync(dir).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error("No route manifest in public/build: run `remix build` first.");
  const text = readFileSync(path.join(dir, file), "utf8");
  const routes = (JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as { routes: Record<string, ManifestRoute> })
    .routes;
  const fullPath = (route: ManifestRoute): string => {
    const parent = route.parentId ? fullPath(routes[route.parentId]) : "";
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  return Object.values(routes)
    // Any POST to /logout signs out, whatever its body: that write is the route's purpose, and it would sign the
    // fuzzer's own users out half-way through.
    .filter((route) => route.hasAction && route.id !== "routes/logout")
    .map((route) => ({ id: route.id, pattern: `/${fullPath(route)}`, index: Boolean(route.index) }));
}

const CONTROL = "\u0000\u0007\u0008\u001b[2J\r\n\u202e\u200b\ufeff'\"<script>;--";

/** Names and intents of the form controls in a page (inputs, selects, textareas, submit buttons). */
function formsIn(html: string) {
  const names = new Set<string>();
  const intents = new Set<string>();
  for (const [tag] of html.matchAll(/<(?:input|button|select|textarea)\b[^>]*>/g)) {
    const name = /\sname="([^"]+)"/.exec(tag)?.[1];
    if (!name) continue;
    names.add(name);
    const value = /\svalue="([^"]*)"/.exec(tag)?.[1];
    if (name === "intent" && value) intents.add(value);
  }
  return { names: [...names], intents: [...intents] };
}

type Case = { label: string; request: Omit<RawRequest, "path">; path?: string; refusedByServer?: boolean };

let server: PrivateServer;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startPrivateServer("fuzz");
});
test.afterAll(async () => server?.stop());

test("hostile posts to every route action never answer 5xx and never write", async () => {
  test.setTimeout(180_000);
  const routes = actionRoutes();
  // A sanity floor, so an empty manifest can't pass: the app has 16 actions besides /logout.
  expect(routes.length).toBeGreaterThanOrEqual(16);
  const params: Record<string, string[]> = {
    interviewId: [server.interviewId, randomUUID()],
    candidateId: [server.candidateId, randomUUID()],
    // Real tokens would make a real unsubscribe (a write by design): tokens here are always unknown ones.
    token: [randomUUID().replace(/-/g, "")],
  };
  const roles = { visitor: "", recruiter: server.users.recruiter.cookie, manager: server.users.manager.cookie };

  // First what each page offers (following a redirect: action-only routes send GETs to the page that holds their
  // forms). Pages may create their defaults on a first visit (the playbook), so rows are counted after this.
  type Target = { route: (typeof routes)[number]; role: string; headers: Record<string, string>; target: string; dataTarget: string };
  const targets: (Target & { names: string[]; intents: string[] })[] = [];
  for (const route of routes) {
    // Each :param with a real id and a missing one (any other param: a missing id).
    let paths = [route.pattern];
    for (const [, name] of route.pattern.matchAll(/:(\w+)/g)) {
      const values = params[name] ?? [randomUUID()];
      paths = paths.flatMap((p) => values.map((value) => p.replace(`:${name}`, value)));
    }
    for (const [role, cookie] of Object.entries(roles)) {
      for (const routePath of paths) {
        const target = route.index ? `${routePath}?index` : routePath;
        const dataTarget = `${routePath === "/" ? "/_root" : routePath}.data${route.index ? "?index" : ""}`;
        const headers: Record<string, string> = { Origin: server.baseURL, ...(cookie ? { Cookie: cookie } : {}) };
        const page = await fetch(new URL(target, server.baseURL), { headers });
        targets.push({ route, role, headers, target, dataTarget, ...formsIn(await page.text()) });
      }
    }
  }

  // Rate limits count requests, refused ones too, by design (shared by every instance, so kept in the database); a
  // count is not a write the fuzzing could have caused by getting past a check.
  const rowsOutsideRateLimits = () => {
    const { RateLimitBucket: _counted, ...rows } = countAllRows(server.db);
    return rows;
  };
  const before = rowsOutsideRateLimits();
  const failures: string[] = [];
  let sent = 0;
  for (const { route, role, headers, target, dataTarget, names, intents } of targets) {
    // Conform's reserved fields are in every form's reach, whether the page shows them or not.
    const fields = [...new Set([...names, "intent", "id", "__intent__", "__state__"])];
    const posting = (contentType: string | undefined, body: RawRequest["body"], extra: Record<string, string> = {}) => ({
      method: "POST",
      headers: { ...headers, ...(contentType ? { "Content-Type": contentType } : {}), ...extra },
      body,
    });
    const urlencoded = (entries: [string, string][]) => new URLSearchParams(entries).toString();
    const cases: Case[] = [
      { refusedByServer: true, label: "json", request: posting("application/json", JSON.stringify({ intent: intents[0] ?? "x", id: randomUUID() })) },
      { refusedByServer: true, label: "text", request: posting("text/plain", "intent=delete") },
      { refusedByServer: true, label: "no content type, empty", request: posting(undefined, "") },
      { label: "empty form", request: posting(FORM, "") },
      { label: "empty form (.data)", request: posting(FORM, ""), path: dataTarget },
      { refusedByServer: true, label: "broken multipart", request: posting("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data\r\n\r\n") },
      { refusedByServer: true, label: "multipart without boundary", request: posting("multipart/form-data", "intent=x") },
      { refusedByServer: true, label: "huge", request: posting(FORM, `intent=${"a".repeat(1_200_000)}`) },
      { label: "unknown intent", request: posting(FORM, urlencoded([["intent", "drop-everything"]])) },
      { label: "unknown intent (.data)", request: posting(FORM, urlencoded([["intent", "drop-everything"]])), path: dataTarget },
      { label: "repeated intent", request: posting(FORM, urlencoded(intents.slice(0, 2).concat("x").map((i) => ["intent", i]))) },
      {
        label: "control characters in every field",
        request: posting(FORM, urlencoded(fields.map((name) => [name, CONTROL]))),
      },
      {
        label: "control characters (multipart)",
        request: posting(
          "multipart/form-data; boundary=fz",
          fields.map((name) => `--fz\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${CONTROL}\r\n`).join("") + "--fz--\r\n",
        ),
      },
      { refusedByServer: true, label: "DELETE", request: { method: "DELETE", headers } },
      { refusedByServer: true, label: "cross-site", request: posting(FORM, "intent=x", { Origin: "https://evil.example" }) },
      { refusedByServer: true, label: "legacy ?_data=", request: posting(FORM, "intent=x"), path: `${target}${target.includes("?") ? "&" : "?"}_data=${route.id}` },
      // The page's own intents, every other field an id that doesn't exist (or a date, number or flag gone wrong).
      ...intents.flatMap((intent) => [
        {
          label: `intent ${intent} with missing ids`,
          request: posting(FORM, urlencoded([["intent", intent], ...fields.filter((f) => f !== "intent").map((f): [string, string] => [f, randomUUID()])])),
        },
        {
          label: `intent ${intent} with odd values (.data)`,
          path: dataTarget,
          request: posting(
            FORM,
            urlencoded([["intent", intent], ...fields.filter((f) => f !== "intent").map((f, i): [string, string] => [f, ["-1", "0000-01-01T25:61", "9".repeat(400), "true"][i % 4]])]),
          ),
        },
      ]),
    ];
    for (const { label, request, path: casePath, refusedByServer } of cases) {
      // Refused before the session is read: once per URL is enough.
      if (refusedByServer && role !== "visitor") continue;
      const response = await send(server.baseURL, { ...request, path: casePath ?? target });
      sent++;
      if (response.status >= 500) failures.push(`${role} ${request.method} ${casePath ?? target} [${label}] → ${response.status}`);
    }
  }
  expect(failures, `server output:\n${server.output().slice(-3000)}`).toEqual([]);
  expect(rowsOutsideRateLimits()).toEqual(before);
  expect(sent).toBeGreaterThan(routes.length * 3 * 10);
});
