// How flag reasons are ordered and named everywhere: the taxonomy's order, "Other: <what the recruiter typed>".
import { flagReasons, flagSeverities, type FlagReason } from "~/models/enums";

export function isFlagReason(value: string): value is FlagReason {
  return (flagReasons.values as readonly string[]).includes(value);
}

/** The known reasons among these, in the taxonomy's order (the database returns them by code), each once. */
export function inTaxonomyOrder(reasons: readonly string[]): FlagReason[] {
  return flagReasons.values.filter((r) => reasons.includes(r));
}

/** "Other: took a call" for the other reason with its text, the taxonomy's label otherwise. */
export function reasonLabel(reason: string, otherReason?: string | null) {
  return reason === "other" && otherReason ? `${flagReasons.label(reason)}: ${otherReason}` : flagReasons.label(reason);
}

/** "Arrived late or transport trouble, Other: took a call (serious)". */
export function describeFlag(reasons: string[], severity: string, otherReason?: string | null) {
  const text = inTaxonomyOrder(reasons)
    .map((r) => reasonLabel(r, otherReason))
    .join(", ");
  return `${text || "no reason given"} (${flagSeverities.label(severity).toLowerCase()})`;
}
