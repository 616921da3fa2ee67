import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Candidates · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function CandidatesPage() {
  return <ComingSoon title="Candidates">This page will hold the candidate table with search, filters and CSV export, and each candidate's profile and timeline.</ComingSoon>;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
