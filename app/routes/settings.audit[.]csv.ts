// GET /settings/audit.csv?<the page's filters>: the matching audit events as CSV (managers), newest first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAgency } from "~/models/agency/agency.server";
import { auditEventsForCsv, parseAuditLogQuery, type AuditLogRow } from "~/models/audit/audit-log.server";
import { csvResponse, type CsvColumn } from "~/utils/csv.server";
import { formatDateTime, toDateInputValue } from "~/utils/dates";
import { requireManager } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  const query = parseAuditLogQuery(new URL(request.url).searchParams);
  const { timeZone } = await getAgency();
  const columns: CsvColumn<AuditLogRow>[] = [
    { header: "When (UTC)", value: (r) => new Date(r.at).toISOString() },
    { header: `When (${timeZone})`, value: (r) => formatDateTime(r.at, timeZone) },
    { header: "Who", value: (r) => r.actor },
    { header: "Kind", value: (r) => r.action },
    { header: "Record", value: (r) => r.entity },
    { header: "Candidate", value: (r) => (r.candidate ? `${r.candidate.name}${r.candidate.erased ? " (erased)" : ""}` : "") },
    { header: "Candidate id", value: (r) => r.candidate?.id ?? "" },
    { header: "What changed", value: (r) => r.change },
  ];
  return csvResponse("audit-log", toDateInputValue(new Date(), timeZone), auditEventsForCsv(query, timeZone), columns);
}
