// Checked by `npm run typecheck`, never run: the audit writer refuses unknown kinds and payloads of the wrong shape.
// Should the vocabulary stop catching one of these, its @ts-expect-error becomes unused and the type check fails.
import { recordAudit } from "~/models/audit/audit.server";
import type { Tx } from "~/utils/db.server";

export async function writersThatMustNotCompile(tx: Tx) {
  // @ts-expect-error an event kind that isn't in the vocabulary
  await recordAudit(tx, { actor: { label: "system" }, action: "candidate.teleported", entityId: "c1" });
  // @ts-expect-error a payload missing its fields
  await recordAudit(tx, { actor: { label: "system" }, action: "flag.raised", entityId: "f1", after: { interviewId: "i1" } });
  await recordAudit(tx, {
    actor: { label: "system" },
    action: "user.role_changed",
    entityId: "u1",
    before: { role: "recruiter" },
    // @ts-expect-error a field the kind doesn't have
    after: { role: "manager", password: "x" },
  });
  // @ts-expect-error a kind with no payload given one
  await recordAudit(tx, { actor: { label: "system" }, action: "user.password_set", entityId: "u1", after: { a: 1 } });
}
