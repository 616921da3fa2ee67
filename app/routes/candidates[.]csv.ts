// GET /candidates.csv?<same params as /candidates>: every matching candidate (all pages, same sort), streamed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { candidateScope } from "~/models/candidates/candidate-access.server";
import { getAgency } from "~/models/agency/agency.server";
import { candidatesCsv, parseCandidateQuery, type CandidateRow } from "~/models/tables/candidate-table.server";
import { candidateStatuses } from "~/models/enums";
import { candidateColumnLabels, type CandidateColumn } from "~/models/tables/table-columns";
import { csvResponse, type CsvColumn } from "~/utils/csv.server";
import { toDateInputValue, toLocalInputValue } from "~/utils/dates";
import { requireUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = { ...parseCandidateQuery(new URL(request.url).searchParams), scope: await candidateScope(user) };
  const { timeZone } = await getAgency();
  const when = (date: Date | null) => (date ? toLocalInputValue(date, timeZone).replace("T", " ") : "");
  const values: Record<CandidateColumn, CsvColumn<CandidateRow>["value"]> = {
    name: (r) => r.name,
    email: (r) => r.email,
    phone: (r) => r.phone,
    recruiter: (r) => r.recruiterName,
    status: (r) => candidateStatuses.label(r.status),
    lastInterviewAt: (r) => when(r.lastInterviewAt),
    openFlagCount: (r) => r.openFlagCount,
    createdAt: (r) => when(r.createdAt),
  };
  // The same columns the page shows, in the same order.
  const columns = query.state.columns.map((id) => ({ header: candidateColumnLabels[id], value: values[id] }));
  return csvResponse("candidates", toDateInputValue(new Date(), timeZone), candidatesCsv(query, timeZone), columns);
}
