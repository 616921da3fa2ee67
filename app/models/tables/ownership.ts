// "Mine | Everyone" on the candidate and interview tables. Recruiters open a bare table on their own rows, managers
// on the whole agency. Browser-safe: the loaders apply it, the pages build the two links with it.
import { toSearch, withParams } from "~/utils/table-params";
import type { Role } from "../enums";

/** `who=all` is the explicit "whole agency" choice; "mine" is the table's recruiter filter set to the user. */
export const OWNERSHIP_PARAM = "who";

type Options = {
  user: { id: string; role: Role | string };
  /** The filter that names the rows' recruiter ("recruiter" on both tables). */
  ownerParam: string;
  /** Every filter param of the table: a link that carries any of them means exactly what it says. */
  filterParams: readonly string[];
};

/**
 * The params the table is read with: a recruiter's URL with no filter and no explicit choice gets the owner filter
 * set to them. Links from elsewhere (stats figures, dashboard counts) carry filters, so they stay as they are.
 */
export function effectiveTableParams(params: URLSearchParams, { user, ownerParam, filterParams }: Options) {
  const who = params.get(OWNERSHIP_PARAM);
  const hasFilter = filterParams.some((p) => params.get(p));
  const mine = who === "mine" || (who !== "all" && user.role === "recruiter" && !hasFilter);
  if (!mine || params.get(ownerParam) === user.id) return params;
  return withParams(params, { [ownerParam]: user.id, [OWNERSHIP_PARAM]: null });
}

export type OwnershipLinks = { mineHref: string; everyoneHref: string; current: "mine" | "all" | null };

/** The "Mine | Everyone" links from the effective params; neither is current when another recruiter is picked. */
export function ownershipLinks(effective: URLSearchParams, userId: string, ownerParam: string): OwnershipLinks {
  const owner = effective.get(ownerParam);
  return {
    mineHref: toSearch(withParams(effective, { [ownerParam]: userId, [OWNERSHIP_PARAM]: null, page: null })) || "?",
    everyoneHref: toSearch(withParams(effective, { [ownerParam]: null, [OWNERSHIP_PARAM]: "all", page: null })),
    current: owner === userId ? "mine" : owner ? null : "all",
  };
}
