import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useActionData, useSearchParams } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { useMemo } from "react";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms";
import { FilterCheckbox, FilterInput, FilterSelect, TableFilters, useClearFiltersHref } from "~/components/table-filters";
import { getAgency } from "~/models/agency.server";
import {
  candidateFilterOptions,
  listCandidates,
  parseCandidateQuery,
  reassignCandidates,
} from "~/models/candidate-table.server";
import { BulkReassignSchema } from "~/models/candidate-forms";
import { candidateStatuses } from "~/models/enums";
import { candidateColumnLabels, candidateFilterParams, candidateTable, type CandidateColumn } from "~/models/table-columns";
import { describeTimeZone, formatDate } from "~/utils/dates";
import { RuleViolation } from "~/utils/errors.server";
import { redirectWithToast, requireUser } from "~/utils/session.server";
import { toSearch, withParams } from "~/utils/table-params";
import { useTimeZone } from "~/utils/use-time-zone";

export const meta: MetaFunction = () => [{ title: "Candidates · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = new URL(request.url).searchParams;
  const query = parseCandidateQuery(params);
  const { timeZone } = await getAgency();
  const [{ rows, total, page }, options] = await Promise.all([listCandidates(query, timeZone), candidateFilterOptions()]);
  return {
    rows,
    total,
    view: { ...query.state, page },
    filters: query.filters,
    options,
    csvHref: `/candidates.csv${toSearch(withParams(params, { page: null }))}`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const parsed = BulkReassignSchema.safeParse({
    intent: form.get("intent"),
    candidateIds: form.getAll("candidateIds"),
    recruiterId: form.get("recruiterId") || undefined,
  });
  if (!parsed.success) {
    return data({ error: parsed.error.issues[0]?.message ?? "That request was not understood." }, { status: 400 });
  }
  try {
    const { moved, unchanged, recruiter } = await reassignCandidates(parsed.data, { userId: user.id });
    const url = new URL(request.url);
    const back = `/candidates${toSearch(withParams(url.searchParams, {}))}`;
    const plural = (n: number) => `${n} candidate${n === 1 ? "" : "s"}`;
    return redirectWithToast(request, back, {
      kind: "success",
      message:
        `Reassigned ${plural(moved)} to ${recruiter.name}.` +
        (unchanged ? ` ${plural(unchanged)} already belonged to ${recruiter.name}.` : ""),
    });
  } catch (error) {
    if (error instanceof RuleViolation) return data({ error: error.message }, { status: 400 });
    throw error;
  }
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

function useCandidateColumns(): ColumnDef<Row, unknown>[] {
  const timeZone = useTimeZone();
  return useMemo(() => {
    const cells: Record<CandidateColumn, (row: Row) => React.ReactNode> = {
      name: (row) => <Link to={`/candidates/${row.id}`}>{row.name}</Link>,
      email: (row) => row.email,
      phone: (row) => row.phone ?? "—",
      recruiter: (row) => row.recruiterName,
      status: (row) => candidateStatuses.label(row.status),
      lastInterviewAt: (row) => (row.lastInterviewAt ? formatDate(row.lastInterviewAt, timeZone) : "—"),
      openFlagCount: (row) => row.openFlagCount,
      createdAt: (row) => formatDate(row.createdAt, timeZone),
    };
    return candidateTable.columns.map((id) => ({
      id,
      header: candidateColumnLabels[id],
      cell: ({ row }) => cells[id](row.original),
    }));
  }, [timeZone]);
}

export default function CandidatesPage() {
  const { rows, total, view, filters, options, csvHref } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const columns = useCandidateColumns();
  const timeZone = useTimeZone();
  const [searchParams] = useSearchParams();
  const clearHref = useClearFiltersHref(candidateFilterParams);
  const filtered = candidateFilterParams.some((p) => searchParams.get(p));
  const activeRecruiters = options.recruiters.filter((r) => r.active);
  return (
    <section aria-labelledby="candidates-title">
      <div className="page-heading">
        <h1 id="candidates-title">Candidates</h1>
        <a href={csvHref} className="button secondary" download>
          Download CSV
        </a>
      </div>
      <TableFilters label="Filter candidates" filterParams={candidateFilterParams}>
        <FilterInput name="q" label="Search name or email" type="search" value={filters.q} />
        <FilterSelect
          name="recruiter"
          label="Recruiter"
          value={filters.recruiter}
          options={options.recruiters.map((r) => ({ value: r.id, label: r.active ? r.name : `${r.name} (deactivated)` }))}
        />
        <FilterSelect
          name="status"
          label="Status"
          value={filters.status}
          options={candidateStatuses.values.map((s) => ({ value: s, label: candidateStatuses.label(s) }))}
        />
        <FilterSelect
          name="company"
          label="Client company"
          value={filters.company}
          options={options.companies.map((c) => ({ value: c.id, label: c.name }))}
        />
        <FilterInput name="from" label="Interviewed from" type="date" value={filters.from} />
        <FilterInput name="to" label="Interviewed to" type="date" value={filters.to} />
        <FilterCheckbox name="flagged" label="Only candidates with open flags" checked={filters.flagged} />
      </TableFilters>
      <p className="hint">Dates are in {describeTimeZone(timeZone)}.</p>
      {actionData?.error ? (
        <p className="form-errors" role="alert">
          <span aria-hidden="true">⚠ </span>
          {actionData.error}
        </p>
      ) : null}
      <DataTable
        caption="Candidates"
        noun="candidates"
        rows={rows}
        total={total}
        view={view}
        columns={columns}
        sortable={candidateTable.sortable}
        firstDirection={candidateTable.firstDirection}
        getRowId={(row) => row.id}
        rowHeaderColumn="name"
        selection={{
          formId: "bulk-reassign",
          name: "candidateIds",
          rowLabel: (row) => `Select ${row.name}`,
          allLabel: "Select all candidates on this page",
        }}
        selectionActions={(selectedIds) => (
          <Form method="post" id="bulk-reassign" className="bulk-actions" aria-label="Bulk actions">
            <input type="hidden" name="intent" value="reassign" />
            <p aria-live="polite" className="bulk-count">
              {selectedIds.length} selected
            </p>
            <label htmlFor="reassign-recruiter">Reassign to recruiter</label>
            <select id="reassign-recruiter" name="recruiterId" defaultValue="">
              <option value="" disabled>
                Choose a recruiter
              </option>
              {activeRecruiters.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
            <SubmitButton className="secondary" pendingLabel="Reassigning…">
              Reassign selected
            </SubmitButton>
          </Form>
        )}
        empty={
          filtered ? (
            <p>
              No candidates match these filters. <Link to={clearHref}>Clear filters</Link>
            </p>
          ) : (
            <p>No candidates yet. Log an interview to add one.</p>
          )
        }
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
