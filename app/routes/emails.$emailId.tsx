// /emails/:emailId: one message exactly as it was (or will be) sent: headers, delivery state, HTML and text parts.
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireEmailAccess } from "~/models/candidates/candidate-access.server";
import { EmailStatusBadge } from "~/components/email-status";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, SubmitButton } from "~/components/forms";
import { RetryEmailSchema } from "~/models/email/email-forms";
import { getEmail, retryEmail } from "~/models/email/email.server";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { invalidForm, unlessRefused } from "~/utils/form-reply.server";
import { buttonFormErrors } from "~/utils/form-reply";
import { invariantResponse } from "~/utils/http.server";
import { CAPTURE_MODE_NOTICE, isCaptureMode } from "~/utils/mailer.server";
import { redirectWithToast, requireUser } from "~/utils/session.server";
import { useTimeZone } from "~/utils/use-time-zone";
import { templateLabel } from "../../emails/index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.email.subject} · Emails · Rebound` : "Email not found · Rebound" },
];

const NOT_FOUND = "We couldn't find that email.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requireEmailAccess(user, params.emailId ?? "");
  const email = await getEmail(params.emailId ?? "");
  invariantResponse(email, NOT_FOUND);
  return { email, captureNotice: isCaptureMode() ? CAPTURE_MODE_NOTICE : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await requireEmailAccess(user, params.emailId ?? "");
  const id = params.emailId ?? "";
  const submission = parseWithZod(await request.formData(), { schema: RetryEmailSchema });
  if (submission.status !== "success") return invalidForm(submission);
  const email = await getEmail(id);
  invariantResponse(email, NOT_FOUND);
  return unlessRefused(submission, async () => {
    await retryEmail(email.id, { userId: user.id });
    return redirectWithToast(request, `/emails/${email.id}`, {
      kind: "success",
      message: `The email to ${email.candidate?.name ?? email.recipientUser?.name ?? email.toAddress} is queued to be sent again.`,
    });
  });
}

const deliveryText: Record<string, string> = {
  queued: "Waiting to be sent.",
  sending: "Being sent now.",
  sent: "Accepted by the mail server.",
  failed: "Not delivered.",
  captured: "Stored here, not sent (capture mode).",
};

export default function EmailPage() {
  const { email, captureNotice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const timeZone = useTimeZone();
  return (
    <article aria-labelledby="email-title" className="email-detail">
      <p>
        <Link to="/emails">← All emails</Link>
      </p>
      <h1 id="email-title">{email.subject}</h1>
      {captureNotice ? (
        <p className="notice capture-notice" role="note">
          {captureNotice}
        </p>
      ) : null}
      <section aria-labelledby="email-delivery" className="panel">
        <h2 id="email-delivery">Delivery</h2>
        <p className="hint">Times are in {describeTimeZone(timeZone)}.</p>
        <dl className="email-headers">
          <dt>To</dt>
          <dd>
            {email.candidate ? (
              <>
                <Link to={`/candidates/${email.candidate.id}`}>{email.candidate.name}</Link> &lt;{email.toAddress}&gt;
                {email.candidate.emailOptOut ? <strong> (has unsubscribed from emails)</strong> : null}
              </>
            ) : (
              <>
                {email.recipientUser?.name ?? "Staff"} (staff) &lt;{email.toAddress}&gt;
              </>
            )}
          </dd>
          <dt>Subject</dt>
          <dd>{email.subject}</dd>
          <dt>Template</dt>
          <dd>{templateLabel(email.template)}</dd>
          <dt>Status</dt>
          <dd>
            <EmailStatusBadge status={email.status} /> {deliveryText[email.status] ?? ""}
          </dd>
          <dt>Attempts</dt>
          <dd>{email.attempts}</dd>
          {email.status === "queued" && email.attempts > 0 ? (
            <>
              <dt>Next attempt</dt>
              <dd>{formatDateTime(email.nextAttemptAt, timeZone)}</dd>
            </>
          ) : null}
          <dt>Last error</dt>
          <dd>{email.lastError ? <code className="email-error">{email.lastError}</code> : "None"}</dd>
          <dt>Message-ID</dt>
          <dd>
            <code>{email.messageId}</code>
          </dd>
          <dt>Created</dt>
          <dd>{formatDateTime(email.createdAt, timeZone)}</dd>
          <dt>Sent</dt>
          <dd>{email.sentAt ? formatDateTime(email.sentAt, timeZone) : "Not yet"}</dd>
          <dt>Sent by</dt>
          <dd>{email.sentBy?.name ?? "—"}</dd>
          {email.interview ? (
            <>
              <dt>Interview</dt>
              <dd>
                <Link to={`/interviews/${email.interview.id}`}>{email.interview.roleTitle}</Link>
              </dd>
            </>
          ) : null}
        </dl>
        {email.status === "failed" ? (
          <Form method="post">
            <ErrorList errors={buttonFormErrors(actionData)} alert />
            <SubmitButton name="intent" value="retry" pendingLabel="Queueing…">
              Retry
            </SubmitButton>
          </Form>
        ) : null}
      </section>
      {email.personalNote ? (
        <section aria-labelledby="email-note">
          <h2 id="email-note">Personal note</h2>
          <p className="email-note">{email.personalNote}</p>
        </section>
      ) : null}
      <section aria-labelledby="email-html">
        <h2 id="email-html">HTML version</h2>
        {/* An empty sandbox: the message's HTML can't run scripts, submit forms or reach this page. */}
        <iframe title="HTML version of the email" sandbox="" srcDoc={email.html} className="email-frame" />
      </section>
      <section aria-labelledby="email-text">
        <h2 id="email-text">Text version</h2>
        <pre className="email-text">{email.text}</pre>
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
