// /emails: every message in the outbox, newest first, filterable by status, template and sender (all in the URL).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { candidateScope } from "~/models/candidates/candidate-access.server";
import { EmailStatusBadge } from "~/components/email-status";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { FilterSelect, TableFilters, useClearFiltersHref } from "~/components/table-filters";
import { emailSenderOptions, listEmails, parseEmailQuery } from "~/models/email/email.server";
import { emailStatuses, selectOptions } from "~/models/enums";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { CAPTURE_MODE_NOTICE, isCaptureMode } from "~/utils/mailer.server";
import { requireUser } from "~/utils/session.server";
import { useTimeZone } from "~/utils/use-time-zone";
import { templateLabel, templateOptions } from "../../emails/index";

export const meta: MetaFunction = () => [{ title: "Emails · Rebound" }];

const filterParams = ["status", "template", "recruiter"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { filters, page, pageSize } = parseEmailQuery(new URL(request.url).searchParams);
  const scope = await candidateScope(user);
  const [list, senders] = await Promise.all([listEmails(filters, page, pageSize, scope, user), emailSenderOptions()]);
  return { ...list, filters, senders, captureNotice: isCaptureMode() ? CAPTURE_MODE_NOTICE : null };
}

export default function EmailsPage() {
  const { rows, total, page, pageSize, filters, senders, captureNotice } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const [searchParams] = useSearchParams();
  const clearHref = useClearFiltersHref(filterParams);
  const filtered = filterParams.some((p) => searchParams.get(p));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <section aria-labelledby="emails-title">
      <div className="page-heading">
        <h1 id="emails-title">Emails</h1>
      </div>
      {captureNotice ? (
        <p className="notice capture-notice" role="note">
          {captureNotice}
        </p>
      ) : null}
      <TableFilters label="Filter emails" filterParams={filterParams}>
        <FilterSelect
          name="status"
          label="Status"
          value={filters.status}
          options={selectOptions(emailStatuses)}
        />
        <FilterSelect name="template" label="Template" value={filters.template} options={templateOptions} />
        <FilterSelect
          name="recruiter"
          label="Sent by"
          value={filters.recruiter}
          options={senders.map((s) => ({ value: s.id, label: s.name }))}
        />
      </TableFilters>
      <p className="hint">Times are in {describeTimeZone(timeZone)}.</p>
      <div className="data-table">
        <p role="status" className="data-table-count">
          {total === 0
            ? "No emails"
            : `Showing ${first.toLocaleString("en-GB")}–${last.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} emails`}
        </p>
        <div className="data-table-scroll">
          <table>
            <caption className="visually-hidden">Emails, newest first (times in {timeZone})</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Subject</th>
                <th scope="col">To</th>
                <th scope="col">Template</th>
                <th scope="col">Status</th>
                <th scope="col">Sent by</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 ? (
                <tr>
                  <td colSpan={6} className="data-table-empty">
                    {filtered ? (
                      <p>
                        No emails match these filters. <Link to={clearHref}>Clear filters</Link>
                      </p>
                    ) : (
                      <p>No emails yet. Send one from an interview’s page.</p>
                    )}
                  </td>
                </tr>
              ) : (
                rows.map((row) => (
                  <tr key={row.id}>
                    <td>{formatDateTime(row.createdAt, timeZone)}</td>
                    <th scope="row">
                      <Link to={`/emails/${row.id}`}>{row.subject}</Link>
                    </th>
                    <td>
                      {row.candidate ? (
                        <Link to={`/candidates/${row.candidate.id}`}>{row.candidate.name}</Link>
                      ) : (
                        <>{row.recipientUser?.name ?? "Staff"} (staff)</>
                      )}
                      <br />
                      <span className="muted">{row.toAddress}</span>
                    </td>
                    <td>{templateLabel(row.template)}</td>
                    <td>
                      <EmailStatusBadge status={row.status} />
                    </td>
                    <td>{row.sentBy?.name ?? "—"}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        {total > 0 ? <Pagination page={page} pageSize={pageSize} total={total} /> : null}
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
