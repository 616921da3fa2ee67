import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { candidateScope } from "~/models/candidates/candidate-access.server";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterCheckbox, FilterInput, FilterSelect, SearchFilterInput, TableFilters, useClearFiltersHref } from "~/components/table-filters";
import { getAgency } from "~/models/agency/agency.server";
import { flagReasons, flagSeverities, impressions, interviewFormats, interviewRounds, selectOptions } from "~/models/enums";
import { recoveryProgress, recoveryStages } from "~/models/stats/recovery-filters";
import { completionBuckets } from "~/models/stats/stats-tables";
import { listInterviews, parseInterviewQuery } from "~/models/tables/interview-table.server";
import { recruiterAndCompanyOptions } from "~/models/tables/filter-options.server";
import { interviewColumnLabels, interviewFilterParams, interviewTable, type InterviewColumn } from "~/models/tables/table-columns";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { requireUser } from "~/utils/session.server";
import { toSearch, withParams } from "~/utils/table-params";
import { useTimeZone } from "~/utils/use-time-zone";
import tablesWorkspaceStyles from "~/styles/tables-workspace.css";
import { OwnershipSwitch } from "~/components/ownership-switch";
import { SavedViews } from "~/components/saved-views";
import { effectiveTableParams, ownershipLinks } from "~/models/tables/ownership";
import { savedViewAction } from "~/models/tables/saved-view-actions.server";
import { isSavedViewIntent } from "~/models/tables/saved-view-forms";
import { canonicalViewQuery, listSavedViews } from "~/models/tables/saved-views.server";
import { formRefused } from "~/utils/form-reply.server";

export const meta: MetaFunction = () => [{ title: "Interviews · Rebound" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tablesWorkspaceStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A recruiter's bare /interviews opens on the interviews they handle (app/models/tables/ownership.ts).
  const params = effectiveTableParams(new URL(request.url).searchParams, {
    user,
    ownerParam: "recruiter",
    filterParams: interviewFilterParams,
  });
  const query = { ...parseInterviewQuery(params), scope: await candidateScope(user) };
  const { timeZone } = await getAgency();
  const [{ rows, total, exact, page }, options, savedViews] = await Promise.all([
    listInterviews(query, timeZone),
    recruiterAndCompanyOptions(),
    listSavedViews(user.id, "interviews"),
  ]);
  return {
    ownership: ownershipLinks(params, user.id, "recruiter"),
    savedViews,
    currentQuery: canonicalViewQuery("interviews", params),
    rows,
    total,
    totalExact: exact,
    view: { ...query.state, page },
    filters: query.filters,
    options,
    csvHref: `/interviews.csv${toSearch(withParams(params, { page: null }))}`,
  };
}

/** The saved-view forms; the table itself is read-only. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isSavedViewIntent(intent)) return formRefused();
  return savedViewAction(request, user.id, "interviews", formData, intent);
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];


function useInterviewColumns(): ColumnDef<Row, unknown>[] {
  const timeZone = useTimeZone();
  return useMemo(() => {
    const cells: Record<InterviewColumn, (row: Row) => React.ReactNode> = {
      scheduledAt: (row) => <Link to={`/interviews/${row.id}`}>{formatDateTime(row.scheduledAt, timeZone)}</Link>,
      candidate: (row) => <Link to={`/candidates/${row.candidateId}`}>{row.candidateName}</Link>,
      company: (row) => row.companyName,
      roleTitle: (row) => row.roleTitle,
      round: (row) => interviewRounds.label(row.round),
      format: (row) => interviewFormats.label(row.format),
      impression: (row) => impressions.label(row.impression),
      flagSeverity: (row) =>
        row.flagSeverity ? (
          <span className={`severity severity-${row.flagSeverity}`}>{flagSeverities.label(row.flagSeverity)}</span>
        ) : (
          <span aria-label="Not flagged">—</span>
        ),
      recruiter: (row) => row.recruiterName,
    };
    return interviewTable.columns.map((id) => ({
      id,
      header: interviewColumnLabels[id],
      cell: ({ row }) => cells[id](row.original),
    }));
  }, [timeZone]);
}

export default function InterviewsPage() {
  const { rows, total, totalExact, view, filters, options, csvHref, ownership, savedViews, currentQuery } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const columns = useInterviewColumns();
  const timeZone = useTimeZone();
  const [searchParams] = useSearchParams();
  const clearHref = useClearFiltersHref(interviewFilterParams);
  const filtered = interviewFilterParams.some((p) => searchParams.get(p));
  return (
    <section aria-labelledby="interviews-title">
      <div className="page-heading">
        <h1 id="interviews-title">Interviews</h1>
        <div className="row-actions">
          <Link to="/interviews/new" className="button">
            Log an interview
          </Link>
          <a href={csvHref} className="button secondary" download>
            Download CSV
          </a>
        </div>
      </div>
      <OwnershipSwitch links={ownership} mineLabel="My interviews" label="Whose interviews" />
      <SavedViews table="interviews" views={savedViews} currentQuery={currentQuery} reply={reply} />
      <TableFilters label="Filter interviews" filterParams={interviewFilterParams}>
        <SearchFilterInput label="Search candidate, company or role" value={filters.q} />
        <FilterSelect
          name="severity"
          label="Flag severity"
          value={filters.severity}
          options={selectOptions(flagSeverities)}
        />
        <FilterSelect name="reason" label="Flag reason" value={filters.reason} options={selectOptions(flagReasons)} />
        <FilterSelect name="round" label="Round" value={filters.round} options={selectOptions(interviewRounds)} />
        <FilterSelect
          name="impression"
          label="Impression"
          value={filters.impression}
          options={selectOptions(impressions)}
        />
        <FilterSelect
          name="recruiter"
          label="Recruiter"
          value={filters.recruiter}
          options={options.recruiters.map((r) => ({ value: r.id, label: r.name }))}
        />
        <FilterSelect
          name="company"
          label="Company"
          value={filters.company}
          options={options.companies.map((c) => ({ value: c.id, label: c.name }))}
        />
        <FilterInput name="from" label="From" type="date" value={filters.from} />
        <FilterInput name="to" label="To" type="date" value={filters.to} />
        <FilterCheckbox name="flagged" label="Flagged only" checked={filters.flagged} />
        {/* The recovery filters behind every /stats figure. */}
        <FilterInput name="flaggedFrom" label="Flagged from" type="date" value={filters.flaggedFrom} />
        <FilterInput name="flaggedTo" label="Flagged to" type="date" value={filters.flaggedTo} />
        <FilterSelect
          name="owner"
          label="Candidate's recruiter"
          value={filters.owner}
          options={options.recruiters.map((r) => ({ value: r.id, label: r.name }))}
        />
        <FilterSelect name="recovery" label="Recovery" value={filters.recovery} options={selectOptions(recoveryProgress)} />
        <FilterSelect name="stage" label="Recovery reached" value={filters.stage} options={selectOptions(recoveryStages)} />
        <FilterSelect
          name="completion"
          label="Checklist completion"
          value={filters.completion}
          options={completionBuckets.values.map((value) => ({ value, label: completionBuckets.label(value) }))}
        />
      </TableFilters>
      <p className="hint">Times are in {describeTimeZone(timeZone)}.</p>
      <DataTable
        caption={`Interviews (times in ${timeZone})`}
        noun="interviews"
        rows={rows}
        total={total}
        totalExact={totalExact}
        view={view}
        columns={columns}
        sortable={interviewTable.sortable}
        firstDirection={interviewTable.firstDirection}
        getRowId={(row) => row.id}
        empty={
          filtered ? (
            <p>
              No interviews match these filters. <Link to={clearHref}>Clear filters</Link>
            </p>
          ) : (
            <p>
              No interviews yet. <Link to="/interviews/new">Log an interview</Link>
            </p>
          )
        }
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
