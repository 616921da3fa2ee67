import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useMatches,
  useNavigation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { HeaderSearch } from "~/components/header-search";
import { SubmitButton } from "~/components/forms";
import { NotificationBell } from "~/components/notification-bell";
import { roles } from "~/models/enums";
import { getAgency } from "~/models/agency/agency.server";
import { unreadNotificationCount } from "~/models/notifications/notifications.server";
import { useNonce } from "~/utils/nonce";
import { getUser, takeToast } from "~/utils/session.server";
import stylesheet from "~/styles/app.css";
import searchStylesheet from "~/styles/search.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "stylesheet", href: searchStylesheet },
  { rel: "icon", href: "/favicon.ico" },
];

export const meta: MetaFunction = () => [{ title: "Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, agency, { toast, setCookie }] = await Promise.all([
    getUser(request),
    getAgency(),
    takeToast(request),
  ]);
  const unreadNotifications = user ? await unreadNotificationCount(user.id) : 0;
  return data(
    { user, agency: { name: agency.name, timeZone: agency.timeZone }, toast, unreadNotifications },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export type RootLoaderData = typeof loader;

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function AppShell({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<RootLoaderData>("root");
  const navigation = useNavigation();
  const user = rootData?.user;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="brand">
          <span aria-hidden="true">↺</span> Rebound
          {rootData?.agency ? <span className="agency-name"> · {rootData.agency.name}</span> : null}
        </div>
        {user ? (
          <>
            <nav aria-label="Main">
              <ul>
                <li>
                  <NavLink to="/" end>
                    Dashboard
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/candidates">Candidates</NavLink>
                </li>
                <li>
                  <NavLink to="/interviews">Interviews</NavLink>
                </li>
                <li>
                  <NavLink to="/emails">Emails</NavLink>
                </li>
                {user.role === "manager" ? (
                  <>
                    <li>
                      <NavLink to="/stats">Stats</NavLink>
                    </li>
                    <li>
                      <NavLink to="/settings">Settings</NavLink>
                    </li>
                  </>
                ) : null}
              </ul>
            </nav>
            <HeaderSearch />
            <div className="whoami">
              <NotificationBell unread={rootData?.unreadNotifications ?? 0} />
              <span>
                <Link to="/profile" className="user-name" aria-label={`My profile (${user.name})`}>
                  {user.name}
                </Link>{" "}
                <span className="role-badge">{roles.label(user.role)}</span>
              </span>
              <Form method="post" action="/logout">
                <SubmitButton formAction="/logout" className="button-link" pendingLabel="Logging out…">
                  Log out
                </SubmitButton>
              </Form>
            </div>
          </>
        ) : null}
      </header>
      {rootData?.toast ? (
        <div className={`toast toast-${rootData.toast.kind}`} role="status">
          <p>
            <strong>{rootData.toast.kind === "success" ? "Done: " : "Problem: "}</strong>
            {rootData.toast.message}
          </p>
          {rootData.toast.detail ? <p className="toast-detail">{rootData.toast.detail}</p> : null}
        </div>
      ) : null}
      <main id="main" tabIndex={-1} aria-busy={navigation.state === "loading" || undefined}>
        {navigation.state === "loading" ? (
          <div className="loading-bar" role="progressbar" aria-label="Loading page" />
        ) : null}
        {children}
      </main>
    </>
  );
}

/** Pages for candidates (the coaching page) export `handle = { shell: "none" }`: no staff header, nav or toasts. */
function useWithoutShell() {
  return useMatches().some((match) => (match.handle as { shell?: string } | undefined)?.shell === "none");
}

function Shell({ children }: { children: ReactNode }) {
  return useWithoutShell() ? <main id="main">{children}</main> : <AppShell>{children}</AppShell>;
}

export default function App() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  return (
    <Shell>
      <GeneralErrorBoundary />
    </Shell>
  );
}
