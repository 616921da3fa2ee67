// Managers edit the recovery playbook: every save is a new version; running checklists keep the one they started with.
import { invalidForm, ruleViolationReply } from "~/utils/form-reply.server";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type FieldMetadata } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { getAgency } from "~/models/agency/agency.server";
import { PlaybookFormSchema, stepsToSave, stepToForm, type PlaybookForm } from "~/models/recovery/checklist-forms";
import { stepOwners, selectOptions } from "~/models/enums";
import { PLAYBOOK_LIMITS } from "~/models/recovery/playbook";
import { currentPlaybook, savePlaybook } from "~/models/recovery/playbook.server";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { RuleViolation } from "~/utils/errors.server";
import { redirectWithToast, requireManager } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Checklist · Settings · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  const [playbook, agency] = await Promise.all([currentPlaybook(), getAgency()]);
  return { playbook, timeZone: agency.timeZone };
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireManager(request);
  const submission = parseWithZod(await request.formData(), { schema: PlaybookFormSchema });
  // Without JavaScript, "Move up", "Add a step" and the like come here too (status undefined): send the list back.
  if (submission.status !== "success") {
    // A list edit (status undefined) is not a refusal: the page comes back with the list as edited.
    return submission.status === "error" ? invalidForm(submission) : data({ intent: null, result: submission.reply() }, { status: 200 });
  }
  try {
    const saved = await savePlaybook({ baseVersion: submission.value.baseVersion, steps: stepsToSave(submission.value) }, { userId: me.id });
    return redirectWithToast(request, "/settings/checklist", {
      kind: "success",
      message: `Checklist saved as version ${saved.version}. New flags use it; checklists already running keep their version.`,
    });
  } catch (error) {
    if (error instanceof RuleViolation) {
      return ruleViolationReply(submission, new RuleViolation(error.message));
    }
    throw error;
  }
}

const newStep = { title: "", guidance: "", staffNote: "", owner: "candidate", dueHours: "24", dueLocalTime: "" };

export default function ChecklistSettingsPage() {
  const { playbook, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<PlaybookForm>({
    id: `playbook-v${playbook.version}`,
    constraint: getZodConstraint(PlaybookFormSchema),
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
    defaultValue: { baseVersion: String(playbook.version), steps: playbook.steps.map(stepToForm) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlaybookFormSchema }),
  });
  const steps = fields.steps.getFieldList();
  const savedBy = playbook.createdBy ? `by ${playbook.createdBy.name}` : "as Rebound's default playbook";
  return (
    <section aria-labelledby="checklist-settings-title" className="playbook-settings">
      <h2 id="checklist-settings-title">Recovery checklist</h2>
      <p>
        <strong>Version {playbook.version}</strong>, saved {formatDateTime(playbook.createdAt, timeZone)} ({describeTimeZone(timeZone)}){" "}
        {savedBy}.
      </p>
      <p className="hint">
        Every flagged interview gets a checklist from these steps. Saving creates version {playbook.version + 1}: checklists
        already running keep the version they started with, new flags use the newest. Due times count from the end of
        the interview; with a time of day, the step is due at the first such time after that, in the agency's zone.
      </p>
      <Form method="post" className="stacked" {...getFormProps(form)}>
        <input {...getInputProps(fields.baseVersion, { type: "hidden" })} />
        <ErrorList id={form.errorId} errors={form.errors} alert />
        <ErrorList id={fields.steps.errorId} errors={fields.steps.errors} alert />
        <ol className="playbook-steps">
          {steps.map((step, index) => (
            <li key={step.key}>
              <StepFieldset
                step={step}
                index={index}
                count={steps.length}
                moveButton={(to) => form.reorder.getButtonProps({ name: fields.steps.name, from: index, to })}
              />
            </li>
          ))}
        </ol>
        <div className="row-actions">
          <button
            className="secondary"
            disabled={steps.length >= PLAYBOOK_LIMITS.steps}
            {...form.insert.getButtonProps({ name: fields.steps.name, defaultValue: newStep })}
          >
            Add a step
          </button>
          <SubmitButton pendingLabel="Saving…">Save checklist</SubmitButton>
        </div>
      </Form>
    </section>
  );
}

type StepFields = FieldMetadata<PlaybookForm["steps"][number]>;

function StepFieldset({
  step,
  index,
  count,
  moveButton,
}: {
  step: StepFields;
  index: number;
  count: number;
  moveButton: (to: number) => { name: string; value: string; form: string; formNoValidate: boolean };
}) {
  const f = step.getFieldset();
  const n = index + 1;
  return (
    <fieldset className="playbook-step">
      <legend>Step {n}</legend>
      <ErrorList errors={step.errors} />
      <Field label="Title" inputProps={getInputProps(f.title, { type: "text" })} errors={f.title.errors} />
      <TextareaField
        label="Guidance"
        hint="Candidates read it on their page: write it to them."
        textareaProps={{ ...getTextareaProps(f.guidance), rows: 3 }}
        errors={f.guidance.errors}
      />
      <TextareaField
        label="Note for staff (optional)"
        hint="Shown on staff pages only, never to the candidate."
        textareaProps={{ ...getTextareaProps(f.staffNote), rows: 2 }}
        errors={f.staffNote.errors}
      />
      <div className="playbook-step-row">
        <SelectField
          label="Owner"
          selectProps={getSelectProps(f.owner)}
          options={selectOptions(stepOwners)}
          errors={f.owner.errors}
        />
        <Field
          label="Due, hours after the interview ends"
          inputProps={{ ...getInputProps(f.dueHours, { type: "number" }), step: "any", min: 0, inputMode: "decimal" }}
          errors={f.dueHours.errors}
        />
        <Field
          label="At time of day (optional)"
          hint="For example 09:00 for “the next morning at 9”."
          inputProps={getInputProps(f.dueLocalTime, { type: "time" })}
          errors={f.dueLocalTime.errors}
        />
      </div>
      <div className="row-actions">
        <div className="checkbox-row">
          <input {...getInputProps(f.retire, { type: "checkbox" })} />
          <label htmlFor={f.retire.id}>Retire this step (leave it out of the next version)</label>
        </div>
        <button className="secondary" {...moveButton(index - 1)} disabled={index === 0}>
          Move up<span className="visually-hidden"> step {n}</span>
        </button>
        <button className="secondary" {...moveButton(index + 1)} disabled={index === count - 1}>
          Move down<span className="visually-hidden"> step {n}</span>
        </button>
      </div>
    </fieldset>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
