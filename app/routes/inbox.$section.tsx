// One inbox section in full, paginated: where the dashboard's "All N →" links lead, so nothing is cut off silently.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ActivityList, CallList, InboxRefusal, RequestList, StepItems, UpcomingList } from "~/components/inbox";
import { getAgency } from "~/models/agency/agency.server";
import { getActivitySeenAt, getInboxSection, INBOX_PAGE_SIZE, inboxScope, inboxSections, type InboxSection } from "~/models/dashboard/inbox.server";
import { queueRules } from "~/models/recovery/lifecycle.server";
import { RECOVERY_WINDOW_HOURS, REQUEST_WAITING_DAYS } from "~/models/recovery/rules";
import { invariantResponse } from "~/utils/http.server";
import { inboxAction } from "~/utils/inbox-action.server";
import { requireUser } from "~/utils/session.server";
import { pageCount } from "~/utils/table-params";

const titles: Record<InboxSection, string> = {
  calls: `Calls due inside the ${RECOVERY_WINDOW_HOURS}-hour window`,
  upcoming: "Interviews today and tomorrow",
  activity: "Candidate activity",
  "overdue-steps": "Overdue steps",
  requests: `Second-interview requests waiting over ${REQUEST_WAITING_DAYS} days`,
  "candidate-steps": "Candidate steps not yet done",
};

const isSection = (value: string | undefined): value is InboxSection => (inboxSections as readonly (string | undefined)[]).includes(value);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? titles[data.list.section] : "Inbox"} · Rebound` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  invariantResponse(isSection(params.section), "There is no such list.", { status: 404 });
  const search = new URL(request.url).searchParams;
  const requested = Number(search.get("page") ?? "1");
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 100_000 ? requested : 1;
  const [agency, scope, rules, seenAt] = await Promise.all([
    getAgency(),
    inboxScope(user, search.get("recruiter")),
    queueRules(),
    getActivitySeenAt(user.id),
  ]);
  const list = await getInboxSection(params.section, { recruiterId: scope.recruiterId, rules, timeZone: agency.timeZone, seenAt, page });
  return { list, page, pages: pageCount(list.total, INBOX_PAGE_SIZE), scope, isManager: user.role === "manager", now: rules.now.toISOString() };
}

export const action = ({ request }: ActionFunctionArgs) => inboxAction(request);

export default function InboxList() {
  const { list, page, pages, scope, isManager, now } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const showRecruiter = isManager && !scope.recruiterId;
  const keep = scope.recruiterId && isManager ? `recruiter=${encodeURIComponent(scope.recruiterId)}&` : "";
  const back = `/${keep ? `?${keep.slice(0, -1)}` : ""}`;
  const hrefFor = (p: number) => `?${keep}page=${p}`;
  return (
    <section aria-labelledby="inbox-list-title" className="dashboard">
      <p>
        <Link to={back}>← Back to the dashboard</Link>
      </p>
      <h1 id="inbox-list-title">{titles[list.section]}</h1>
      <p className="hint">
        {list.total} in all
        {scope.recruiterName ? ` for ${scope.recruiterName}` : isManager ? " across the agency" : ""}.
      </p>
      <InboxRefusal reply={reply} shownStepIds={list.section === "calls" ? list.items.flatMap((i) => (i.callStep ? [i.callStep.id] : [])) : []} />
      {list.items.length === 0 ? (
        <p className="empty-state">Nothing here now. <Link to={back}>Back to the dashboard</Link> for what to do next.</p>
      ) : list.section === "calls" ? (
        <CallList items={list.items} showRecruiter={showRecruiter} reply={reply && "stepStateId" in reply ? reply : null} />
      ) : list.section === "upcoming" ? (
        <UpcomingList items={list.items} showRecruiter={showRecruiter} />
      ) : list.section === "activity" ? (
        <ActivityList items={list.items} showRecruiter={showRecruiter} />
      ) : list.section === "requests" ? (
        <RequestList items={list.items} showRecruiter={showRecruiter} />
      ) : (
        <StepItems label={titles[list.section]} items={list.items} now={now} showRecruiter={showRecruiter} />
      )}
      {pages > 1 ? (
        <nav aria-label="Pagination" className="pagination">
          <p className="pagination-position">
            Page {page} of {pages}
          </p>
          <ul className="pagination-links">
            <li>{page > 1 ? <Link to={hrefFor(page - 1)} rel="prev">Previous page</Link> : <span className="link-disabled" aria-disabled="true">Previous page</span>}</li>
            <li>{page < pages ? <Link to={hrefFor(page + 1)} rel="next">Next page</Link> : <span className="link-disabled" aria-disabled="true">Next page</span>}</li>
          </ul>
        </nav>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
