// Emails to staff (notifications and the digests) go through the same outbox as candidate emails, so they are
// retried, leased and listed on /emails. They carry no candidate links: the worker mints nothing for them.
import { recordAudit } from "~/models/audit/audit.server";
import type { Tx } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { isDeliverableAddress, newMessageId } from "./email.server";

export type QueueStaffEmailInput = {
  recipientUserId: string;
  toAddress: string;
  template: string;
  subject: string;
  html: string;
  text: string;
  interviewId?: string | null;
  /** A Message-ID fixed by the caller (a digest's user and day), so queueing it twice fails on the unique column. */
  messageId?: string;
};

/** Writes one staff email to the outbox (queued) with its audit event, inside the caller's transaction. */
export async function queueStaffEmailInTx(tx: Tx, input: QueueStaffEmailInput) {
  const toAddress = input.toAddress.trim();
  if (!isDeliverableAddress(toAddress)) throw new RuleViolation(`The address "${toAddress.slice(0, 100)}" is not valid.`);
  const subject = input.subject.replace(/[\r\n]+/g, " ").slice(0, 200);
  const messageId = input.messageId ?? newMessageId();
  const message = await tx.emailMessage.create({
    data: {
      candidateId: null,
      recipientUserId: input.recipientUserId,
      interviewId: input.interviewId ?? null,
      template: input.template,
      toAddress,
      subject,
      html: input.html,
      text: input.text,
      status: "queued",
      messageId,
    },
    select: { id: true },
  });
  await recordAudit(tx, {
    actor: { label: "system" },
    action: "email.queued",
    entityId: message.id,
    after: { template: input.template, subject, toAddress, messageId },
  });
  return message;
}
