import type { LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";

// Any URL no route claims: a proper 404 inside the app shell.
export async function loader({ request }: LoaderFunctionArgs) {
  throw new Response(`There is no page at ${new URL(request.url).pathname}.`, { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
