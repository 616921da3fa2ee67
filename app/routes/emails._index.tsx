import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Emails · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function EmailsPage() {
  return <ComingSoon title="Emails">This page will hold recovery-guidance emails to candidates, with previews and delivery status.</ComingSoon>;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
