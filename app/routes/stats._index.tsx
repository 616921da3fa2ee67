import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireManager } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Stats · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  return null;
}

export default function StatsPage() {
  return (
    <ComingSoon title="Stats">
      This page will show the recovery funnel and recovery-to-hire rates by recruiter, reason and company.
    </ComingSoon>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
