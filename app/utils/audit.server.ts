// The append-only audit log. Always called inside the transaction of the change it records.
import type { Tx } from "./db.server";

export type AuditActor = { userId: string } | { label: "candidate" | "system" | "cli" };

export type AuditInput = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  candidateId?: string | null;
  before?: unknown;
  after?: unknown;
};

export async function recordAudit(tx: Tx, event: AuditInput) {
  await tx.auditEvent.create({
    data: {
      actorId: "userId" in event.actor ? event.actor.userId : null,
      actorLabel: "label" in event.actor ? event.actor.label : null,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      candidateId: event.candidateId ?? null,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
    },
  });
}
