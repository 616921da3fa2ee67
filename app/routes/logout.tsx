import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { logout } from "~/utils/session.server";

// Logging out is a POST (a form in the app shell), so a link or prefetch can't sign anyone out.
export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return logout(request);
}
