import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { firstName } from "~/utils/names";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RecoveryQueue, StepList, UpcomingDay, WaitingRequests } from "~/components/work-queue";
import { MyRecoveryFigures } from "~/components/my-recovery-figures";
import { getAgency } from "~/models/agency/agency.server";
import { getDashboard } from "~/models/dashboard/dashboard.server";
import { defaultRecoveryRange, recruiterRecoveryFigures } from "~/models/stats/stats.server";
import { RECOVERY_WINDOW_HOURS, REQUEST_WAITING_DAYS } from "~/models/recovery/rules";
import { roles } from "~/models/enums";
import { describeTimeZone } from "~/utils/dates";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const recruiterFilter = new URL(request.url).searchParams.get("recruiter");
  const agency = await getAgency();
  const [dashboard, myRecovery] = await Promise.all([
    getDashboard({ user, recruiterFilter, timeZone: agency.timeZone }),
    // Managers have /stats; a recruiter sees their own recovery figures here.
    user.role === "recruiter" ? recruiterRecoveryFigures(user.id, defaultRecoveryRange(agency.timeZone)) : null,
  ]);
  // "now" from the server, so "overdue" reads the same in the HTML and after hydration.
  return { user, timeZone: agency.timeZone, now: new Date().toISOString(), myRecovery, ...dashboard };
}

export default function Dashboard() {
  const { user, timeZone, now, myRecovery, isManager, recruiters, recruiterId, counts, queue, upcoming, overdueSteps, candidateSteps, waitingRequests } =
    useLoaderData<typeof loader>();
  const chosen = recruiters.find((r) => r.id === recruiterId);
  const whose = !isManager ? "Your" : chosen ? `${chosen.name}'s` : "Agency";
  const seeAll = `/interviews?flagged=1${recruiterId ? `&recruiter=${encodeURIComponent(recruiterId)}` : ""}`;
  const showRecruiter = isManager && !recruiterId;
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
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
          <button type="submit" className="secondary">
            Show
          </button>
        </Form>
      ) : null}
      <p className="hint">Times are in {describeTimeZone(timeZone)}.</p>

      <h2>{whose} recovery work at a glance</h2>
      <ul className="stats-row">
        <li className="stat">
          <span className="stat-value">{counts.openFlags}</span>
          <span className="stat-label">open bad-interview flags</span>
        </li>
        <li className="stat">
          <span className="stat-value">{counts.insideWindow}</span>
          <span className="stat-label">flags still inside the {RECOVERY_WINDOW_HOURS}-hour window</span>
        </li>
        <li className="stat">
          <span className="stat-value">{counts.pendingRequests}</span>
          <span className="stat-label">second-interview requests awaiting an answer</span>
        </li>
        <li className="stat">
          <span className="stat-value">{counts.candidates}</span>
          <span className="stat-label">open or recovering candidates</span>
        </li>
      </ul>
      {myRecovery ? <MyRecoveryFigures figures={myRecovery} /> : null}

      <section aria-labelledby="queue-title">
        <h2 id="queue-title">Candidates to call</h2>
        <p className="hint">
          Flags still inside the {RECOVERY_WINDOW_HOURS}-hour recovery window come first, least time left at the top;
          then overdue ones, most recently overdue first.
        </p>
        <RecoveryQueue items={queue} showRecruiter={showRecruiter} />
        {counts.openFlags > 0 ? (
          <p>
            {counts.openFlags > queue.length ? `Showing ${queue.length} of ${counts.openFlags} open flags. ` : null}
            <Link to={seeAll}>See all flagged interviews</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="overdue-steps-title">
        <h2 id="overdue-steps-title">Overdue recruiter steps</h2>
        <p className="hint">Recruiter steps of running recovery checklists that are past due, most recently due first.</p>
        <StepList
          label="Overdue recruiter steps"
          steps={overdueSteps.steps}
          total={overdueSteps.total}
          now={now}
          showRecruiter={showRecruiter}
          empty="No recruiter steps are overdue."
        />
      </section>

      <section aria-labelledby="candidate-steps-title">
        <h2 id="candidate-steps-title">Candidate steps not yet done</h2>
        <p className="hint">Steps the candidates still have to do on running recovery checklists, soonest due first.</p>
        <StepList
          label="Candidate steps not yet done"
          steps={candidateSteps.steps}
          total={candidateSteps.total}
          now={now}
          showRecruiter={showRecruiter}
          empty="Candidates have no steps left to do."
        />
      </section>

      <section aria-labelledby="waiting-requests-title">
        <h2 id="waiting-requests-title">Second-interview requests waiting more than {REQUEST_WAITING_DAYS} days</h2>
        <p className="hint">Requests still without an answer, oldest first: time to chase the company.</p>
        <WaitingRequests requests={waitingRequests.requests} total={waitingRequests.total} showRecruiter={showRecruiter} />
      </section>

      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">Interviews today and tomorrow</h2>
        <UpcomingDay id="today-title" title="Today" start={upcoming.today.start} interviews={upcoming.today.interviews} showRecruiter={showRecruiter} />
        <UpcomingDay
          id="tomorrow-title"
          title="Tomorrow"
          start={upcoming.tomorrow.start}
          interviews={upcoming.tomorrow.interviews}
          showRecruiter={showRecruiter}
        />
        {upcoming.truncated ? (
          <p>
            Only the first interviews are shown. <Link to="/interviews">See every interview</Link>
          </p>
        ) : null}
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
