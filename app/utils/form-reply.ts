// The shape of a refused form's reply (see form-reply.server.ts), and how a page reads it.
import type { SubmissionResult } from "@conform-to/react";

export type FormReply<Intent extends string = string> = { intent: Intent | null; result: SubmissionResult<string[]> };

/** The reply for this form of the page (told apart by intent), for Conform's `lastResult`. */
export function replyFor<Intent extends string>(reply: FormReply<Intent> | null | undefined, intent: Intent | null = null) {
  return reply && (intent === null || reply.intent === intent) ? reply.result : undefined;
}

/** The errors that belong to the whole form rather than a field, for forms without fields of their own. */
export function formLevelErrors(reply: FormReply | null | undefined) {
  return reply?.result.error?.[""] ?? null;
}
