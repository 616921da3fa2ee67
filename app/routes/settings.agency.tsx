import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { invalidForm } from "~/utils/form-reply.server";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField, SubmitButton } from "~/components/forms";
import { AgencySchema } from "~/models/agency/agency-forms";
import { getAgency, updateAgency } from "~/models/agency/agency.server";
import { describeTimeZone } from "~/utils/dates";
import { redirectWithToast, requireManager } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  return { agency: await getAgency(), timeZones: ["UTC", ...Intl.supportedValuesOf("timeZone")] };
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireManager(request);
  const submission = parseWithZod(await request.formData(), { schema: AgencySchema });
  if (submission.status !== "success") return invalidForm(submission);
  await updateAgency(submission.value, { userId: me.id });
  return redirectWithToast(request, "/settings/agency", { kind: "success", message: "Agency settings saved." });
}

export default function AgencySettingsPage() {
  const { agency, timeZones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "agency",
    constraint: getZodConstraint(AgencySchema),
    lastResult: actionData?.result,
    shouldRevalidate: "onBlur",
    defaultValue: {
      ...agency,
      replyTo: agency.replyTo ?? "",
      recruitersSeeOwnCandidatesOnly: String(agency.recruitersSeeOwnCandidatesOnly),
      quietAfterDays: String(agency.quietAfterDays),
      overdueGraceHours: String(agency.overdueGraceHours),
      checkInEnabled: String(agency.checkInEnabled),
      checkInAfterHours: String(agency.checkInAfterHours),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AgencySchema }),
  });
  return (
    <section aria-labelledby="agency-title">
      <h2 id="agency-title">Agency</h2>
      <Form method="post" className="stacked panel" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} alert />
        <Field label="Agency name" inputProps={getInputProps(fields.name, { type: "text" })} errors={fields.name.errors} />
        <SelectField
          label="Time zone"
          selectProps={getSelectProps(fields.timeZone)}
          options={timeZones.map((zone) => ({ value: zone, label: zone }))}
          errors={fields.timeZone.errors}
        />
        <p className="hint">Every date in Rebound is shown in this zone. Now: {describeTimeZone(agency.timeZone)}.</p>
        <Field
          label="Sender name"
          hint="The name candidates see on emails from Rebound."
          inputProps={getInputProps(fields.senderName, { type: "text" })}
          errors={fields.senderName.errors}
        />
        <Field
          label="Reply-to address"
          hint="Where candidates' replies go. Leave empty to use the sender address."
          inputProps={getInputProps(fields.replyTo, { type: "email" })}
          errors={fields.replyTo.errors}
        />
        <fieldset>
          <legend>Who sees which candidates</legend>
          {[
            { value: "false", label: "Shared pool: every recruiter sees and works with every candidate" },
            { value: "true", label: "Recruiters see only their own candidates (managers still see everyone)" },
          ].map((option) => (
            <div className="radio-row" key={option.value}>
              <input
                {...getInputProps(fields.recruitersSeeOwnCandidatesOnly, { type: "radio", value: option.value })}
                id={`visibility-${option.value}`}
              />
              <label htmlFor={`visibility-${option.value}`}>{option.label}</label>
            </div>
          ))}
          <ErrorList errors={fields.recruitersSeeOwnCandidatesOnly.errors} />
        </fieldset>
        <fieldset className="stacked-fields">
          <legend>Recoveries</legend>
          <Field
            label="Close a quiet recovery after (days)"
            hint="An open recovery with no activity for this many days closes as “went quiet” and leaves every queue. 1 to 365."
            inputProps={{ ...getInputProps(fields.quietAfterDays, { type: "number" }), step: 1, inputMode: "numeric" }}
            errors={fields.quietAfterDays.errors}
          />
          <Field
            label="Grace for steps already late (hours)"
            hint="A checklist step whose usual due time passed before the flag was logged is due this many hours after the flag. 0 to 48."
            inputProps={{ ...getInputProps(fields.overdueGraceHours, { type: "number" }), step: 1, inputMode: "numeric" }}
            errors={fields.overdueGraceHours.errors}
          />
        </fieldset>
        <fieldset className="stacked-fields">
          <legend>Check-in after each interview</legend>
          <p className="hint">
            A short “How did it go?” email to the candidate, so a bad interview nobody mentioned still gets a recovery.
            An answer of “badly” flags the interview. Recruiters can switch it off for one interview when they log it.
          </p>
          {[
            { value: "true", label: "Send candidates a check-in" },
            { value: "false", label: "Don't send check-ins" },
          ].map((option) => (
            <div className="radio-row" key={option.value}>
              <input {...getInputProps(fields.checkInEnabled, { type: "radio", value: option.value })} id={`check-in-${option.value}`} />
              <label htmlFor={`check-in-${option.value}`}>{option.label}</label>
            </div>
          ))}
          <ErrorList errors={fields.checkInEnabled.errors} />
          <Field
            label="Send it this long after the interview ends (hours)"
            hint="1 to 48."
            inputProps={{ ...getInputProps(fields.checkInAfterHours, { type: "number" }), step: 1, inputMode: "numeric" }}
            errors={fields.checkInAfterHours.errors}
          />
        </fieldset>
        <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
