// The candidate profile's "Privacy and contact": whether they may be emailed (and why not), the lawful basis for
// holding their data, the privacy notice, and the form that changes them.
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { ErrorList, Field, SelectField, SubmitButton } from "~/components/forms";
import { lawfulBasisLabel, lawfulBasisOptions, PrivacyDetailsSchema } from "~/models/privacy/privacy-forms";
import { formatDate, toDateInputValue } from "~/utils/dates";

type DateLike = Date | string | null;
export type PrivacyCandidate = {
  name: string;
  emailOptOut: boolean;
  optedOutAt: DateLike;
  doNotContact: boolean;
  doNotContactAt: DateLike;
  lawfulBasis: string | null;
  consentGivenAt: DateLike;
  consentHow: string | null;
  privacyNoticeSentAt: DateLike;
};

const on = (value: DateLike, timeZone: string) => (value ? ` on ${formatDate(value, timeZone)}` : "");

export function EmailPermission({ candidate, timeZone }: { candidate: PrivacyCandidate; timeZone: string }) {
  // Words first: the badge's colour only repeats what the text says.
  if (candidate.doNotContact) {
    return <p className="contact-status contact-blocked">⛔ Do not contact: staff set this{on(candidate.doNotContactAt, timeZone)}. No email goes out, reminders and check-ins included.</p>;
  }
  if (candidate.emailOptOut) {
    return <p className="contact-status contact-blocked">⛔ Unsubscribed{on(candidate.optedOutAt, timeZone)} by the candidate. No email goes out, reminders and check-ins included.</p>;
  }
  return <p className="contact-status">✓ Emails allowed.</p>;
}

export function PrivacyPanel({
  candidate,
  timeZone,
  lastResult,
}: {
  candidate: PrivacyCandidate;
  timeZone: string;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const day = (value: DateLike) => (value ? toDateInputValue(value, timeZone) : "");
  const [form, fields] = useForm({
    id: "privacy",
    constraint: getZodConstraint(PrivacyDetailsSchema),
    lastResult,
    shouldRevalidate: "onInput",
    defaultValue: {
      lawfulBasis: candidate.lawfulBasis ?? "",
      consentGivenAt: day(candidate.consentGivenAt),
      consentHow: candidate.consentHow ?? "",
      privacyNoticeSentAt: day(candidate.privacyNoticeSentAt),
      doNotContact: candidate.doNotContact ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PrivacyDetailsSchema }),
  });
  return (
    <section aria-labelledby="privacy-title" className="panel">
      <h2 id="privacy-title">Privacy and contact</h2>
      <EmailPermission candidate={candidate} timeZone={timeZone} />
      <p>
        Lawful basis: <strong>{lawfulBasisLabel(candidate.lawfulBasis)}</strong>
        {candidate.lawfulBasis === "consent" && candidate.consentGivenAt ? ` (given${on(candidate.consentGivenAt, timeZone)}${candidate.consentHow ? `, ${candidate.consentHow}` : ""})` : ""}
        . Privacy notice: {candidate.privacyNoticeSentAt ? `sent${on(candidate.privacyNoticeSentAt, timeZone)}` : "not recorded"}.
      </p>
      <details open={lastResult ? true : undefined}>
        <summary>Change privacy details</summary>
        <Form method="post" className="stacked" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="update-privacy" />
          <ErrorList id={form.errorId} errors={form.errors} alert />
          <SelectField label="Lawful basis" selectProps={getSelectProps(fields.lawfulBasis)} options={lawfulBasisOptions} errors={fields.lawfulBasis.errors} />
          <Field
            label="Consent given on"
            hint="With consent as the basis."
            inputProps={getInputProps(fields.consentGivenAt, { type: "date" })}
            errors={fields.consentGivenAt.errors}
          />
          <Field
            label="How consent was given"
            hint="For example: registration form, by phone to their recruiter."
            inputProps={getInputProps(fields.consentHow, { type: "text" })}
            errors={fields.consentHow.errors}
          />
          <Field
            label="Privacy notice sent on"
            inputProps={getInputProps(fields.privacyNoticeSentAt, { type: "date" })}
            errors={fields.privacyNoticeSentAt.errors}
          />
          <div className="checkbox-row">
            <input {...getInputProps(fields.doNotContact, { type: "checkbox" })} />
            <label htmlFor={fields.doNotContact.id}>Do not contact: send this candidate no email at all</label>
          </div>
          <ErrorList errors={fields.doNotContact.errors} />
          <SubmitButton intent="update-privacy" className="secondary" pendingLabel="Saving…">
            Save privacy details
          </SubmitButton>
        </Form>
      </details>
    </section>
  );
}
