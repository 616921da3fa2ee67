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

/**
 * A field of a form the server alone checks (the candidate's pages, which load no form library): its errors and the
 * value that was sent, read from the reply.
 */
export function fieldFromReply(reply: FormReply | null | undefined, name: string) {
  const errors = reply?.result.error?.[name];
  return { errors: errors?.length ? errors : null, sent: reply?.result.initialValue?.[name] };
}

/** The form's own errors (not tied to a field) in a reply, as `fieldFromReply` reads them. */
export function formErrorsFromReply(reply: FormReply | null | undefined) {
  const errors = reply?.result.error?.[""];
  return errors?.length ? errors : null;
}
