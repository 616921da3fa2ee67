// Settings → Audit log (managers): every audit event, newest first, filtered by actor, kind, candidate and dates in
// the agency's zone, paginated in the database, downloadable as CSV. An erased candidate's personal data reads "erased".
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { FilterInput, FilterSelect, TableFilters } from "~/components/table-filters";
import { TableScroll } from "~/components/table-scroll";
import { getAgency } from "~/models/agency/agency.server";
import { auditLogFilterOptions, listAuditEvents, parseAuditLogQuery } from "~/models/audit/audit-log.server";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { requireManager } from "~/utils/session.server";
import privacyStyles from "~/styles/privacy.css";

export const meta: MetaFunction = () => [{ title: "Audit log · Settings · Rebound" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: privacyStyles }];

const FILTERS = ["actor", "kind", "candidate", "who", "from", "to"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  const query = parseAuditLogQuery(new URL(request.url).searchParams);
  const { timeZone } = await getAgency();
  const [result, options] = await Promise.all([listAuditEvents(query, timeZone), auditLogFilterOptions()]);
  return { ...result, query, options, timeZone };
}

export default function AuditLogPage() {
  const { rows, total, page, pageSize, query, options, timeZone, unknownCandidate } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const csvParams = new URLSearchParams(searchParams);
  csvParams.delete("page");
  csvParams.delete("pageSize");
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <p className="hint">
        Every change that matters, newest first. Times are in {describeTimeZone(timeZone)}; the dates below are days there.
      </p>
      <TableFilters label="Filter the audit log" filterParams={FILTERS}>
        <FilterSelect name="actor" label="Who" value={query.actor} options={options.actors} anyLabel="Anyone" />
        <FilterSelect name="kind" label="Kind" value={query.kind} options={options.kinds.map((k) => ({ value: k, label: k }))} anyLabel="Any kind" />
        <FilterInput
          name="who"
          label="Candidate (email, or a full name)"
          value={query.who}
          error={unknownCandidate ? "No single candidate has that email or name." : undefined}
        />
        <FilterInput name="from" label="From" type="date" value={query.from} />
        <FilterInput name="to" label="To" type="date" value={query.to} />
        {query.candidate ? <input type="hidden" name="candidate" value={query.candidate} /> : null}
      </TableFilters>
      <p>
        {total.toLocaleString("en-GB")} {total === 1 ? "event" : "events"}
        {query.candidate ? " about one candidate" : ""}. <a href={`/settings/audit.csv${csvParams.size ? `?${csvParams}` : ""}`}>Download CSV</a>
      </p>
      {rows.length ? (
        <TableScroll label="Audit events">
          <table>
            <caption className="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Kind</th>
                <th scope="col">Candidate</th>
                <th scope="col">What changed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <time dateTime={new Date(row.at).toISOString()}>{formatDateTime(row.at, timeZone)}</time>
                  </th>
                  <td>{row.actor}</td>
                  <td>
                    <code>{row.action}</code>
                    <br />
                    <span className="hint">{row.entity}</span>
                  </td>
                  <td>
                    {row.candidate ? (
                      <Link to={`/candidates/${row.candidate.id}`}>
                        {row.candidate.name}
                        {row.candidate.erased ? " (erased)" : ""}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="audit-change">{row.change || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty-state">No event matches these filters.</p>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
