// The shape of a refused form's reply (see form-reply.server.ts), and how a page reads it.
import type { SubmissionResult } from "@conform-to/react";

export type FormReply<Intent extends string = string> = { intent: Intent | null; result: SubmissionResult<string[]> };

/** The reply for this form of the page (told apart by intent), for Conform's `lastResult`. */
export function replyFor<Intent extends string>(reply: FormReply<Intent> | null | undefined, intent: Intent | null = null) {
  return reply && (intent === null || reply.intent === intent) ? reply.result : undefined;
}

/** Every error of the reply, for a form with no fields of its own to show them at (a lone button). */
export function buttonFormErrors(reply: FormReply | null | undefined) {
  const errors = reply?.result.error;
  return errors ? Object.values(errors).flatMap((list) => list ?? []) : null;
}
