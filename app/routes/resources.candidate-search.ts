// JSON for the candidate type-ahead on /interviews/new: ?q= matches name or email.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { candidateScope } from "~/models/candidates/candidate-access.server";
import { searchCandidates } from "~/models/candidates/candidate.server";
import { requireUser } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return { query: q, candidates: await searchCandidates(q, 10, await candidateScope(user)) };
}
