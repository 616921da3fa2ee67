import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { workQueueCounts } from "~/models/dashboard.server";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Dashboard · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scope = user.role === "manager" ? {} : { recruiterId: user.id };
  return { user, counts: await workQueueCounts(scope) };
}

export default function Dashboard() {
  const { user, counts } = useLoaderData<typeof loader>();
  const whose = user.role === "manager" ? "Agency" : "Your";
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Welcome, {user.name.split(" ")[0]}</h1>
      <h2>{whose} recovery work at a glance</h2>
      <ul className="stats-row">
        <li className="stat">
          <span className="stat-value">{counts.openFlags}</span>
          <span className="stat-label">open bad-interview flags</span>
        </li>
        <li className="stat">
          <span className="stat-value">{counts.insideWindow}</span>
          <span className="stat-label">flags still inside the 24-hour window</span>
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
      <div className="notice">
        <p>
          <strong>Coming soon:</strong> the full work queue — flagged interviews ordered by urgency and the
          interviews of today and tomorrow.
        </p>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
