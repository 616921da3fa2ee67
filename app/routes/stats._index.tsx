// /stats: the manager's recovery statistics for a date range, recruiter and company (all in the URL).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { FunnelChart, MonthTrendChart, ReasonChart } from "~/components/charts/stats-charts";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterInput, FilterSelect, TableFilters } from "~/components/table-filters";
import { getAgency } from "~/models/agency/agency.server";
import {
  EARLIEST_STATS_DAY,
  LATEST_STATS_DAY,
  parseStatsFilters,
  STATS_FILTER_PARAMS,
  statsRangePresets,
  statsSearch,
} from "~/models/stats/stats-forms";
import { interviewsLinkFor } from "~/models/stats/recovery-filters";
import { buildStatsTables, COMPANIES_SHOWN, formatCount, formatHireRate, SMALL_SAMPLE, type StatsTable } from "~/models/stats/stats-tables";
import { recoveryStatistics } from "~/models/stats/stats.server";
import { recruiterAndCompanyOptions } from "~/models/tables/filter-options.server";
import { describeTimeZone } from "~/utils/dates";
import { requireManager } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Stats · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  const { timeZone } = await getAgency();
  const params = new URL(request.url).searchParams;
  const filters = parseStatsFilters(params, timeZone);
  const [stats, options] = await Promise.all([recoveryStatistics(filters, timeZone), recruiterAndCompanyOptions()]);
  // The busiest companies only, unless asked for all: hundreds of rows the page doesn't show are not sent either.
  const companies = params.get("companies") === "all" ? stats.byCompany : stats.byCompany.slice(0, COMPANIES_SHOWN);
  return {
    filters,
    stats: { ...stats, byCompany: companies },
    companyCount: stats.byCompany.length,
    options,
    presets: statsRangePresets(timeZone),
    timeZone: describeTimeZone(timeZone),
  };
}

/**
 * Hundreds of companies, every figure a link, made the page a megabyte: the busiest first (the loader sends only
 * those), the rest a click away. `total`: how many companies the range has.
 */
function CompanyTable({ table, total, csvHref }: { table: StatsTable; total: number; csvHref: string }) {
  const [searchParams] = useSearchParams();
  const more =
    total > table.rows.length ? (
      <p>
        Showing the {table.rows.length} companies with the most recoveries of {total}.{" "}
        <Link to={`?${new URLSearchParams([...searchParams.entries(), ["companies", "all"]])}`} preventScrollReset>
          Show all {total} companies
        </Link>
      </p>
    ) : null;
  return <StatsTableView table={table} csvHref={csvHref} more={more} />;
}

function StatsTableView({ table, csvHref, more }: { table: StatsTable; csvHref: string; more?: React.ReactNode }) {
  return (
    <div className="stats-table">
      <table className="data-table">
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.headers.map((h, i) => (
              <th key={h} scope="col" className={i > 0 ? "numeric" : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.length ? (
            table.rows.map((row, r) => (
              <tr key={row[0]}>
                {row.map((cell, i) => {
                  if (i === 0) {
                    return (
                      <th key={i} scope="row">
                        {cell}
                      </th>
                    );
                  }
                  const href = table.links?.[r]?.[i];
                  const muted = table.muted?.[r] === i;
                  return (
                    <td key={i} className={muted ? "numeric muted" : "numeric"}>
                      {href ? (
                        // A plain link: hundreds of figures each resolving a router <Link> cost more to render than
                        // the statistics' SQL saved; following one is an ordinary page load of /interviews.
                        <a href={href} aria-label={`${cell}: ${table.headers[i]}, ${row[0]} (show these interviews)`}>
                          {cell}
                        </a>
                      ) : (
                        cell
                      )}
                    </td>
                  );
                })}
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={table.headers.length}>Nothing in this range.</td>
            </tr>
          )}
        </tbody>
      </table>
      {more}
      <a href={csvHref} download>
        Download CSV: {table.caption}
      </a>
    </div>
  );
}

export default function StatsPage() {
  const { filters, stats, companyCount, options, presets, timeZone } = useLoaderData<typeof loader>();
  const tables = Object.fromEntries(buildStatsTables(stats, filters).map((t) => [t.name, t]));
  const csv = (name: string) => `/stats.csv${statsSearch(filters, { table: name })}`;
  const show = (name: string) => <StatsTableView table={tables[name]} csvHref={csv(name)} />;
  const { funnel, progress } = stats;
  const keep = { recruiterId: filters.recruiterId, companyId: filters.companyId };
  return (
    <section aria-labelledby="stats-title" className="stats-page">
      <h1 id="stats-title">Recovery statistics</h1>
      <p className="stats-headline">
        From {filters.from} to {filters.to}: <Link to={interviewsLinkFor(filters)}>{formatCount(funnel.recoveries)} flagged interviews</Link>
        ;{" "}
        <Link className="stats-in-progress" to={interviewsLinkFor(filters, { progress: "in_progress" })}>
          still in progress: {formatCount(progress.inProgress)}
        </Link>
        . Of the{" "}
        <Link to={interviewsLinkFor(filters, { progress: "closed" })}>{formatCount(progress.closed)} closed</Link>,{" "}
        <Link to={interviewsLinkFor(filters, { progress: "closed", stage: "hired" })}>
          {formatCount(progress.closedHired)} ended in a hire
        </Link>
        : a hire rate of <strong>{formatHireRate(progress.closedHired, progress.closed)}</strong>.
      </p>
      <TableFilters label="Filter statistics" filterParams={STATS_FILTER_PARAMS}>
        {(["from", "to"] as const).map((name) => (
          <FilterInput
            key={name}
            name={name}
            label={name === "from" ? "From" : "To"}
            type="date"
            value={filters[name]}
            min={EARLIEST_STATS_DAY}
            max={LATEST_STATS_DAY}
            error={filters.errors?.[name]}
          />
        ))}
        <FilterSelect
          name="recruiter"
          label="Recruiter"
          anyLabel="All recruiters"
          value={filters.recruiterId}
          options={options.recruiters.map((r) => ({ value: r.id, label: r.name }))}
        />
        <FilterSelect
          name="company"
          label="Company"
          anyLabel="All companies"
          value={filters.companyId}
          options={options.companies.map((c) => ({ value: c.id, label: c.name }))}
        />
      </TableFilters>
      <nav aria-label="Date ranges" className="row-actions">
        {presets.map((p) => (
          <Link key={p.label} to={statsSearch({ ...keep, from: p.from, to: p.to })}>
            {p.label}
          </Link>
        ))}
      </nav>
      <p className="hint">
        Without dates the page shows the last 90 days. Days are in {timeZone}. A flagged interview counts in the range
        when it was flagged in it (flags later removed don&apos;t count); recruiter means the candidate&apos;s
        recruiter.
      </p>

      <h2>Recovery funnel</h2>
      <p className="hint">
        Each step counts the flagged interviews that reached it: checklist started = at least one step done or skipped;
        hired = a hired outcome for that application.
      </p>
      <FunnelChart funnel={funnel} />
      {show("funnel")}

      <h2>In progress and closed</h2>
      <p className="hint">
        A recovery is in progress until it closes (hired, not hired, withdrew, went quiet or resolved by hand). Hire
        rates on this page are computed over closed recoveries only: one still in progress may yet end in a hire. A
        rate over fewer than {SMALL_SAMPLE} closed recoveries is shown muted with its n (small sample). Every number
        links to the interviews behind it.
      </p>
      {show("progress")}

      <h2>Recovered against not flagged</h2>
      <p className="hint">
        Not flagged: interviews in the range (by interview date) with no flag, other than second rounds, and how many
        led to a hire.
      </p>
      {show("baseline")}

      <h2>Trend by month</h2>
      <p className="hint">
        A month whose recoveries are mostly still in progress is marked and not drawn: its rate is not known yet.
      </p>
      <MonthTrendChart months={stats.byMonth} />
      {show("month")}

      <h2>By recruiter</h2>
      {show("recruiter")}

      <h2>By flag reason</h2>
      <p className="hint">An interview flagged for several reasons counts under each.</p>
      <ReasonChart reasons={stats.byReason} />
      {show("reason")}

      <h2>By severity</h2>
      {show("severity")}

      <h2>By client company</h2>
      <CompanyTable table={tables.company} total={companyCount} csvHref={csv("company")} />

      <h2>Speed</h2>
      <p className="hint">
        Within 24 hours: the request was made inside the recovery window, which closes 24 hours after the interview
        ended (the same window as on the interview page). First contact is the earliest second-interview request for
        the flagged interview.
      </p>
      {show("speed")}
      {show("first-contact")}

      <h2>Coaching</h2>
      <p className="hint">
        Completion = checklist steps done or skipped, out of all the steps of the run (steps the recovery&apos;s closing
        marked not needed are not done).
      </p>
      {show("checklist")}
      <p className="hint">
        Emails sent (or captured) in the date range, per template, and how many of those candidates were granted a
        second interview after the first such email.
      </p>
      {show("emails")}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
