import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Interviews · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function InterviewsPage() {
  return <ComingSoon title="Interviews">This page will hold the interview log, where you record interviews and flag the ones that went badly.</ComingSoon>;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
