// Concurrent edits of the same record: a form carries a version of what it showed (a hash of the fields it edits).
// Saving over a change made meanwhile is refused with a description of that change, the person's typed values stay
// in the form, and saving again (now against the current version) replaces it, as the playbook editor does.
import { createHash } from "node:crypto";
import { RuleViolation } from "~/utils/errors.server";

export function editVersion(fields: unknown) {
  return createHash("sha256").update(JSON.stringify(fields)).digest("base64url").slice(0, 22);
}

/** Refused because the record changed since the form was shown; `currentVersion` lets the form save over it. */
export class StaleEdit extends RuleViolation {
  constructor(
    message: string,
    readonly currentVersion: string,
  ) {
    super(message);
  }
}

/** Throws StaleEdit when `baseVersion` (from the form; absent means "don't check") isn't the record's `version`. */
export function assertNotStale(baseVersion: string | null | undefined, version: string, otherEdit: () => string) {
  if (!baseVersion || version === baseVersion) return;
  throw new StaleEdit(
    `Someone else saved a change while you were editing. ${otherEdit()} Your changes are still in the form: review them and save again to replace that change.`,
    version,
  );
}

const shown = (value: string | null | undefined) => (value ? `“${value}”` : "empty");

export const contactVersion = (c: { name: string; email: string; phone: string | null; linkedinUrl: string | null }) =>
  editVersion([c.name, c.email, c.phone, c.linkedinUrl]);

export const describeContact = (c: { name: string; email: string; phone: string | null; linkedinUrl: string | null }) =>
  `The details now read: name ${shown(c.name)}, email ${shown(c.email)}, phone ${shown(c.phone)}, LinkedIn ${shown(c.linkedinUrl)}.`;

type FlagFields = { severity: string; source: string; description: string | null; otherReason: string | null; reasons: string[] };

export const flagVersion = (f: FlagFields) =>
  editVersion([f.severity, f.source, f.description, f.otherReason, [...f.reasons].sort()]);

export const stepNoteVersion = (note: string | null) => editVersion([note]);
