// The pages people use run under the Content-Security-Policy without a single violation (Recharts on /stats, the
// candidate's page, the interview page), and each response carries the headers the security issue asked for.
import type { Page } from "playwright/test";
import { createCandidateWithInterview, flagAndCreateLink, expect, test, waitForHydration } from "./fixtures";

/** Records CSP violations and console errors from the moment the page starts. */
async function watchForViolations(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return problems;
}

test("the dashboard, statistics, interview and candidate pages run under the CSP with no violation", async ({ page, login, browser }) => {
  const problems = await watchForViolations(page);
  const manager = await login({ role: "manager" });

  const home = await page.goto("/");
  await waitForHydration(page);
  const csp = home?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(home?.headers()["cache-control"]).toBe("no-store");

  await page.goto("/stats");
  await waitForHydration(page);
  // Recharts draws its SVG charts in the browser: they render under the policy.
  await expect(page.locator(".recharts-surface").first()).toBeVisible();

  const { interviewId } = await createCandidateWithInterview(manager.id);
  const coachPath = await flagAndCreateLink(page, interviewId);
  await page.goto(`/interviews/${interviewId}`);
  await waitForHydration(page);
  await expect(page.getByRole("heading", { name: "Flagged as gone badly" })).toBeVisible();

  const visitor = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const candidatePage = await visitor.newPage();
  const candidateProblems = await watchForViolations(candidatePage);
  const coach = await candidatePage.goto(coachPath);
  await waitForHydration(candidatePage);
  // The page's own stricter policy wins over the server's default (its URL holds the token).
  expect(coach?.headers()["referrer-policy"]).toBe("strict-origin");
  expect(coach?.headers()["content-security-policy"]).toContain("'nonce-");
  await visitor.close();

  expect(problems).toEqual([]);
  expect(candidateProblems).toEqual([]);
});

test("every response has a fresh nonce on each of Remix's scripts, and private data is never cached", async ({ page, login }) => {
  await login({ role: "manager" });
  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const response = await page.request.get("/stats");
    const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1] ?? "";
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    nonces.push(nonce);
    const headers = response.headers();
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    // Served over plain HTTP here: no HSTS (behind an HTTPS proxy it is set, see http-hardening.spec.ts).
    expect(headers["strict-transport-security"]).toBeUndefined();
  }
  expect(nonces[0]).not.toBe(nonces[1]);
  const data = await page.request.get("/stats.data");
  expect(data.status()).toBe(200);
  expect(data.headers()["cache-control"]).toBe("no-store");
});

test("pages and their JavaScript are sent compressed to a browser that accepts it, and plain to one that doesn't", async ({ baseURL }) => {
  const get = (path: string, encoding: string) => fetch(new URL(path, baseURL), { headers: { "Accept-Encoding": encoding } });
  // Brotli where the browser offers it (every current one does), gzip otherwise.
  expect((await get("/login", "gzip, deflate, br")).headers.get("content-encoding")).toBe("br");
  const html = await get("/login", "gzip");
  expect(html.headers.get("content-encoding")).toBe("gzip");
  const body = await html.text();
  expect(body).toContain("</html>");
  // The largest script the page preloads (tiny files are not worth compressing and are sent as they are).
  const scripts = [...body.matchAll(/<link rel="modulepreload" href="(\/build\/[^"]+\.js)"/g)].map((match) => match[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  const sized = await Promise.all(scripts.map(async (url) => ({ url, length: (await (await get(url, "identity")).arrayBuffer()).byteLength })));
  const largest = sized.sort((a, b) => b.length - a.length)[0]!;
  const gzipped = await get(largest.url, "gzip");
  expect(gzipped.headers.get("content-encoding")).toBe("gzip");
  expect(gzipped.headers.get("cache-control")).toContain("immutable");
  const plain = await get(largest.url, "identity");
  expect(plain.headers.get("content-encoding")).toBeNull();
  expect(await gzipped.text()).toBe(await plain.text());
});
