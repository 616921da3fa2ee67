import type { StaffActor } from "~/models/audit/events";
import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireCandidateAccess } from "~/models/candidates/candidate-access.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField, SubmitButton } from "~/components/forms";
import { Timeline } from "~/components/timeline";
import { getAgency } from "~/models/agency/agency.server";
import {
  candidateFormSchemas,
  ContactSchema,
  isCandidateFormIntent,
  ReassignSchema,
  StatusSchema,
  type CandidateFormIntent,
} from "~/models/candidates/candidate-forms";
import { getCandidateProfile, listAssignableRecruiters, updateCandidate } from "~/models/candidates/candidate-profile.server";
import { candidateTimeline } from "~/models/timeline/timeline.server";
import { candidacyOutcomes, candidateStatuses, flagSeverities, impressions, interviewRounds, roles, selectOptions } from "~/models/enums";
import { OutcomeForm, OutcomeList } from "~/components/second-interview-panel";
import { secondInterviewSchema } from "~/models/second-interviews/second-interview-forms";
import { recordOutcome } from "~/models/second-interviews/second-interview.server";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { RuleViolation } from "~/utils/errors.server";
import { formRefused, invalidForm, ruleViolationReply, unlessRefused } from "~/utils/form-reply.server";
import { replyFor } from "~/utils/form-reply";
import { StaleEdit } from "~/models/stale-edit.server";
import { invariantResponse } from "~/utils/http.server";
import { redirectWithToast, requireUser } from "~/utils/session.server";
import { EraseCandidateForm } from "~/components/erase-candidate";
import { EraseSchema, PrivacyDetailsSchema } from "~/models/privacy/privacy-forms";
import { updatePrivacyDetails } from "~/models/privacy/contact-preferences.server";
import { PrivacyPanel } from "~/components/privacy-panel";
import { eraseCandidateConfirmed } from "~/models/privacy/erase.server";
import { forbidden } from "~/utils/http.server";
import { isEmailSuppressed, SUPPRESSED_WARNING } from "~/models/privacy/suppression.server";
import privacyStyles from "~/styles/privacy.css";
import type { LinksFunction } from "@remix-run/node";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: privacyStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.candidate.name} · Candidates · Rebound` : "Candidate not found · Rebound" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  await requireCandidateAccess(user, params.candidateId ?? "");
  const candidateId = params.candidateId ?? "";
  const [profile, agency] = await Promise.all([getCandidateProfile(candidateId), getAgency()]);
  invariantResponse(profile, "We couldn't find that candidate. The link may be wrong, or the candidate was removed.");
  const { interviews, outcomes } = profile;
  const [timeline, recruiters] = await Promise.all([
    candidateTimeline(candidateId, { timeZone: agency.timeZone, interviews, outcomes }),
    listAssignableRecruiters(profile.candidate.recruiter.id),
  ]);
  return {
    ...profile,
    timeline,
    recruiters,
    timeZone: agency.timeZone,
    now: new Date().toISOString(),
    canManageData: user.role === "manager",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await requireCandidateAccess(user, params.candidateId ?? "");
  const candidateId = params.candidateId ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  const actor = { userId: user.id };
  const noVersion = { currentVersion: undefined as string | undefined };
  if (intent === "record-outcome") return outcomeAction(request, candidateId, formData, actor);
  if (intent === "erase") return eraseAction(request, candidateId, formData, user);
  if (intent === "update-privacy") return privacyAction(request, candidateId, formData, actor);
  if (!isCandidateFormIntent(intent)) return formRefused();
  const submission = parseWithZod(formData, { schema: candidateFormSchemas[intent] });
  if (submission.status !== "success") return invalidForm(submission, intent, noVersion);
  const { intent: _intent, ...changes } = submission.value;
  try {
    const { changed } = await updateCandidate(candidateId, changes, actor);
    const suppressed = "email" in changes && changed.includes("email") && (await isEmailSuppressed(changes.email));
    return redirectWithToast(request, `/candidates/${candidateId}`, {
      kind: "success",
      detail: suppressed ? SUPPRESSED_WARNING : undefined,
      message: !changed.length
        ? "Nothing changed."
        : intent === "reassign"
          ? "Candidate reassigned."
          : intent === "change-status"
            ? "Status changed."
            : "Contact details saved.",
    });
  } catch (error) {
    if (error instanceof RuleViolation) {
      // A refused stale edit hands back the current version: saving again replaces the other edit.
      const currentVersion = error instanceof StaleEdit ? error.currentVersion : undefined;
      return ruleViolationReply(submission, error, intent, { currentVersion });
    }
    throw error;
  }
}

/** The outcome section's form: an outcome for one of the candidate's applications (interviews). */
async function outcomeAction(request: Request, candidateId: string, formData: FormData, actor: StaffActor) {
  const { timeZone } = await getAgency();
  const submission = parseWithZod(formData, { schema: secondInterviewSchema(timeZone) });
  if (submission.status !== "success" || submission.value.intent !== "record-outcome") return invalidForm(submission, "record-outcome");
  const value = submission.value;
  return unlessRefused(
    submission,
    async () => {
      const { candidateStatus, statusChanged } = await recordOutcome(value, actor, { candidateId });
      return redirectWithToast(request, `/candidates/${candidateId}`, {
        kind: "success",
        message:
          `Outcome recorded: ${candidacyOutcomes.label(value.outcome)}.` +
          (statusChanged ? ` The candidate is now ${candidateStatuses.label(candidateStatus).toLowerCase()}.` : ""),
      });
    },
    "record-outcome",
  );
}

async function privacyAction(request: Request, candidateId: string, formData: FormData, actor: StaffActor) {
  const submission = parseWithZod(formData, { schema: PrivacyDetailsSchema });
  if (submission.status !== "success") return invalidForm(submission, "update-privacy");
  const { intent: _intent, ...input } = submission.value;
  return unlessRefused(
    submission,
    async () => {
      const { changed, queuedMessagesStopped } = await updatePrivacyDetails(candidateId, input, actor);
      return redirectWithToast(request, `/candidates/${candidateId}`, {
        kind: "success",
        message: changed ? "Privacy details saved." : "Nothing changed.",
        detail: queuedMessagesStopped ? `${queuedMessagesStopped} queued email(s) stopped.` : undefined,
      });
    },
    "update-privacy",
  );
}

/** Managers only: a recruiter's post is refused before anything is read. */
async function eraseAction(request: Request, candidateId: string, formData: FormData, user: { id: string; role: string }) {
  if (user.role !== "manager") throw forbidden("Only a manager can erase a candidate.");
  const submission = parseWithZod(formData, { schema: EraseSchema });
  if (submission.status !== "success") return invalidForm(submission, "erase");
  const { reason, note, confirmName } = submission.value;
  return unlessRefused(
    submission,
    async () => {
      await eraseCandidateConfirmed(candidateId, { reason, note, confirmName }, { userId: user.id });
      return redirectWithToast(request, `/candidates/${candidateId}`, {
        kind: "success",
        message: "Candidate erased: their personal data is gone and their address is on the suppression list.",
      });
    },
    "erase",
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

// Without a maxLength attribute the browser doesn't silently cut a pasted value: the person sees why it's refused.
function constraintWithoutMaxLength<T extends Record<string, { maxLength?: number }>>(constraint: T) {
  return Object.fromEntries(
    Object.entries(constraint).map(([name, { maxLength: _maxLength, ...rest }]) => [name, rest]),
  ) as T;
}

function useLastResult(intent: CandidateFormIntent | "record-outcome" | "erase" | "update-privacy") {
  const actionData = useActionData<typeof action>();
  return replyFor(actionData, intent);
}

function ContactForm({ candidate }: { candidate: LoaderData["candidate"] }) {
  const actionData = useActionData<typeof action>();
  const refusedVersion = actionData?.intent === "update-contact" && "currentVersion" in actionData ? (actionData.currentVersion as string | undefined) : undefined;
  const baseVersion = refusedVersion || candidate.contactVersion;
  const [form, fields] = useForm({
    id: "contact",
    constraint: constraintWithoutMaxLength(getZodConstraint(ContactSchema)),
    lastResult: useLastResult("update-contact"),
    shouldRevalidate: "onBlur",
    defaultValue: {
      name: candidate.name,
      email: candidate.email,
      phone: candidate.phone ?? "",
      linkedinUrl: candidate.linkedinUrl ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactSchema }),
  });
  return (
    <Form method="post" className="stacked" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="update-contact" />
      <input type="hidden" name="baseVersion" value={baseVersion} />
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <Field label="Name" inputProps={getInputProps(fields.name, { type: "text" })} errors={fields.name.errors} />
      <Field
        label="Email"
        inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "off" }}
        errors={fields.email.errors}
      />
      <Field
        label="Phone"
        hint="Optional."
        inputProps={{ ...getInputProps(fields.phone, { type: "tel" }), autoComplete: "off" }}
        errors={fields.phone.errors}
      />
      <Field
        label="LinkedIn profile"
        hint="Optional. The full address, like https://www.linkedin.com/in/name."
        inputProps={getInputProps(fields.linkedinUrl, { type: "url" })}
        errors={fields.linkedinUrl.errors}
      />
      <SubmitButton intent="update-contact" pendingLabel="Saving…">
        Save contact details
      </SubmitButton>
    </Form>
  );
}

function ReassignForm({ candidate, recruiters }: { candidate: LoaderData["candidate"]; recruiters: LoaderData["recruiters"] }) {
  const [form, fields] = useForm({
    id: "reassign",
    constraint: getZodConstraint(ReassignSchema),
    lastResult: useLastResult("reassign"),
    defaultValue: { recruiterId: candidate.recruiter.id },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReassignSchema }),
  });
  return (
    <Form method="post" className="stacked" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="reassign" />
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <SelectField
        label="Owning recruiter"
        selectProps={getSelectProps(fields.recruiterId)}
        options={recruiters.map((r) => ({
          value: r.id,
          label: `${r.name}${r.role === "manager" ? ` (${roles.label(r.role).toLowerCase()})` : ""}${r.active ? "" : " (deactivated)"}`,
        }))}
        errors={fields.recruiterId.errors}
      />
      <SubmitButton intent="reassign" className="secondary" pendingLabel="Changing…">
        Change recruiter
      </SubmitButton>
    </Form>
  );
}

function StatusForm({ candidate }: { candidate: LoaderData["candidate"] }) {
  const [form, fields] = useForm({
    id: "status",
    constraint: getZodConstraint(StatusSchema),
    lastResult: useLastResult("change-status"),
    defaultValue: { status: candidate.status },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusSchema }),
  });
  return (
    <Form method="post" className="stacked" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="change-status" />
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <SelectField
        label="Status"
        selectProps={getSelectProps(fields.status)}
        options={selectOptions(candidateStatuses)}
        errors={fields.status.errors}
      />
      <SubmitButton intent="change-status" className="secondary" pendingLabel="Changing…">
        Change status
      </SubmitButton>
    </Form>
  );
}

function InterviewList({ interviews, timeZone }: { interviews: LoaderData["interviews"]; timeZone: string }) {
  if (!interviews.length) return <p className="empty-state">No interviews logged yet.</p>;
  return (
    <table>
      <caption className="visually-hidden">Interviews of this candidate, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Company</th>
          <th scope="col">Role</th>
          <th scope="col">Round</th>
          <th scope="col">Impression</th>
          <th scope="col">Flag</th>
        </tr>
      </thead>
      <tbody>
        {interviews.map((i) => (
          <tr key={i.id}>
            <th scope="row">
              <Link to={`/interviews/${i.id}`}>
                <time dateTime={new Date(i.scheduledAt).toISOString()}>{formatDateTime(i.scheduledAt, timeZone)}</time>
              </Link>
            </th>
            <td>{i.company.name}</td>
            <td>{i.roleTitle}</td>
            <td>{interviewRounds.label(i.round)}</td>
            <td>{impressions.label(i.impression)}</td>
            <td>
              {i.flagSeverity ? (
                <span className={`severity severity-${i.flagSeverity}`}>{flagSeverities.label(i.flagSeverity)}</span>
              ) : (
                "Not flagged"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function OutcomeSection({
  choices,
  outcomes,
  now,
  timeZone,
}: {
  choices: LoaderData["outcomeChoices"];
  outcomes: LoaderData["outcomes"];
  now: string;
  timeZone: string;
}) {
  const lastResult = useLastResult("record-outcome");
  return (
    <section aria-labelledby="outcome-title" className="panel outcome-section">
      <h2 id="outcome-title">Outcome</h2>
      <OutcomeList
        labelledBy="outcome-title"
        outcomes={outcomes.map((o) => ({
          ...o,
          application: o.interviewId ? (
            <Link to={`/interviews/${o.interviewId}`}>
              {o.company ?? "Interview"}
              {o.interview ? ` for ${o.interview.roleTitle}, ${formatDateTime(o.interview.scheduledAt, timeZone)}` : ""}
            </Link>
          ) : (
            o.company
          ),
        }))}
      />
      {choices.length ? (
        <OutcomeForm
          key={`outcome-${outcomes.length}`}
          now={now}
          interviewId={choices[0].id}
          lastResult={lastResult ? { result: lastResult } : undefined}
          applications={choices.map((i) => ({
            value: i.id,
            label: `${i.company.name}, ${i.roleTitle} (${formatDateTime(i.scheduledAt, timeZone)})${i.flagSeverity ? " — flagged" : ""}`,
          }))}
        />
      ) : (
        <p className="empty-state">Log an interview first: an outcome belongs to an application.</p>
      )}
    </section>
  );
}

export default function CandidateProfilePage() {
  const { candidate, interviews, outcomeChoices, timeline, recruiters, outcomes, timeZone, now, canManageData } = useLoaderData<typeof loader>();
  const eraseResult = useLastResult("erase");
  const privacyResult = useLastResult("update-privacy");
  if (candidate.erasedAt) return <ErasedProfile />;
  // Re-mount the forms when the saved values change, so they show what is stored after a save.
  const privacyKey = [candidate.doNotContact, candidate.lawfulBasis, candidate.consentGivenAt, candidate.consentHow, candidate.privacyNoticeSentAt].join("|");
  const formKey = [candidate.name, candidate.email, candidate.phone, candidate.linkedinUrl, candidate.recruiter.id, candidate.status].join("|");
  return (
    <article aria-labelledby="candidate-title" className="candidate-profile">
      <header className="profile-header">
        <h1 id="candidate-title">{candidate.name}</h1>
        <p className="profile-summary">
          <span className={`status-badge status-${candidate.status}`}>{candidateStatuses.label(candidate.status)}</span>{" "}
          · Owned by {candidate.recruiter.name}
          {candidate.recruiter.active ? "" : " (deactivated)"} · {candidate.openFlagCount} open{" "}
          {candidate.openFlagCount === 1 ? "flag" : "flags"}
        </p>
        <p className="profile-contact">
          <a href={`mailto:${candidate.email}`}>{candidate.email}</a>
          {candidate.phone ? (
            <>
              {" · "}
              <a href={`tel:${candidate.phone.replace(/[^\d+]/g, "")}`}>{candidate.phone}</a>
            </>
          ) : null}
          {candidate.linkedinUrl ? (
            <>
              {" · "}
              <a href={candidate.linkedinUrl} rel="noreferrer noopener" target="_blank">
                LinkedIn profile<span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            </>
          ) : null}
        </p>
        <p className="hint">Times are in {describeTimeZone(timeZone)}.</p>
        <p>
          <Link className="button" to={`/interviews/new?candidate=${encodeURIComponent(candidate.id)}`}>
            Log an interview
          </Link>
        </p>
      </header>

      <div className="profile-columns">
        <section aria-labelledby="contact-title" className="panel">
          <h2 id="contact-title">Contact details</h2>
          <ContactForm key={`contact-${formKey}`} candidate={candidate} />
        </section>
        <section aria-labelledby="owner-title" className="panel">
          <h2 id="owner-title">Owner and status</h2>
          <ReassignForm key={`reassign-${formKey}`} candidate={candidate} recruiters={recruiters} />
          <StatusForm key={`status-${formKey}`} candidate={candidate} />
        </section>
      </div>

      <PrivacyPanel key={`privacy-${privacyKey}`} candidate={candidate} timeZone={timeZone} lastResult={privacyResult} />

      <section aria-labelledby="interviews-title">
        <h2 id="interviews-title">Interviews</h2>
        <InterviewList interviews={interviews} timeZone={timeZone} />
      </section>

      <OutcomeSection choices={outcomeChoices} outcomes={outcomes} now={now} timeZone={timeZone} />

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <p className="hint">Newest first. Times are in {describeTimeZone(timeZone)}.</p>
        <Timeline entries={timeline} labelledBy="timeline-title" />
      </section>

      {canManageData ? (
        <>
          <p className="row-actions">
            <a className="button secondary" href={`/candidates/${encodeURIComponent(candidate.id)}/export`} download>
              Export this candidate's data
            </a>{" "}
            <Link to={`/settings/audit?candidate=${encodeURIComponent(candidate.id)}`}>This candidate in the audit log</Link>
          </p>
          <EraseCandidateForm key={`erase-${formKey}`} name={candidate.name} lastResult={eraseResult} />
        </>
      ) : null}
    </article>
  );
}

/** What is left of an erased candidate: their anonymous row, interviews and timeline, which the statistics still count. */
function ErasedProfile() {
  const { candidate, interviews, timeline, timeZone } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="candidate-title" className="candidate-profile">
      <header className="profile-header">
        <h1 id="candidate-title">{candidate.name}</h1>
        <p className="erased-notice" role="status">
          This candidate's personal data was erased on {formatDateTime(candidate.erasedAt!, timeZone)}. What remains (interviews, dates,
          reasons, outcomes) has nothing that identifies them and is kept for the agency's statistics.
        </p>
      </header>
      <section aria-labelledby="interviews-title">
        <h2 id="interviews-title">Interviews</h2>
        <InterviewList interviews={interviews} timeZone={timeZone} />
      </section>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <p className="hint">Newest first. Times are in {describeTimeZone(timeZone)}.</p>
        <Timeline entries={timeline} labelledBy="timeline-title" />
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: ({ error }) => (
          <>
            <h1>Candidate not found</h1>
            <p>{typeof error.data === "string" ? error.data : "We couldn't find that candidate."}</p>
            <p>
              <Link to="/candidates">Back to the candidates</Link>
            </p>
          </>
        ),
      }}
    />
  );
}
