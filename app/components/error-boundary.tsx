// One error page for every route: a route passes handlers for the statuses it expects (403, 404…).
import { isRouteErrorResponse, Link, useParams, useRouteError, type ErrorResponse } from "@remix-run/react";
import type { ReactNode } from "react";

type StatusHandler = (info: { error: ErrorResponse; params: Record<string, string | undefined> }) => ReactNode;

const defaultHandlers: Record<number, StatusHandler> = {
  403: ({ error }) => (
    <>
      <h1>You are not allowed to do that</h1>
      <p>{typeof error.data === "string" && error.data ? error.data : "This page is not available to your role."}</p>
    </>
  ),
  404: ({ error }) => (
    <>
      <h1>Not found</h1>
      <p>{typeof error.data === "string" && error.data ? error.data : "We couldn't find that page."}</p>
    </>
  ),
};

export function GeneralErrorBoundary({
  statusHandlers,
  unexpectedErrorHandler = () => (
    <>
      <h1>Something went wrong</h1>
      <p>Sorry — that didn't work. Please try again; if it keeps happening, tell your manager.</p>
    </>
  ),
}: {
  statusHandlers?: Record<number, StatusHandler>;
  unexpectedErrorHandler?: (error: unknown) => ReactNode;
}) {
  const error = useRouteError();
  const params = useParams();
  if (typeof document !== "undefined" && !isRouteErrorResponse(error)) console.error(error);
  const handlers = { ...defaultHandlers, ...statusHandlers };
  const handler = isRouteErrorResponse(error) ? handlers[error.status] : undefined;
  return (
    <div className="error-page" role="alert">
      {isRouteErrorResponse(error) && handler
        ? handler({ error, params })
        : isRouteErrorResponse(error)
          ? (
              <>
                <h1>
                  {error.status} {error.statusText}
                </h1>
                {typeof error.data === "string" ? <p>{error.data}</p> : null}
              </>
            )
          : unexpectedErrorHandler(error)}
      <p>
        <Link to="/">Back to the dashboard</Link>
      </p>
    </div>
  );
}
