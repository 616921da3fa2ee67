// The append-only audit log's one writer. Always called inside the transaction of the change it records.
import type { Tx } from "~/utils/db.server";
import { noteCandidateActivity } from "../recovery/activity.server";
import { entityTypeOf, type AuditEventInput } from "./events";

export async function recordAudit(tx: Tx, event: AuditEventInput) {
  const at = new Date();
  await tx.auditEvent.create({
    data: {
      actorId: "userId" in event.actor ? event.actor.userId : null,
      actorLabel: "label" in event.actor ? event.actor.label : null,
      action: event.action,
      entityType: entityTypeOf(event.action),
      entityId: event.entityId,
      candidateId: event.candidateId ?? null,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      at,
    },
  });
  // A person acted on the candidate's behalf (staff, or the candidate on their page): their recoveries are active.
  const byPerson = "userId" in event.actor || event.actor.label === "candidate";
  if (event.candidateId && byPerson) await noteCandidateActivity(tx, event.candidateId, at);
}
