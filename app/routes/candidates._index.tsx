import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ColumnDef } from "@tanstack/react-table";
import { randomUUID } from "node:crypto";
import { useEffect, useMemo, useRef } from "react";
import { templateLabel, templateOptions } from "../../emails/index";
import { candidateScope, requireCandidatesAccess } from "~/models/candidates/candidate-access.server";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, SubmitButton } from "~/components/forms";
import { FilterCheckbox, FilterInput, FilterSelect, SearchFilterInput, TableFilters, useClearFiltersHref } from "~/components/table-filters";
import { getAgency } from "~/models/agency/agency.server";
import {
  confirmReassign,
  listCandidates,
  parseCandidateQuery,
  planReassign,
} from "~/models/tables/candidate-table.server";
import { OwnershipSwitch } from "~/components/ownership-switch";
import { ReassignConfirmation } from "~/components/reassign-confirmation";
import { SavedViews } from "~/components/saved-views";
import { effectiveTableParams, ownershipLinks } from "~/models/tables/ownership";
import { savedViewAction } from "~/models/tables/saved-view-actions.server";
import { isSavedViewIntent } from "~/models/tables/saved-view-forms";
import { canonicalViewQuery, listSavedViews } from "~/models/tables/saved-views.server";
import { recruiterAndCompanyOptions } from "~/models/tables/filter-options.server";
import { BULK_EMAIL_MAX, bulkOutcomes, CandidatesBulkSchema, type BulkOutcome } from "~/models/email/email-forms";
import { candidateStatuses, selectOptions } from "~/models/enums";
import { planBulkRecoveryEmail, sendBulkRecoveryEmail, type BulkEmailPlan } from "~/models/email/recovery-email.server";
import { candidateColumnLabels, candidateFilterParams, candidateTable, type CandidateColumn } from "~/models/tables/table-columns";
import { describeTimeZone, formatDate } from "~/utils/dates";
import { invalidForm, unlessRefused } from "~/utils/form-reply.server";
import { buttonFormErrors } from "~/utils/form-reply";
import { redirectWithToast, requireUser } from "~/utils/session.server";
import { toSearch, withParams } from "~/utils/table-params";
import { useIsPending } from "~/utils/use-is-pending";
import { useTimeZone } from "~/utils/use-time-zone";
import tablesWorkspaceStyles from "~/styles/tables-workspace.css";

export const meta: MetaFunction = () => [{ title: "Candidates · Rebound" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tablesWorkspaceStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // A recruiter's bare /candidates opens on their own candidates (app/models/tables/ownership.ts).
  const params = effectiveTableParams(new URL(request.url).searchParams, {
    user,
    ownerParam: "recruiter",
    filterParams: candidateFilterParams,
  });
  const query = { ...parseCandidateQuery(params), scope: await candidateScope(user) };
  const { timeZone } = await getAgency();
  const [{ rows, total, exact, page }, options, savedViews] = await Promise.all([
    listCandidates(query, timeZone),
    recruiterAndCompanyOptions(),
    listSavedViews(user.id, "candidates"),
  ]);
  return {
    userId: user.id,
    ownership: ownershipLinks(params, user.id, "recruiter"),
    savedViews,
    currentQuery: canonicalViewQuery("candidates", params),
    rows,
    total,
    totalExact: exact,
    view: { ...query.state, page },
    filters: query.filters,
    options,
    csvHref: `/candidates.csv${toSearch(withParams(params, { page: null }))}`,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (isSavedViewIntent(intent)) return savedViewAction(request, user.id, "candidates", formData, intent);
  const submission = parseWithZod(formData, { schema: CandidatesBulkSchema });
  if (submission.status !== "success") return invalidForm(submission);
  const value = submission.value;
  // Selected candidates out of the recruiter's reach are refused like unknown ones.
  await requireCandidatesAccess(user, value.candidateIds);
  const actor = { userId: user.id };
  switch (value.intent) {
    case "review-reassign":
      return unlessRefused(submission, async () => ({ reassignPlan: await planReassign(value, actor) }));
    case "reassign":
      return unlessRefused(submission, async () => {
        const { moved, unchanged, recruiter } = await confirmReassign(value, actor);
        const url = new URL(request.url);
        const back = `/candidates${toSearch(withParams(url.searchParams, {}))}`;
        const plural = (n: number) => `${n} candidate${n === 1 ? "" : "s"}`;
        return redirectWithToast(request, back, {
          kind: "success",
          message:
            `Reassigned ${plural(moved)} to ${recruiter.name}.` +
            (unchanged ? ` ${plural(unchanged)} already belonged to ${recruiter.name}.` : ""),
        });
      });
    case "review-email":
      // Each confirmation gets its own key, so a double submit of it reaches each candidate once.
      return unlessRefused(submission, async () => ({
        emailPlan: { ...(await planBulkRecoveryEmail(value)), idempotencyKey: randomUUID() },
      }));
    case "send-email":
      return unlessRefused(submission, async () => ({ emailResults: await sendBulkRecoveryEmail(value, actor) }));
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
  const { rows, total, totalExact, view, filters, options, csvHref, ownership, savedViews, currentQuery, userId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const viewReply = actionData && "intent" in actionData && isSavedViewIntent(actionData.intent) ? actionData : null;
  const navigation = useNavigation();
  // How many are being sent, read from the form in flight while the send is pending.
  const sendingEmails = useIsPending({ intent: "send-email" }) ? (navigation.formData?.getAll("candidateIds").length ?? null) : null;
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
      <OwnershipSwitch links={ownership} mineLabel="My candidates" label="Whose candidates" />
      <SavedViews table="candidates" views={savedViews} currentQuery={currentQuery} reply={viewReply} />
      <TableFilters label="Filter candidates" filterParams={candidateFilterParams}>
        <SearchFilterInput label="Search name, email or phone" value={filters.q} />
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
          options={selectOptions(candidateStatuses)}
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
      <ErrorList errors={actionData && "result" in actionData && !viewReply ? buttonFormErrors(actionData) : null} alert />
      <p aria-live="polite" role="status" className={sendingEmails ? "bulk-progress" : "visually-hidden"}>
        {sendingEmails ? (
          <>
            <span className="bulk-spinner" aria-hidden="true" />
            Sending {sendingEmails} email{sendingEmails === 1 ? "" : "s"}…
          </>
        ) : actionData && "emailResults" in actionData ? (
          `Emails done. ${summarizeOutcomes(actionData.emailResults)}`
        ) : null}
      </p>
      {actionData && "emailResults" in actionData && !sendingEmails ? (
        <BulkEmailResults results={actionData.emailResults} />
      ) : null}
      {actionData && "reassignPlan" in actionData ? (
        <ReassignConfirmation
          plan={actionData.reassignPlan}
          viewerId={userId}
          cancelHref={`/candidates${toSearch(withParams(searchParams, {}))}`}
        />
      ) : null}
      {actionData && "emailPlan" in actionData && !sendingEmails ? (
        <BulkEmailConfirmation plan={actionData.emailPlan} cancelHref={`/candidates${toSearch(withParams(searchParams, {}))}`} />
      ) : null}
      <DataTable
        caption="Candidates"
        noun="candidates"
        rows={rows}
        total={total}
        totalExact={totalExact}
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
            <SubmitButton name="intent" value="review-reassign" className="secondary" pendingLabel="Checking…">
              Reassign selected
            </SubmitButton>
            <span className="bulk-separator" aria-hidden="true" />
            <label htmlFor="bulk-email-template">Email template</label>
            <select id="bulk-email-template" name="template" defaultValue="">
              <option value="" disabled>
                Choose a template
              </option>
              {templateOptions.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </select>
            <SubmitButton
              name="intent"
              value="review-email"
              className="secondary"
              pendingLabel="Checking…"
              title={`Up to ${BULK_EMAIL_MAX} candidates at a time; you confirm before anything is sent`}
            >
              Review email to selected
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

type BulkResult = { candidateId: string; name: string; outcome: BulkOutcome; detail: string | null };

function summarizeOutcomes(results: BulkResult[]) {
  return (Object.keys(bulkOutcomes) as BulkOutcome[])
    .map((outcome) => ({ outcome, n: results.filter((r) => r.outcome === outcome).length }))
    .filter((c) => c.n > 0)
    .map((c) => `${bulkOutcomes[c.outcome]}: ${c.n}`)
    .join(" · ");
}

/** What happened to each selected candidate, with the counts first; stays until the next action. */
function BulkEmailResults({ results }: { results: BulkResult[] }) {
  return (
    <section className="panel bulk-email-results" aria-labelledby="bulk-email-results-title">
      <h2 id="bulk-email-results-title">Email results</h2>
      <p>{summarizeOutcomes(results)}</p>
      <ul>
        {results.map((r) => (
          <li key={r.candidateId} className={`bulk-outcome bulk-outcome-${r.outcome}`}>
            <Link to={`/candidates/${r.candidateId}`}>{r.name}</Link> — <strong>{bulkOutcomes[r.outcome]}</strong>
            {r.detail ? <span className="hint"> ({r.detail})</span> : null}
          </li>
        ))}
      </ul>
      <p className="hint">
        Every email is on the candidate&apos;s timeline and at <Link to="/emails">Emails</Link>.
      </p>
    </section>
  );
}

type Plan = BulkEmailPlan & { idempotencyKey: string };

/** The bulk send's second step: who gets the email (and about which interview), who is skipped and why, then send. */
function BulkEmailConfirmation({ plan, cancelHref }: { plan: Plan; cancelHref: string }) {
  const timeZone = useTimeZone();
  const heading = useRef<HTMLHeadingElement>(null);
  // With JavaScript, move focus to the confirmation so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus(), [plan.idempotencyKey]);
  const n = plan.recipients.length;
  const plural = (k: number) => `${k} candidate${k === 1 ? "" : "s"}`;
  return (
    <section className="panel bulk-email-confirm" aria-labelledby="bulk-email-confirm-title">
      <h2 id="bulk-email-confirm-title" ref={heading} tabIndex={-1}>
        Confirm email: {templateLabel(plan.template)}
      </h2>
      <h3>Will receive it ({n})</h3>
      {n > 0 ? (
        <table className="bulk-email-recipients">
          <caption className="visually-hidden">Candidates who will receive the email</caption>
          <thead>
            <tr>
              <th scope="col">Candidate</th>
              <th scope="col">About the interview</th>
            </tr>
          </thead>
          <tbody>
            {plan.recipients.map((r) => (
              <tr key={r.candidateId}>
                <th scope="row">
                  <Link to={`/candidates/${r.candidateId}`}>{r.name}</Link>
                  <span className="hint"> {r.email}</span>
                </th>
                <td>
                  {r.interview.roleTitle} at {r.interview.companyName}, {formatDate(r.interview.scheduledAt, timeZone)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>This template applies to none of the selected candidates, so there is nobody to send it to.</p>
      )}
      {plan.skipped.length > 0 ? (
        <>
          <h3>Skipped ({plan.skipped.length})</h3>
          <ul className="bulk-email-skipped">
            {plan.skipped.map((s) => (
              <li key={s.candidateId}>
                <Link to={`/candidates/${s.candidateId}`}>{s.name}</Link> — <strong>Skipped:</strong> {s.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post" className="row-actions">
        <input type="hidden" name="template" value={plan.template} />
        <input type="hidden" name="idempotencyKey" value={plan.idempotencyKey} />
        {plan.recipients.map((r) => (
          <input key={r.candidateId} type="hidden" name="candidateIds" value={r.candidateId} />
        ))}
        {n > 0 ? (
          <SubmitButton name="intent" value="send-email" pendingLabel="Sending…">
            Send email to {plural(n)}
          </SubmitButton>
        ) : null}
        <Link to={cancelHref} className="button secondary">
          {n > 0 ? "Cancel" : "Back to candidates"}
        </Link>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
