// Settings → Privacy (managers): who candidates contact about their data, how long data is kept, what the next
// retention run will anonymise (with exemptions), and what the last runs did.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TableScroll } from "~/components/table-scroll";
import { ErrorList, Field, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { getAgency } from "~/models/agency/agency.server";
import { ExemptSchema, privacySettingsForms, PrivacySettingsSchema } from "~/models/privacy/privacy-forms";
import { getPrivacySettings, updatePrivacySettings } from "~/models/privacy/privacy-settings.server";
import { exemptFromRetention, liftRetentionExemption, PREVIEW_LIMIT, retentionPreview } from "~/models/privacy/retention.server";
import { candidateStatuses } from "~/models/enums";
import { describeTimeZone, formatDate, formatDateTime } from "~/utils/dates";
import { formRefused, invalidForm, unlessRefused } from "~/utils/form-reply.server";
import { replyFor } from "~/utils/form-reply";
import { redirectWithToast, requireManager } from "~/utils/session.server";
import privacyStyles from "~/styles/privacy.css";

export const meta: MetaFunction = () => [{ title: "Privacy · Settings · Rebound" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: privacyStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  const [settings, preview, agency] = await Promise.all([getPrivacySettings(), retentionPreview(), getAgency()]);
  return { settings, preview, timeZone: agency.timeZone };
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireManager(request);
  const submission = parseWithZod(await request.formData(), { schema: privacySettingsForms });
  if (submission.status !== "success") {
    const intent = submission.payload.intent;
    if (intent !== "save-settings" && intent !== "exempt" && intent !== "unexempt") return formRefused();
    return invalidForm(submission, intent);
  }
  const value = submission.value;
  const actor = { userId: me.id };
  switch (value.intent) {
    case "save-settings": {
      const { intent: _intent, ...input } = value;
      await updatePrivacySettings(input, actor);
      return redirectWithToast(request, "/settings/privacy", { kind: "success", message: "Privacy settings saved." });
    }
    case "exempt":
      return unlessRefused(
        submission,
        async () => {
          await exemptFromRetention(value.candidateId, value.reason, actor);
          return redirectWithToast(request, "/settings/privacy", { kind: "success", message: "The candidate is kept out of retention." });
        },
        "exempt",
      );
    case "unexempt":
      return unlessRefused(
        submission,
        async () => {
          await liftRetentionExemption(value.candidateId, actor);
          return redirectWithToast(request, "/settings/privacy", { kind: "success", message: "Exemption lifted." });
        },
        "unexempt",
      );
  }
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

function SettingsForm({ settings }: { settings: Data["settings"] }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "privacy-settings",
    constraint: getZodConstraint(PrivacySettingsSchema),
    lastResult: replyFor(actionData, "save-settings"),
    shouldRevalidate: "onInput",
    defaultValue: {
      privacyContact: settings.privacyContact ?? "",
      retainCandidatesMonths: String(settings.retainCandidatesMonths),
      retainEmailBodiesMonths: String(settings.retainEmailBodiesMonths),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PrivacySettingsSchema }),
  });
  return (
    <Form method="post" className="stacked panel" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save-settings" />
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <Field
        label="Privacy contact"
        hint="Shown in the footer of every recovery email: where candidates ask what you hold or ask for it to be deleted. An email address or a short sentence. Empty: “reply to this email”."
        inputProps={getInputProps(fields.privacyContact, { type: "text" })}
        errors={fields.privacyContact.errors}
      />
      <Field
        label="Keep a candidate this many months after their last activity"
        hint="Then the daily run anonymises them exactly as “Erase this candidate” does. 1 to 240; 24 by default."
        inputProps={{ ...getInputProps(fields.retainCandidatesMonths, { type: "number" }), step: 1, inputMode: "numeric" }}
        errors={fields.retainCandidatesMonths.errors}
      />
      <Field
        label="Keep what an email said for this many months"
        hint="Then its text is removed; that it was sent, when and by whom stays. 1 to 240; 12 by default."
        inputProps={{ ...getInputProps(fields.retainEmailBodiesMonths, { type: "number" }), step: 1, inputMode: "numeric" }}
        errors={fields.retainEmailBodiesMonths.errors}
      />
      <SubmitButton intent="save-settings" pendingLabel="Saving…">
        Save privacy settings
      </SubmitButton>
    </Form>
  );
}

function ExemptForm({ candidates }: { candidates: Data["preview"]["candidates"] }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "exempt",
    constraint: getZodConstraint(ExemptSchema),
    lastResult: replyFor(actionData, "exempt"),
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExemptSchema }),
  });
  return (
    <Form method="post" className="stacked" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="exempt" />
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <SelectField
        label="Candidate to keep"
        selectProps={getSelectProps(fields.candidateId)}
        options={[{ value: "", label: "Choose a candidate" }, ...candidates.map((c) => ({ value: c.id, label: c.name }))]}
        errors={fields.candidateId.errors}
      />
      <TextareaField
        label="Why they are kept"
        hint="For example: an open tribunal claim. Recorded in the audit log."
        textareaProps={{ ...getTextareaProps(fields.reason), rows: 2 }}
        errors={fields.reason.errors}
      />
      <SubmitButton intent="exempt" className="secondary" pendingLabel="Saving…">
        Keep this candidate
      </SubmitButton>
    </Form>
  );
}

export default function PrivacySettingsPage() {
  const { settings, preview, timeZone } = useLoaderData<typeof loader>();
  const unexemptErrors = replyFor(useActionData<typeof action>(), "unexempt")?.error;
  return (
    <>
      <section aria-labelledby="privacy-settings-title">
        <h2 id="privacy-settings-title">Privacy and retention</h2>
        <SettingsForm key={`${settings.privacyContact}|${settings.retainCandidatesMonths}|${settings.retainEmailBodiesMonths}`} settings={settings} />
      </section>

      <section aria-labelledby="next-run-title" className="panel">
        <h2 id="next-run-title">Next retention run</h2>
        <p>
          {preview.nextRunAt ? `Due ${formatDateTime(preview.nextRunAt, timeZone)}` : "Runs daily"}. As of now it would anonymise{" "}
          <strong>
            {preview.count} {preview.count === 1 ? "candidate" : "candidates"}
          </strong>{" "}
          with no activity since {formatDate(preview.cutoffs.candidates, timeZone)} and remove the text of{" "}
          <strong>
            {preview.emailBodies} {preview.emailBodies === 1 ? "email" : "emails"}
          </strong>{" "}
          written before {formatDate(preview.cutoffs.emailBodies, timeZone)}.
        </p>
        {preview.candidates.length ? (
          <TableScroll label="Candidates the next run anonymises">
            <table>
              <caption>
                Candidates the next run anonymises{preview.count > PREVIEW_LIMIT ? ` (the first ${PREVIEW_LIMIT} of ${preview.count})` : ""}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Candidate</th>
                  <th scope="col">Recruiter</th>
                  <th scope="col">Status</th>
                  <th scope="col">Added</th>
                  <th scope="col">Last interview</th>
                </tr>
              </thead>
              <tbody>
                {preview.candidates.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/candidates/${c.id}`}>{c.name}</Link>
                    </th>
                    <td>{c.recruiter.name}</td>
                    <td>{candidateStatuses.label(c.status)}</td>
                    <td>{formatDate(c.createdAt, timeZone)}</td>
                    <td>{c.lastInterviewAt ? formatDate(c.lastInterviewAt, timeZone) : "None"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="empty-state">Nobody is past the limit.</p>
        )}
        {preview.candidates.length ? <ExemptForm candidates={preview.candidates} /> : null}
        <p className="hint">Times are in {describeTimeZone(timeZone)}.</p>
      </section>

      <section aria-labelledby="exempt-title" className="panel">
        <h2 id="exempt-title">Kept out of retention</h2>
        <ErrorList errors={unexemptErrors ? Object.values(unexemptErrors).flat() : null} alert />
        {preview.exempt.length ? (
          <ul className="plain-list">
            {preview.exempt.map((c) => (
              <li key={c.id}>
                <Link to={`/candidates/${c.id}`}>{c.name}</Link> since {formatDate(c.retentionExemptAt!, timeZone)}: {c.retentionExemptReason}{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="unexempt" />
                  <input type="hidden" name="candidateId" value={c.id} />
                  <SubmitButton intent="unexempt" subject={{ name: "candidateId", value: c.id }} className="secondary" pendingLabel="Lifting…">
                    Lift<span className="visually-hidden"> the exemption of {c.name}</span>
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty-state">No candidate is exempt.</p>
        )}
      </section>

      <section aria-labelledby="runs-title" className="panel">
        <h2 id="runs-title">Last runs</h2>
        {preview.runs.length ? (
          <table>
            <caption className="visually-hidden">The last retention runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Ran</th>
                <th scope="col">Candidates anonymised</th>
                <th scope="col">Email texts removed</th>
                <th scope="col">Limits then</th>
              </tr>
            </thead>
            <tbody>
              {preview.runs.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{formatDateTime(r.ranAt, timeZone)}</th>
                  <td>{r.candidatesErased}</td>
                  <td>{r.emailBodiesStripped}</td>
                  <td>
                    {r.candidateMonths} / {r.emailBodyMonths} months
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="empty-state">No run yet.</p>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
