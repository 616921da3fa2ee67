// "Log an interview": pick or create the candidate, find or create the client company, record how it went.
import { invalidForm, ruleViolationReply } from "~/utils/form-reply.server";
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { candidateScope, scopeAllowsCandidate } from "~/models/candidates/candidate-access.server";
import { CandidatePicker, describeChoice } from "~/components/candidate-picker";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField, SubmitButton, TextareaField } from "~/components/forms";
import { getAgency } from "~/models/agency/agency.server";
import { DuplicateCandidateEmail, getCandidateChoice } from "~/models/candidates/candidate.server";
import { listCompanies } from "~/models/interviews/company.server";
import { impressions, interviewFormats, interviewRounds, selectOptions } from "~/models/enums";
import { LIMITS, logInterviewSchema } from "~/models/interviews/interview-forms";
import { logInterview } from "~/models/interviews/interview.server";
import { describeTimeZone } from "~/utils/dates";
import { RuleViolation } from "~/utils/errors.server";
import { redirectWithToast, requireUser } from "~/utils/session.server";
import { isEmailSuppressed, SUPPRESSED_WARNING } from "~/models/privacy/suppression.server";
import { useTimeZone } from "~/utils/use-time-zone";

export const meta: MetaFunction = () => [{ title: "Log an interview · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const candidateParam = new URL(request.url).searchParams.get("candidate");
  const visible = candidateParam && candidateParam.length <= 40 && (await scopeAllowsCandidate(await candidateScope(user), candidateParam));
  const [companies, preselected, agency] = await Promise.all([listCompanies(), visible ? getCandidateChoice(candidateParam) : null, getAgency()]);
  return { companies, preselected, checkIn: { enabled: agency.checkInEnabled, afterHours: agency.checkInAfterHours } };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { timeZone } = await getAgency();
  const submission = parseWithZod(await request.formData(), { schema: logInterviewSchema(timeZone) });
  if (submission.status !== "success") {
    return invalidForm(submission, null, { duplicate: null });
  }
  const v = submission.value;
  const existingId = v.useCandidateId ?? v.candidateId;
  const scope = await candidateScope(user);
  try {
    const logged = await logInterview(
      {
        candidate:
          v.useCandidateId || v.candidateMode === "existing"
            ? { kind: "existing", id: existingId, text: existingId ? undefined : v.candidateQuery }
            : { kind: "new", name: v.candidateName!, email: v.candidateEmail!, phone: v.candidatePhone, linkedinUrl: v.candidateLinkedinUrl },
        companyName: v.companyName,
        roleTitle: v.roleTitle,
        round: v.round,
        format: v.format,
        scheduledAt: v.scheduledAt,
        interviewerName: v.interviewerName,
        impression: v.impression,
        notes: v.notes,
        checkIn: v.checkIn,
      },
      { userId: user.id },
      scope,
    );
    // A new candidate with an erased candidate's address is added, with a warning: nothing will be emailed to them.
    const detail = logged.candidateCreated && (await isEmailSuppressed(v.candidateEmail ?? "")) ? SUPPRESSED_WARNING : undefined;
    if (logged.wentBadly) {
      return redirectWithToast(request, `/interviews/${logged.interviewId}?flag=new`, {
        kind: "success",
        message: `Interview logged for ${logged.candidateName}. It went badly: flag it now to start the 24-hour recovery window.`,
        detail,
      });
    }
    return redirectWithToast(request, `/interviews/${logged.interviewId}`, {
      kind: "success",
      message: `Interview logged for ${logged.candidateName}.`,
      detail,
    });
  } catch (error) {
    if (error instanceof RuleViolation) {
      if (error instanceof DuplicateCandidateEmail && !(await scopeAllowsCandidate(scope, error.existing.id))) {
        // The address is taken by another recruiter's candidate: say so without showing who.
        const hidden = new RuleViolation("This email belongs to another recruiter's candidate.", error.field ?? "candidateEmail");
        return ruleViolationReply(submission, hidden, null, { duplicate: null });
      }
      // A taken email offers the candidate who has it, so the recruiter can pick them instead.
      const duplicate = error instanceof DuplicateCandidateEmail ? error.existing : null;
      return ruleViolationReply(submission, error, null, { duplicate });
    }
    throw error;
  }
}


export default function LogInterviewPage() {
  const { companies, preselected, checkIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const timeZone = useTimeZone();
  const schema = logInterviewSchema(timeZone);
  const [form, fields] = useForm({
    id: "log-interview",
    constraint: getZodConstraint(schema),
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
    defaultValue: {
      candidateMode: "existing",
      candidateId: preselected?.id,
      candidateQuery: preselected ? describeChoice(preselected) : undefined,
      round: "first",
      format: "in_person",
      impression: "unknown",
      checkIn: "on",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const duplicate = actionData?.duplicate;
  const text = (field: typeof fields.roleTitle, max: number) => ({ ...getInputProps(field, { type: "text" }), maxLength: max });

  return (
    <section aria-labelledby="log-interview-title">
      <h1 id="log-interview-title">Log an interview</h1>
      <Form method="post" className="stacked panel log-interview-form" {...getFormProps(form)}>
        {/* Enter in a field presses the first submit button in the form: keep that "Log interview", not "Use … instead". */}
        {duplicate ? <button type="submit" hidden tabIndex={-1} aria-hidden="true" /> : null}
        <ErrorList id={form.errorId} errors={form.errors} alert />

        <fieldset>
          <legend>Candidate</legend>
          <div className="radio-row">
            <input {...getInputProps(fields.candidateMode, { type: "radio", value: "existing" })} id="candidate-mode-existing" />
            <label htmlFor="candidate-mode-existing">An existing candidate</label>
          </div>
          <div className="radio-row">
            <input {...getInputProps(fields.candidateMode, { type: "radio", value: "new" })} id="candidate-mode-new" />
            <label htmlFor="candidate-mode-new">A new candidate</label>
          </div>
          <ErrorList errors={fields.candidateMode.errors} />

          {/* Both sections are always in the page, so the form works without JavaScript; CSS shows the chosen one. */}
          <div className="candidate-existing">
            <CandidatePicker
              key={form.key}
              label="Find a candidate"
              hint="Type a name or email and choose from the suggestions, or type their exact email address."
              queryName={fields.candidateQuery.name}
              idName={fields.candidateId.name}
              defaultQuery={fields.candidateQuery.initialValue as string | undefined}
              defaultId={fields.candidateId.initialValue as string | undefined}
              errors={fields.candidateQuery.errors}
              errorId={fields.candidateQuery.errorId}
            />
          </div>
          <div className="candidate-new stacked-fields">
            <Field label="Candidate name" inputProps={text(fields.candidateName, LIMITS.name)} errors={fields.candidateName.errors} />
            <Field
              label="Candidate email"
              inputProps={{ ...getInputProps(fields.candidateEmail, { type: "email" }), maxLength: LIMITS.email, autoComplete: "off" }}
              errors={fields.candidateEmail.errors}
            />
            {duplicate ? (
              <div className="notice duplicate-candidate" role="status">
                <p>
                  This email belongs to <Link to={`/candidates/${duplicate.id}`}>{duplicate.name}</Link> ({duplicate.email}).
                </p>
                <button type="submit" name="useCandidateId" value={duplicate.id} className="secondary" formNoValidate>
                  Use {duplicate.name} instead
                </button>
              </div>
            ) : null}
            <Field
              label="Phone (optional)"
              inputProps={{ ...getInputProps(fields.candidatePhone, { type: "tel" }), maxLength: LIMITS.phone }}
              errors={fields.candidatePhone.errors}
            />
            <Field
              label="LinkedIn URL (optional)"
              inputProps={{ ...getInputProps(fields.candidateLinkedinUrl, { type: "url" }), maxLength: LIMITS.linkedinUrl }}
              errors={fields.candidateLinkedinUrl.errors}
            />
          </div>
        </fieldset>

        <Field
          label="Client company"
          hint="Choose a company from the suggestions or type a new one; it is added if it's new."
          inputProps={{ ...text(fields.companyName, LIMITS.companyName), list: "company-options", autoComplete: "off" }}
          errors={fields.companyName.errors}
        />
        <datalist id="company-options">
          {companies.map((c) => (
            <option key={c.id} value={c.name} />
          ))}
        </datalist>
        <Field label="Role title" inputProps={text(fields.roleTitle, LIMITS.roleTitle)} errors={fields.roleTitle.errors} />
        <SelectField label="Round" selectProps={getSelectProps(fields.round)} options={selectOptions(interviewRounds)} errors={fields.round.errors} />
        <SelectField label="Format" selectProps={getSelectProps(fields.format)} options={selectOptions(interviewFormats)} errors={fields.format.errors} />
        <Field
          label="Date and time"
          hint={`Agency time: ${describeTimeZone(timeZone)}`}
          inputProps={getInputProps(fields.scheduledAt, { type: "datetime-local" })}
          errors={fields.scheduledAt.errors}
        />
        <Field
          label="Interviewer's name (optional)"
          inputProps={text(fields.interviewerName, LIMITS.interviewerName)}
          errors={fields.interviewerName.errors}
        />
        <SelectField
          label="Impression"
          selectProps={getSelectProps(fields.impression)}
          options={selectOptions(impressions)}
          errors={fields.impression.errors}
        />
        <p className="hint">Choosing “Went badly” takes you straight to the flag form.</p>
        <TextareaField
          label="Notes (optional)"
          textareaProps={{ ...getTextareaProps(fields.notes), maxLength: LIMITS.notes, rows: 5 }}
          errors={fields.notes.errors}
        />
        {checkIn.enabled ? (
          <div>
            <div className="checkbox-row">
              <input {...getInputProps(fields.checkIn, { type: "checkbox" })} aria-describedby="check-in-hint" />
              <label htmlFor={fields.checkIn.id}>Ask the candidate how it went</label>
            </div>
            <p className="hint" id="check-in-hint">
              A short “How did it go?” email {checkIn.afterHours} hour{checkIn.afterHours === 1 ? "" : "s"} after the
              interview ends. If they answer “badly”, the interview is flagged and you are told.
            </p>
          </div>
        ) : null}
        <div className="row-actions">
          <SubmitButton pendingLabel="Logging…">Log interview</SubmitButton>
          <Link to="/interviews">Cancel</Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
