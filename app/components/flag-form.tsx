// The "Flag as gone badly" form, also used (prefilled) to edit a flag. Works without JavaScript.
import { getCollectionProps, getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type Submission, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { forwardRef } from "react";
import { flagReasons, flagSeverities, flagSources, selectOptions } from "~/models/enums";
import { FLAG_LIMITS, InterviewActionSchema } from "~/models/flags/flag-forms";
import { ErrorList, Field, SelectField, SubmitButton, TextareaField } from "./forms";

type FlagFormShape = {
  intent: string;
  flagId?: string;
  reasons: string[];
  otherReason?: string;
  severity: string;
  source: string;
  description?: string;
};

export type FlagFormDefaults = {
  reasons: string[];
  otherReason?: string | null;
  severity: string;
  source: string;
  description?: string | null;
};


export const FlagForm = forwardRef<HTMLHeadingElement, {
  flagId?: string;
  /** The version of the flag the edit starts from (stale-edit.server.ts). */
  baseVersion?: string;
  defaults?: FlagFormDefaults;
  lastResult?: SubmissionResult<string[]> | null;
  cancelTo: string;
}>(function FlagForm({ flagId, baseVersion, defaults, lastResult, cancelTo }, headingRef) {
  const editing = Boolean(flagId);
  const [form, fields] = useForm<FlagFormShape>({
    id: editing ? "edit-flag" : "new-flag",
    constraint: getZodConstraint(InterviewActionSchema),
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
    defaultValue: {
      reasons: defaults?.reasons ?? [],
      otherReason: defaults?.otherReason ?? undefined,
      severity: defaults?.severity ?? "serious",
      source: defaults?.source ?? "recruiter_observed",
      description: defaults?.description ?? undefined,
    },
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: InterviewActionSchema }) as unknown as Submission<FlagFormShape>,
  });
  const titleId = `${form.id}-title`;
  const reasonBoxes = getCollectionProps(fields.reasons, { type: "checkbox", options: [...flagReasons.values] });
  const reasonsErrorId = fields.reasons.errors?.length ? fields.reasons.errorId : undefined;

  return (
    <section aria-labelledby={titleId} className="panel flag-form" id="flag-form">
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {editing ? "Edit the flag" : "Flag as gone badly"}
      </h2>
      <Form method="post" className="stacked" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} alert />
        <input type="hidden" name="intent" value={editing ? "edit-flag" : "flag"} />
        {flagId ? <input type="hidden" name="flagId" value={flagId} /> : null}
        {baseVersion ? <input type="hidden" name="baseVersion" value={baseVersion} /> : null}
        <fieldset aria-describedby={reasonsErrorId} aria-invalid={reasonsErrorId ? true : undefined}>
          <legend>Reasons</legend>
          <p className="hint">Tick every reason that applies.</p>
          <div className="checkbox-list">
            {reasonBoxes.map((props) => (
              <div className="radio-row" key={props.value}>
                <input {...props} id={`${form.id}-reason-${props.value}`} />
                <label htmlFor={`${form.id}-reason-${props.value}`}>{flagReasons.label(props.value)}</label>
              </div>
            ))}
          </div>
          <ErrorList id={fields.reasons.errorId} errors={fields.reasons.errors} />
          <Field
            label="Other reason"
            hint="Needed when you tick “Other”."
            inputProps={{ ...getInputProps(fields.otherReason, { type: "text" }), maxLength: FLAG_LIMITS.otherReason }}
            errors={fields.otherReason.errors}
          />
        </fieldset>
        <SelectField label="Severity" selectProps={getSelectProps(fields.severity)} options={selectOptions(flagSeverities)} errors={fields.severity.errors} />
        <SelectField label="Source" selectProps={getSelectProps(fields.source)} options={selectOptions(flagSources)} errors={fields.source.errors} />
        <TextareaField
          label="Description (optional)"
          hint="What happened, in a few lines: it helps whoever calls the candidate."
          textareaProps={{ ...getTextareaProps(fields.description), maxLength: FLAG_LIMITS.description }}
          errors={fields.description.errors}
        />
        <div className="row-actions">
          <SubmitButton pendingLabel="Saving…">
            {editing ? "Save flag" : "Flag interview"}
          </SubmitButton>
          <Link to={cancelTo}>Cancel</Link>
        </div>
      </Form>
    </section>
  );
});
