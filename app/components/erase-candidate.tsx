// The manager's "Erase this candidate": folded away, a reason, and the candidate's name typed to confirm.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { ErrorList, Field, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { EraseSchema, erasureReasonOptions } from "~/models/privacy/privacy-forms";

export function EraseCandidateForm({ name, lastResult }: { name: string; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm({
    id: "erase",
    constraint: getZodConstraint(EraseSchema),
    lastResult,
    // While typing, not on blur: a message vanishing on blur moves the button from under the pointer mid-click.
    shouldRevalidate: "onInput",
    defaultValue: { reason: "candidate_request" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EraseSchema }),
  });
  return (
    <details className="panel danger-zone" open={lastResult ? true : undefined}>
      <summary>
        <h2 id="erase-title">Erase this candidate</h2>
      </summary>
      <p>
        Removes their name, contact details, notes, reflection, check-in answers and the text of their emails everywhere in Rebound, cancels
        any email or reminder still waiting, and puts their address on the suppression list. Counts, dates, reasons and outcomes stay, so
        the statistics don't change. <strong>This can't be undone.</strong>
      </p>
      <Form method="post" className="stacked" aria-labelledby="erase-title" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="erase" />
        <ErrorList id={form.errorId} errors={form.errors} alert />
        <SelectField label="Why" selectProps={getSelectProps(fields.reason)} options={erasureReasonOptions} errors={fields.reason.errors} />
        <TextareaField
          label="Note"
          hint="Needed for “Other”. Don't write the candidate's name or details here: the note is kept."
          textareaProps={{ ...getTextareaProps(fields.note), rows: 2 }}
          errors={fields.note.errors}
        />
        <Field
          label={`Type “${name}” to confirm`}
          inputProps={{ ...getInputProps(fields.confirmName, { type: "text" }), autoComplete: "off" }}
          errors={fields.confirmName.errors}
        />
        <SubmitButton intent="erase" className="danger" pendingLabel="Erasing…">
          Erase this candidate
        </SubmitButton>
      </Form>
    </details>
  );
}
