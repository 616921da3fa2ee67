// Send a recovery email about one interview: choose a template, read the exact preview with this candidate's
// values, add a personal note, send. (The trailing "_" keeps this page out of the interview page's layout.)
import { invalidForm, unlessRefused } from "~/utils/form-reply.server";
import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useSubmit,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { isTemplateName, recoveryTemplates, templateNames, type TemplateName } from "../../emails/index";
import { requireInterviewAccess } from "~/models/candidates/candidate-access.server";
import { EmailPreview } from "~/components/email-preview";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, SubmitButton, TextareaField } from "~/components/forms";
import { InterviewEmailSchema, PERSONAL_NOTE_MAX } from "~/models/email/email-forms";
import { templateChoicesForInterview } from "~/models/email/eligibility.server";
import { interviewExists, previewRecoveryEmail, sendRecoveryEmail, type EmailPreview as Preview } from "~/models/email/recovery-email.server";
import { formatDate } from "~/utils/dates";
import { invariantResponse } from "~/utils/http.server";
import { redirectWithToast, requireUser } from "~/utils/session.server";
import { useIsPending } from "~/utils/use-is-pending";
import { useTimeZone } from "~/utils/use-time-zone";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Email ${data.recipient.name} · Rebound` : "Send an email · Rebound" },
];

const DEFAULT_TEMPLATE: TemplateName = "rough_day";
const notFound = "We couldn't find that interview. It may have been deleted, or the link is wrong.";

function forPage(preview: Preview) {
  const { rendered, recipient, interview, blockedReason, hasActiveChecklist, template } = preview;
  return {
    template,
    rendered,
    recipient: { name: recipient.name, email: recipient.email },
    interview,
    blockedReason,
    hasActiveChecklist,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requireInterviewAccess(user, params.interviewId ?? "");
  const requested = new URL(request.url).searchParams.get("template");
  invariantResponse(await interviewExists(params.interviewId ?? ""), notFound);
  const templates = await templateChoicesForInterview(params.interviewId ?? "");
  // The one asked for if it applies, else the first that applies; with none, the preview still shows one.
  const applying = templates.filter((t) => t.applies).map((t) => t.template);
  const template =
    isTemplateName(requested) && applying.includes(requested)
      ? requested
      : (applying[0] ?? (isTemplateName(requested) ? requested : DEFAULT_TEMPLATE));
  const preview = await previewRecoveryEmail(params.interviewId ?? "", template, { userId: user.id });
  invariantResponse(preview, notFound);
  // A fresh key per page view: the email's Message-ID comes from it, so a double submit queues one email.
  return { ...forPage(preview), templates, idempotencyKey: randomUUID() };
}

// A preview changes nothing on the server, so the page's data (and its idempotency key) stays as it is.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "preview" ? false : defaultShouldRevalidate;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await requireInterviewAccess(user, params.interviewId ?? "");
  const interviewId = params.interviewId ?? "";
  invariantResponse(await interviewExists(interviewId), notFound);
  const submission = parseWithZod(await request.formData(), { schema: InterviewEmailSchema });
  if (submission.status !== "success") return invalidForm(submission);
  const value = submission.value;
  const actor = { userId: user.id };
  if (value.intent === "preview") {
    const preview = await previewRecoveryEmail(interviewId, value.template, actor, value.personalNote);
    invariantResponse(preview, notFound);
    return { intent: "preview" as const, result: submission.reply(), preview: forPage(preview) };
  }
  return unlessRefused(
    submission,
    async () => {
      const sent = await sendRecoveryEmail({ interviewId, ...value }, actor);
      return redirectWithToast(request, `/interviews/${interviewId}`, {
        kind: "success",
        message: `Email to ${sent.recipient.name} is in the outbox.`,
      });
    },
    "send",
  );
}

export default function InterviewEmailPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const timeZone = useTimeZone();
  const shown = (actionData && "preview" in actionData ? actionData.preview : null) ?? loaded;
  const errors = (actionData?.result.error ?? {}) as Record<string, string[] | null | undefined>;
  const initial = (actionData?.result.initialValue ?? {}) as Record<string, unknown>;
  const chosen = isTemplateName(initial.template) ? initial.template : shown.template;
  const note = typeof initial.personalNote === "string" ? initial.personalNote : "";
  const { recipient, interview } = loaded;
  const updating = useIsPending({ intent: "preview" });
  const applies = new Map(loaded.templates.map((t) => [t.template, t]));
  const noneApplies = loaded.templates.every((t) => !t.applies);
  const canSend = !loaded.blockedReason && Boolean(applies.get(chosen as TemplateName)?.applies);
  return (
    <section aria-labelledby="email-title">
      <p>
        <Link to={`/interviews/${interview.id}`}>← Back to the interview</Link>
      </p>
      <h1 id="email-title">Send a recovery email to {recipient.name}</h1>
      <p className="hint">
        About {interview.roleTitle} at {interview.companyName}, {formatDate(interview.scheduledAt, timeZone)}. To{" "}
        {recipient.email}.
      </p>
      {loaded.blockedReason ? (
        <div className="notice email-blocked" role="status">
          <p>
            <strong>This candidate can&apos;t be emailed.</strong> {loaded.blockedReason}
          </p>
        </div>
      ) : null}
      {noneApplies ? (
        <div className="notice email-blocked" role="status">
          <p>
            <strong>No template applies to this interview now.</strong> Each template below says why.
          </p>
        </div>
      ) : null}
      <div className="email-compose">
        <Form method="post" className="stacked email-compose-form" key={loaded.template}>
          <ErrorList errors={actionData?.result.error?.[""]} alert />
          <input type="hidden" name="idempotencyKey" value={loaded.idempotencyKey} />
          <fieldset aria-describedby={errors.template?.length ? "template-error" : undefined}>
            <legend>Template</legend>
            {templateNames.map((name) => {
              const why = applies.get(name)?.reason ?? null;
              return (
              <div className={why ? "radio-row template-unavailable" : "radio-row"} key={name}>
                <input
                  type="radio"
                  id={`template-${name}`}
                  name="template"
                  value={name}
                  disabled={Boolean(why)}
                  aria-describedby={why ? `template-${name}-why` : undefined}
                  defaultChecked={name === chosen && !why}
                  onChange={(event) => {
                    // With JavaScript the preview follows the choice; without it, "Update preview" does the same.
                    const formData = new FormData(event.currentTarget.form!);
                    formData.set("intent", "preview");
                    submit(formData, { method: "post", preventScrollReset: true });
                  }}
                />
                <label htmlFor={`template-${name}`}>{recoveryTemplates[name].label}</label>
                {why ? (
                  <p className="hint template-why" id={`template-${name}-why`}>
                    Doesn&apos;t apply: {why}
                  </p>
                ) : null}
              </div>
              );
            })}
            <ErrorList id="template-error" errors={errors.template} />
          </fieldset>
          <TextareaField
            label="Personal note (optional)"
            hint={`Shown above the template text, signed by you. Up to ${PERSONAL_NOTE_MAX.toLocaleString("en-GB")} characters; update the preview to see it in place.`}
            textareaProps={{ name: "personalNote", defaultValue: note, maxLength: PERSONAL_NOTE_MAX, rows: 5 }}
            errors={errors.personalNote}
          />
          <div className="row-actions">
            {noneApplies ? null : (
              <SubmitButton name="intent" value="preview" className="secondary" pendingLabel="Updating preview…">
                Update preview
              </SubmitButton>
            )}
            {!canSend ? null : (
              <SubmitButton name="intent" value="send" pendingLabel="Sending…">
                Send email
              </SubmitButton>
            )}
          </div>
          <ErrorList errors={errors.idempotencyKey} />
        </Form>
        <section aria-labelledby="preview-title" className="panel email-compose-preview" aria-busy={updating || undefined}>
          <h2 id="preview-title">Preview: {recoveryTemplates[shown.template as TemplateName]?.label ?? shown.template}</h2>
          {shown.hasActiveChecklist ? (
            <p className="hint">
              The coaching-page button carries a personal link that is created when you send (links in earlier emails
              keep working). Everything else is exactly what {recipient.name} will get.
            </p>
          ) : (
            <p className="hint">This is exactly what {recipient.name} will get.</p>
          )}
          <EmailPreview
            subject={shown.rendered.subject}
            html={shown.rendered.html}
            text={shown.rendered.text}
            to={`${recipient.name} <${recipient.email}>`}
            label={recoveryTemplates[shown.template as TemplateName]?.label ?? shown.template}
          />
        </section>
      </div>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
