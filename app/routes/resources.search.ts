// JSON for the header's search box as you type: a few candidates and companies matching ?q=.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { candidateScope } from "~/models/candidates/candidate-access.server";
import { quickSearch } from "~/models/search/search.server";
import { requireUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const q = new URL(request.url).searchParams.get("q");
  const { parsed, candidates, companies } = await quickSearch(q, await candidateScope(user));
  return {
    query: parsed.kind === "empty" ? "" : parsed.text,
    message: parsed.kind === "invalid" ? parsed.message : null,
    candidates,
    companies,
  };
}
