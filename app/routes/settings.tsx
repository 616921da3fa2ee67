import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireManager } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Settings · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  return null;
}

export default function SettingsLayout() {
  return (
    <>
      <h1>Settings</h1>
      <nav aria-label="Settings">
        <ul className="tabs">
          <li>
            <NavLink to="/settings/users">Users</NavLink>
          </li>
          <li>
            <NavLink to="/settings/agency">Agency</NavLink>
          </li>
          <li>
            <NavLink to="/settings/checklist">Checklist</NavLink>
          </li>
          <li>
            <NavLink to="/settings/privacy">Privacy</NavLink>
          </li>
          <li>
            <NavLink to="/settings/audit">Audit log</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
