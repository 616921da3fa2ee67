// What the server refuses before Remix runs (sizes, methods, content types, cross-site writes, ?_data=), how it
// answers while another process holds SQLite's write lock, and which client address and scheme it believes.
import Database from "better-sqlite3";
import { expect, test } from "playwright/test";
import { FORM, form, send } from "./http-client";
import { countAllRows, startPrivateServer, type PrivateServer } from "./private-server";

test.describe.configure({ mode: "serial" });

let server: PrivateServer;
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startPrivateServer("hardening");
});
test.afterAll(async () => server?.stop());

const call = (request: Parameters<typeof send>[1]) => send(server.baseURL, request);
const agencyForm = (name: string) =>
  form({ name, timeZone: "UTC", senderName: "Private Agency", recruitersSeeOwnCandidatesOnly: "false", quietAfterDays: "30", overdueGraceHours: "2", checkInEnabled: "true", checkInAfterHours: "2" });

test("a 150 MB POST /login is refused with 413 before its body is read, declared or streamed", async () => {
  const declared = await call({
    method: "POST",
    path: "/login",
    headers: { "Content-Type": FORM, "Content-Length": 150 * 1024 * 1024 },
    headersOnly: true,
  });
  expect(declared.status).toBe(413);
  // Chunked: no length up front, so the server counts as it reads and stops past 1 MB.
  const streamed = await call({
    method: "POST",
    path: "/login",
    headers: { "Content-Type": FORM },
    body: Array.from({ length: 40 }, () => Buffer.alloc(64 * 1024, "a")),
  });
  expect(streamed.status).toBe(413);
  expect((await call({ path: "/healthz" })).status).toBe(200);
});

test("long URLs get 414 and oversized headers 431", async () => {
  expect((await call({ path: `/login?q=${"a".repeat(9 * 1024)}` })).status).toBe(414);
  expect((await call({ path: "/login", headers: { "X-Padding": "a".repeat(20 * 1024) } })).status).toBe(431);
  expect((await call({ path: `/login?q=${"a".repeat(1024)}` })).status).toBe(200);
});

test("form actions refuse other content types with 415, other methods with 405 and broken multipart with 400", async () => {
  const post = (contentType: string | undefined, body: string) =>
    call({ method: "POST", path: "/login", headers: contentType ? { "Content-Type": contentType } : {}, body });
  expect((await post("application/json", '{"email":"a@b.c"}')).status).toBe(415);
  expect((await post("text/plain", "email=a@b.c")).status).toBe(415);
  expect((await post(undefined, "")).status).toBe(415);
  expect((await post("multipart/form-data; boundary=zzz", "--zzz\r\nContent-Disposition: garbage")).status).toBe(400);
  expect((await post(FORM, "")).status).toBe(400);
  for (const method of ["DELETE", "PUT", "PATCH", "OPTIONS"]) {
    const response = await call({ method, path: "/login" });
    expect(response.status, method).toBe(405);
    expect(response.headers.allow).toBe("GET, HEAD, POST");
  }
});

test("the legacy ?_data= protocol is off", async () => {
  expect((await call({ path: "/login?_data=routes/login" })).status).toBe(400);
  const post = await call({
    method: "POST",
    path: `/interviews/${server.interviewId}?_data=routes/interviews.$interviewId`,
    headers: { "Content-Type": FORM, Cookie: server.users.recruiter.cookie, Origin: server.baseURL },
    body: form({ intent: "create-link" }),
  });
  expect(post.status).toBe(400);
});

test.describe("writes from another site are refused before they reach an action", () => {
  const evil = { Origin: "https://evil.example" };

  test("login CSRF: a cross-site sign-in is refused and sets no cookie", async () => {
    const body = form({ intent: "login", email: "manager-hardening@e2e.example.com", password: "whatever-it-is" });
    const refused: Record<string, string>[] = [evil, { "Sec-Fetch-Site": "cross-site" }, { "Sec-Fetch-Site": "same-site" }, { Origin: "null" }];
    for (const headers of refused) {
      const response = await call({ method: "POST", path: "/login", headers: { "Content-Type": FORM, ...headers }, body });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers["set-cookie"]).toBeUndefined();
    }
    // Our own origin (and a client that sends neither header, such as curl) reaches the action: wrong password, 400.
    const allowed: Record<string, string>[] = [{ Origin: server.baseURL }, { "Sec-Fetch-Site": "same-origin" }, {}];
    for (const headers of allowed) {
      const response = await call({ method: "POST", path: "/login", headers: { "Content-Type": FORM, ...headers }, body });
      expect(response.status, JSON.stringify(headers)).toBe(400);
    }
  });

  test("the interview page's panels and .data posts refuse a signed-in user's cross-site post", async () => {
    const before = countAllRows(server.db);
    const headers = { "Content-Type": FORM, Cookie: server.users.recruiter.cookie, ...evil };
    for (const path of [
      `/interviews/${server.interviewId}`,
      `/interviews/${server.interviewId}.data`,
      `/settings/agency`,
    ]) {
      const response = await call({ method: "POST", path, headers, body: form({ intent: "create-link", runId: "x" }) });
      expect(response.status, path).toBe(403);
    }
    expect(countAllRows(server.db)).toEqual(before);
  });

  test("the one-click unsubscribe POST from a mail provider (no Origin) still works", async () => {
    // RFC 8058: the body is the one field List-Unsubscribe=One-Click, sent as multipart/form-data (or urlencoded).
    const body = '--b\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--b--\r\n';
    const response = await call({
      method: "POST",
      path: `/unsubscribe/${server.unsubscribeToken}`,
      headers: { "Content-Type": "multipart/form-data; boundary=b" },
      body,
    });
    expect(response.status).toBe(200);
    const row = server.db.prepare(`SELECT emailOptOut FROM "Candidate" WHERE id = ?`).get(server.candidateId);
    expect(row).toEqual({ emailOptOut: 1 });
    // The unsubscribe page's own form, whose no-referrer policy makes browsers send "Origin: null", and a webmail's.
    for (const origin of ["null", "https://mail.example"]) {
      const again = await call({
        method: "POST",
        path: `/unsubscribe/${server.unsubscribeToken}`,
        headers: { "Content-Type": FORM, Origin: origin },
        body: "List-Unsubscribe=One-Click",
      });
      expect(again.status, origin).toBe(200);
    }
  });
});

test("while another process holds the write lock, writes answer 503 with Retry-After and /healthz stays quick", async () => {
  const manager = { "Content-Type": FORM, Cookie: server.users.manager.cookie, Origin: server.baseURL };
  const blocker = new Database(server.file);
  blocker.exec("BEGIN IMMEDIATE");
  const before = countAllRows(server.db);
  try {
    const writes = Array.from({ length: 6 }, (_, i) =>
      call({ method: "POST", path: "/settings/agency", headers: manager, body: agencyForm(`Locked ${i}`) }),
    );
    const started = Date.now();
    const health = await call({ path: "/healthz" });
    const healthMs = Date.now() - started;
    const answers = await Promise.all(writes);
    expect(health.status).toBe(200);
    // Before: 5 s (better-sqlite3 waited on the lock synchronously, freezing the server). Generous on a busy machine.
    expect(healthMs).toBeLessThan(2_500);
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(Number(answer.headers["retry-after"])).toBeGreaterThan(0);
      expect(answer.text).toContain("Nothing was saved");
    }
  } finally {
    blocker.exec("ROLLBACK");
    blocker.close();
  }
  expect(countAllRows(server.db)).toEqual(before);
  // Once the lock is gone (and the one-second cool-down is over) the same write goes through.
  await expect
    .poll(async () => (await call({ method: "POST", path: "/settings/agency", headers: manager, body: agencyForm("Unlocked") })).status)
    .toBe(302);
  expect(server.db.prepare(`SELECT name FROM "Agency"`).get()).toEqual({ name: "Unlocked" });
});

test("without TRUST_PROXY, X-Forwarded-For and X-Forwarded-Proto are ignored", async () => {
  const viaProxy = await call({ path: "/login", headers: { "X-Forwarded-Proto": "https" } });
  expect(viaProxy.headers["strict-transport-security"]).toBeUndefined();
  // The unsubscribe limit counts per client address: a forged X-Forwarded-For does not get a fresh allowance.
  const statuses: number[] = [];
  for (let i = 0; i < 31; i++) {
    const response = await call({ path: "/unsubscribe/not-a-token", headers: { "X-Forwarded-For": `203.0.113.${i + 1}` } });
    statuses.push(response.status);
  }
  expect(statuses.at(-1)).toBe(429);
});

test.describe("behind a proxy (TRUST_PROXY=loopback)", () => {
  let proxied: PrivateServer;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    proxied = await startPrivateServer("proxied", { TRUST_PROXY: "loopback", APP_URL: "https://rebound.example" });
  });
  test.afterAll(async () => proxied?.stop());

  test("the client address and scheme come from the proxy's headers: HSTS over HTTPS, limits per real client", async () => {
    const viaProxy = await send(proxied.baseURL, { path: "/login", headers: { "X-Forwarded-Proto": "https" } });
    expect(viaProxy.headers["strict-transport-security"]).toBe("max-age=31536000");
    const plain = await send(proxied.baseURL, { path: "/login" });
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
    const unsubscribe = (client: string) =>
      send(proxied.baseURL, { path: "/unsubscribe/not-a-token", headers: { "X-Forwarded-For": client } });
    for (let i = 0; i < 30; i++) expect((await unsubscribe("203.0.113.10")).status).toBe(404);
    expect((await unsubscribe("203.0.113.10")).status).toBe(429);
    expect((await unsubscribe("203.0.113.11")).status).toBe(404);
  });

  test("our own origin is APP_URL's, as the browser behind the proxy sends it", async () => {
    const body = form({ intent: "login", email: "nobody@e2e.example.com", password: "whatever-it-is" });
    const post = (origin: string) =>
      send(proxied.baseURL, { method: "POST", path: "/login", headers: { "Content-Type": FORM, Origin: origin }, body });
    expect((await post("https://rebound.example")).status).toBe(400);
    expect((await post(proxied.baseURL)).status).toBe(403);
  });
});
