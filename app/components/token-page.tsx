// The frame of the pages a candidate reaches by a link alone (coaching, check-in, unsubscribe): no staff shell, who the
// page is from, and one error page for links that are wrong, expired or asked for too often.
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";

export const TOKEN_NOT_VALID = "This link is not valid";
export const TOKEN_TOO_MANY = "Too many requests from your connection. Please wait a few minutes and try again.";

export function TokenPageLayout({ from, className, children }: { from?: string; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `coach-page ${className}` : "coach-page"}>
      {from ? <p className="coach-from">{from}</p> : null}
      {children}
    </div>
  );
}

/** The route's ErrorBoundary: wrong, expired and revoked links look alike (404), so the page gives nothing away. */
export function TokenPageError({ notValidHelp, className }: { notValidHelp: string; className?: string }) {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <TokenPageLayout className={className}>
      <div className="coach-message" role="alert">
        {status === 404 ? (
          <>
            <h1>{TOKEN_NOT_VALID}</h1>
            <p>{notValidHelp}</p>
          </>
        ) : status === 429 ? (
          <>
            <h1>Too many requests</h1>
            <p>{TOKEN_TOO_MANY}</p>
          </>
        ) : (
          <>
            <h1>Something went wrong</h1>
            <p>Sorry, that didn’t work. Please try again in a moment.</p>
          </>
        )}
      </div>
    </TokenPageLayout>
  );
}
