// The one contract every form action keeps: parse with the form's zod schema, call one model function, and on
// refusal answer 400 with Conform's reply (the error at the field that caused it, the user's values kept), tagged
// with the form's intent so a page with several forms shows it on the right one.
import type { Submission, SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { RuleViolation } from "./errors.server";
import type { FormReply } from "./form-reply";

type AnySubmission = Pick<Submission<unknown>, "reply">;
/** Fields never sent back to the browser, such as passwords. */
type Hidden = string[] | undefined;

function refuse<Intent extends string, Extra extends object = object>(
  intent: Intent | null,
  result: SubmissionResult<string[]>,
  extra?: Extra,
  init: ResponseInit = { status: 400 },
) {
  const reply = { ...extra, intent, result } as FormReply<Intent> & Partial<Extra>;
  return data(reply, init);
}

/** The schema refused the input: its field errors go back to the form. */
export function invalidForm<Intent extends string, Extra extends object = object>(
  submission: AnySubmission,
  intent: Intent | null = null,
  extra?: Extra,
  hideFields?: Hidden,
) {
  return refuse(intent, submission.reply({ hideFields }), extra);
}

/** A business rule refused the change: its message goes to the field it names, or to the whole form. */
export function ruleViolationReply<Intent extends string, Extra extends object = object>(
  submission: AnySubmission,
  error: RuleViolation,
  intent: Intent | null = null,
  extra?: Extra,
  hideFields?: Hidden,
) {
  const errors = error.field ? { fieldErrors: { [error.field]: [error.message] } } : { formErrors: [error.message] };
  return refuse(intent, submission.reply({ ...errors, hideFields }), extra);
}

/** Runs the model call; a RuleViolation becomes the 400 reply, anything else is a real failure and propagates. */
export async function unlessRefused<T, Intent extends string>(
  submission: AnySubmission,
  work: () => Promise<T>,
  intent: Intent | null = null,
  hideFields?: Hidden,
) {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RuleViolation) return ruleViolationReply(submission, error, intent, undefined, hideFields);
    throw error;
  }
}

/**
 * Too many attempts: the message on the whole form, answered 429 with Retry-After so that clients (and people)
 * know when to come back. Nothing was done.
 */
export function tooManyRequestsReply<Intent extends string, Extra extends object = object>(
  submission: AnySubmission,
  {
    message,
    retryAfterSeconds,
    intent = null,
    extra,
    hideFields,
    headers,
  }: {
    message: string;
    retryAfterSeconds: number;
    intent?: Intent | null;
    extra?: Extra;
    hideFields?: Hidden;
    headers?: Record<string, string>;
  },
) {
  return refuse(intent, submission.reply({ formErrors: [message], hideFields }), extra, {
    status: 429,
    headers: { ...headers, "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
  });
}

/** A form-level refusal with no submission to reply to (an unknown intent, a request that isn't a form at all). */
export function formRefused(message = "That request was not understood. Reload the page and try again.") {
  return refuse(null, { status: "error", error: { "": [message] } });
}
