// GET /stats.csv?<same filters as /stats>&table=<name>: one /stats table as CSV, cell for cell as the page shows it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAgency } from "~/models/agency/agency.server";
import { parseStatsFilters } from "~/models/stats/stats-forms";
import { buildStatsTables, statsTableNames } from "~/models/stats/stats-tables";
import { recoveryStatistics } from "~/models/stats/stats.server";
import { csvResponse } from "~/utils/csv.server";
import { invariantResponse } from "~/utils/http.server";
import { requireManager } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  const params = new URL(request.url).searchParams;
  const name = params.get("table") ?? "";
  invariantResponse((statsTableNames as readonly string[]).includes(name), "No such statistics table", { status: 404 });
  const { timeZone } = await getAgency();
  const filters = parseStatsFilters(params, timeZone);
  const table = buildStatsTables(await recoveryStatistics(filters, timeZone)).find((t) => t.name === name)!;
  async function* rows() {
    yield* table.rows;
  }
  const columns = table.headers.map((header, i) => ({ header, value: (row: string[]) => row[i] }));
  return csvResponse(`stats-${name}-${filters.from}-to`, filters.to, rows(), columns);
}
