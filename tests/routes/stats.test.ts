import { expect, test } from "vitest";
import { loader as csvLoader } from "~/routes/stats[.]csv";
import { loader } from "~/routes/stats._index";
import { buildStatsTables, COMPANIES_SHOWN } from "~/models/stats/stats-tables";
import { flagInterview } from "~/models/flags/flag.server";
import { makeStatsFixture } from "../builders/stats";
import { flagDetails, makeInterview, signedIn, statusOf } from "../builders/interviews";

const call = async <T>(fn: (args: never) => Promise<T>, request: Request) => {
  try {
    return await fn({ request, params: {}, context: {} } as never);
  } catch (thrown) {
    return thrown as T;
  }
};

/** One CSV record: fields split on commas outside quotes, "" inside quotes is a quote. */
function parseCsvLine(line: string) {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === "," && !quoted) {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  return [...fields, field];
}

test("/stats?to=0000-01-01 shows the default range with a field error instead of a 500", async () => {
  const manager = await signedIn("manager");
  const result = (await call(loader, manager.get("/stats?to=0000-01-01"))) as Awaited<ReturnType<typeof loader>>;
  expect(result.filters.errors?.to).toMatch(/between 2000-01-01 and 2099-12-31/);
  expect(result.filters.to).toMatch(/^20\d\d-\d\d-\d\d$/);
  const csv = (await call(csvLoader, manager.get("/stats.csv?table=funnel&to=0000-01-01"))) as Response;
  expect(csv.status).toBe(200);
});

test("a recruiter gets 403 on /stats and on its CSV downloads", async () => {
  const recruiter = await signedIn("recruiter");
  expect(statusOf(await call(loader, recruiter.get("/stats")))).toBe(403);
  expect(statusOf(await call(csvLoader, recruiter.get("/stats.csv?table=funnel")))).toBe(403);
});

test("bad params fall back to the default range instead of failing", async () => {
  const manager = await signedIn("manager");
  const url = "/stats?from=2026-13-45&to=yesterday&recruiter=%3Cscript%3E&company=";
  const data = (await call(loader, manager.get(url))) as Awaited<ReturnType<typeof loader>>;
  expect(data.filters.recruiterId).toBeUndefined();
  expect(data.filters.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(data.stats.funnel.recoveries).toBeGreaterThanOrEqual(0);
});

test("the CSV of a table has exactly the cells the page shows", async () => {
  await makeStatsFixture();
  const manager = await signedIn("manager");
  const search = "from=2026-11-01&to=2026-11-30";
  const page = (await call(loader, manager.get(`/stats?${search}`))) as Awaited<ReturnType<typeof loader>>;
  for (const name of ["funnel", "recruiter", "reason"]) {
    const shown = buildStatsTables(page.stats).find((t) => t.name === name)!;
    const response = (await call(csvLoader, manager.get(`/stats.csv?${search}&table=${name}`))) as Response;
    expect(response.headers.get("Content-Type")).toContain("text/csv");
    const text = (await response.text()).replace(/^\uFEFF/, "");
    const lines = text.trim().split("\r\n").map(parseCsvLine);
    expect(lines).toEqual([shown.headers, ...shown.rows]);
  }
  const unknown = await call(csvLoader, manager.get(`/stats.csv?${search}&table=passwords`));
  expect(statusOf(unknown)).toBe(404);
});

test("/stats sends the busiest companies only, and every company when asked for all", async () => {
  const manager = await signedIn("manager");
  const scheduledAt = new Date(Date.now() - 48 * 3600_000);
  for (let i = 0; i <= COMPANIES_SHOWN; i++) {
    const interview = await makeInterview({ recruiterId: manager.user.id, scheduledAt });
    await flagInterview(interview.id, flagDetails(), { userId: manager.user.id });
  }
  type Data = Awaited<ReturnType<typeof loader>>;
  const mine = `/stats?recruiter=${manager.user.id}`;
  const some = (await call(loader, manager.get(mine))) as Data;
  expect(some.companyCount).toBe(COMPANIES_SHOWN + 1);
  expect(some.stats.byCompany).toHaveLength(COMPANIES_SHOWN);
  const all = (await call(loader, manager.get(`${mine}&companies=all`))) as Data;
  expect(all.stats.byCompany).toHaveLength(COMPANIES_SHOWN + 1);
  expect(all.stats.funnel).toEqual(some.stats.funnel);
});
