import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { firstName } from "~/utils/names";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ActivityList, CallList, InboxRefusal, InboxSection, RequestList, StepItems, UpcomingList } from "~/components/inbox";
import { MyRecoveryFigures } from "~/components/my-recovery-figures";
import { TeamLoad } from "~/components/team-load";
import { getAgency } from "~/models/agency/agency.server";
import { getTodayDashboard } from "~/models/dashboard/inbox.server";
import { defaultRecoveryRange, recruiterRecoveryFigures } from "~/models/stats/stats.server";
import { RECOVERY_WINDOW_HOURS, REQUEST_WAITING_DAYS } from "~/models/recovery/rules";
import { roles } from "~/models/enums";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { inboxAction } from "~/utils/inbox-action.server";
import { requireUser } from "~/utils/session.server";
import { useIsPending } from "~/utils/use-is-pending";

export const meta: MetaFunction = () => [{ title: "Dashboard · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const recruiterFilter = new URL(request.url).searchParams.get("recruiter");
  const agency = await getAgency();
  const now = new Date();
  const [dashboard, myRecovery] = await Promise.all([
    getTodayDashboard({ user, recruiterFilter, timeZone: agency.timeZone, now }),
    // Managers have /stats; a recruiter sees their own recovery figures here.
    user.role === "recruiter" ? recruiterRecoveryFigures(user.id, defaultRecoveryRange(agency.timeZone)) : null,
  ]);
  // "now" from the server, so "overdue" reads the same in the HTML and after hydration.
  return { user, timeZone: agency.timeZone, now: now.toISOString(), myRecovery, ...dashboard };
}

export const action = ({ request }: ActionFunctionArgs) => inboxAction(request);

export default function Dashboard() {
  const { user, timeZone, now, myRecovery, isManager, recruiters, recruiterId, inbox, counts, candidateSteps, team } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const chosen = recruiters.find((r) => r.id === recruiterId);
  const whose = !isManager ? "Your" : chosen ? `${chosen.name}'s` : "The agency's";
  const scope = recruiterId && isManager ? `?recruiter=${encodeURIComponent(recruiterId)}` : "";
  const showRecruiter = isManager && !recruiterId;
  const seenPending = useIsPending({ intent: "mark-seen" });
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <div className="dashboard-head">
        <h1 id="dashboard-title">Welcome, {firstName(user.name)}</h1>
        {isManager ? (
          <Form method="get" className="dashboard-filter" aria-label="Whose work to show">
            <label htmlFor="recruiter-filter">Recruiter</label>
            <select id="recruiter-filter" name="recruiter" defaultValue={recruiterId ?? ""}>
              <option value="">All recruiters</option>
              {recruiters.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                  {r.role === "manager" ? ` (${roles.label(r.role).toLowerCase()})` : ""}
                </option>
              ))}
            </select>
            <button type="submit" className="secondary small">
              Show
            </button>
          </Form>
        ) : null}
        <p className="hint">Times are in {describeTimeZone(timeZone)}.</p>
      </div>

      <InboxRefusal reply={reply} shownStepIds={inbox.calls.items.flatMap((i) => (i.callStep ? [i.callStep.id] : []))} />
      <div className="inbox" role="region" aria-label={`${whose} inbox for today`}>
        <InboxSection
          id="calls"
          title={`Calls due inside the ${RECOVERY_WINDOW_HOURS}-hour window`}
          total={inbox.calls.total}
          capped={inbox.calls.capped}
          shown={inbox.calls.items.length}
          allHref={`/inbox/calls${scope}`}
          empty="No call is due: every open recovery inside its window has been handled. Flag a bad interview to start one."
        >
          <CallList items={inbox.calls.items} showRecruiter={showRecruiter} reply={reply && "stepStateId" in reply ? reply : null} />
        </InboxSection>

        <InboxSection
          id="upcoming"
          title="Interviews today and tomorrow"
          total={inbox.upcoming.total}
          capped={inbox.upcoming.capped}
          shown={inbox.upcoming.items.length}
          allHref={`/inbox/upcoming${scope}`}
          empty={
            <>
              Nothing booked for today or tomorrow. <Link to="/interviews/new">Log an interview</Link> when one is arranged.
            </>
          }
        >
          <UpcomingList items={inbox.upcoming.items} showRecruiter={showRecruiter} />
        </InboxSection>

        <InboxSection
          id="activity"
          title="Candidate activity"
          total={inbox.activity.total}
          capped={inbox.activity.capped}
          shown={inbox.activity.items.length}
          allHref={`/inbox/activity${scope}`}
          empty="Nothing new from candidates. Their ticked steps, reflections and unsubscribes show here."
        >
          <p className="hint">
            {inbox.activity.firstLook ? "In the last 7 days" : <>Since you last looked, {formatDateTime(inbox.activity.since, timeZone)}</>}
          </p>
          <ActivityList items={inbox.activity.items} showRecruiter={showRecruiter} />
          <Form method="post" className="inline-form" preventScrollReset>
            <input type="hidden" name="intent" value="mark-seen" />
            <input type="hidden" name="shownAt" value={now} />
            <button type="submit" className="secondary small" disabled={seenPending}>
              {seenPending ? "Saving…" : "Mark as seen"}
            </button>
          </Form>
        </InboxSection>

        <InboxSection
          id="overdue-steps"
          title="Overdue steps"
          total={inbox.overdueSteps.total}
          capped={inbox.overdueSteps.capped}
          shown={inbox.overdueSteps.items.length}
          allHref={`/inbox/overdue-steps${scope}`}
          empty="No recruiter step is overdue. Nice work."
        >
          <StepItems label="Overdue recruiter steps, most recently due first" items={inbox.overdueSteps.items} now={now} showRecruiter={showRecruiter} />
        </InboxSection>

        <InboxSection
          id="requests"
          title={`Second-interview requests waiting over ${REQUEST_WAITING_DAYS} days`}
          total={inbox.requests.total}
          capped={inbox.requests.capped}
          shown={inbox.requests.items.length}
          allHref={`/inbox/requests${scope}`}
          empty="No request has been waiting that long. Chase a company here when one goes quiet."
        >
          <RequestList items={inbox.requests.items} showRecruiter={showRecruiter} />
        </InboxSection>
      </div>

      {team ? (
        <section aria-labelledby="team-title" className="dashboard-block">
          <h2 id="team-title">Team load</h2>
          <TeamLoad rows={team} />
        </section>
      ) : null}

      <section aria-labelledby="glance-title" className="figure-strip">
        <h2 id="glance-title" className="figure-strip-title">
          {whose} work at a glance
        </h2>
        <dl>
          <div>
            <dt>Open recoveries</dt>
            <dd>{counts.openFlags}</dd>
          </div>
          <div>
            <dt>Inside the window</dt>
            <dd>{counts.insideWindow}</dd>
          </div>
          <div>
            <dt>Requests awaiting an answer</dt>
            <dd>{counts.pendingRequests}</dd>
          </div>
          <div>
            <dt>Open or recovering candidates</dt>
            <dd>
              {counts.candidates}
              {counts.candidatesCapped ? (
                <>
                  +<span className="visually-hidden"> (more than {counts.candidates})</span>
                </>
              ) : null}
            </dd>
          </div>
        </dl>
      </section>
      {myRecovery ? <MyRecoveryFigures figures={myRecovery} /> : null}

      <InboxSection
        id="candidate-steps"
        title="Candidate steps not yet done"
        total={candidateSteps.total}
        capped={candidateSteps.capped}
        shown={candidateSteps.steps.length}
        allHref={`/inbox/candidate-steps${scope}`}
        empty="Candidates have no steps left to do."
      >
        <StepItems label="Candidate steps not yet done, soonest due first" items={candidateSteps.steps} now={now} showRecruiter={showRecruiter} />
      </InboxSection>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
