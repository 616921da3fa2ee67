import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/utils/session.server";

// Logging out is a POST (a form in the app shell), so a link or prefetch can't sign anyone out.
export async function loader() {
  return redirect("/");
}

// No form schema or intent on purpose: whatever a (same-origin) POST carries, it signs out. A refusal here would
// leave someone who pressed "Log out" on a stale page signed in without knowing it.
export async function action({ request }: ActionFunctionArgs) {
  return logout(request);
}
