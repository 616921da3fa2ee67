// GET /interviews.csv?<same params as /interviews>: every matching interview (all pages, same sort), streamed.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { candidateScope } from "~/models/candidates/candidate-access.server";
import { getAgency } from "~/models/agency/agency.server";
import { flagSeverities, impressions, interviewFormats, interviewRounds } from "~/models/enums";
import { interviewsCsv, parseInterviewQuery, type InterviewRow } from "~/models/tables/interview-table.server";
import { interviewColumnLabels, type InterviewColumn } from "~/models/tables/table-columns";
import { csvResponse, type CsvColumn } from "~/utils/csv.server";
import { toDateInputValue, toLocalInputValue } from "~/utils/dates";
import { requireUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const query = { ...parseInterviewQuery(new URL(request.url).searchParams), scope: await candidateScope(user) };
  const { timeZone } = await getAgency();
  const values: Record<InterviewColumn, CsvColumn<InterviewRow>["value"]> = {
    scheduledAt: (r) => toLocalInputValue(r.scheduledAt, timeZone).replace("T", " "),
    candidate: (r) => r.candidateName,
    company: (r) => r.companyName,
    roleTitle: (r) => r.roleTitle,
    round: (r) => interviewRounds.label(r.round),
    format: (r) => interviewFormats.label(r.format),
    impression: (r) => impressions.label(r.impression),
    flagSeverity: (r) => (r.flagSeverity ? flagSeverities.label(r.flagSeverity) : ""),
    recruiter: (r) => r.recruiterName,
  };
  // The same columns the page shows, in the same order; the date column's header names the zone.
  const columns = query.state.columns.map((id) => ({
    header: id === "scheduledAt" ? `${interviewColumnLabels[id]} (${timeZone})` : interviewColumnLabels[id],
    value: values[id],
  }));
  return csvResponse("interviews", toDateInputValue(new Date(), timeZone), interviewsCsv(query, timeZone), columns);
}
