// The "Second interview" panel on /interviews/:id (requests, answers, the second interview, the outcome) and the
// outcome form the candidate profile reuses. Forms post through fetchers, so refused input shows at its field.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useFetcher } from "@remix-run/react";
import { createContext, useContext, type ComponentProps, type ReactNode } from "react";
import { candidacyOutcomes, interviewFormats, requestChannels, requestedBy, requestResponses, selectOptions } from "~/models/enums";
import { RECOVERY_WINDOW_HOURS } from "~/models/recovery/rules";
import type { SecondInterviewPanelData } from "~/models/second-interviews/second-interview.server";
import { secondInterviewSchema } from "~/models/second-interviews/second-interview-forms";
import { describeTimeZone, formatDate, formatDateTime, toLocalInputValue } from "~/utils/dates";
import type { FormReply } from "~/utils/form-reply";
import { useTimeZone } from "~/utils/use-time-zone";
import { ErrorList, Field, SelectField, SubmitButton, TextareaField } from "./forms";

type Reply = { result: SubmissionResult<string[]> } | undefined;
type PanelData = SecondInterviewPanelData;

/**
 * The page's own reply to a refused form of this panel. With JavaScript the forms post through fetchers and read
 * their fetcher's reply; without it the browser posts the page itself, which renders again with this reply.
 */
const PageReplyContext = createContext<FormReply | null>(null);

function usePageReply(intent: string, requestId?: string): Reply {
  const reply = useContext(PageReplyContext);
  if (!reply || reply.intent !== intent) return undefined;
  if (requestId !== undefined && reply.result.initialValue?.requestId !== requestId) return undefined;
  return { result: reply.result };
}

/** A Conform form for one intent, validated on the client with the server's schema. */
function useSecondInterviewForm(id: string, lastResult: Reply, defaultValue: Record<string, string>) {
  const timeZone = useTimeZone();
  return useForm({
    id,
    lastResult: lastResult?.result,
    shouldRevalidate: "onBlur",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: secondInterviewSchema(timeZone) }),
  });
}

export function SecondInterviewPanel({ panel, now, pageReply }: { panel: PanelData; now: string; pageReply?: FormReply | null }) {
  const timeZone = useTimeZone();
  const zone = describeTimeZone(timeZone);
  const action = `/interviews/${panel.interviewId}`;
  return (
    <PageReplyContext.Provider value={pageReply ?? null}>
    <section className="panel second-interview-panel" aria-labelledby="second-interview-title">
      <h2 id="second-interview-title">Second interview</h2>
      {panel.grantedFrom ? (
        <p>
          This is the second interview granted after{" "}
          <Link to={`/interviews/${panel.grantedFrom.interviewId}`}>the interview that went badly</Link>.
        </p>
      ) : null}
      <p className="hint">
        The articles say a phone call within {RECOVERY_WINDOW_HOURS} hours of the interview works best. For this
        interview that window closes {formatDateTime(panel.windowEndsAt, timeZone)} ({zone}).
      </p>

      <h3 id="second-interview-requests-title">Requests</h3>
      {panel.requests.length ? (
        <ul className="second-interview-requests" aria-labelledby="second-interview-requests-title">
          {panel.requests.map((r) => (
            <RequestItem key={r.id} request={r} action={action} now={now} />
          ))}
        </ul>
      ) : (
        <p className="empty-state">No second interview asked for yet.</p>
      )}
      <RequestForm key={`request-${panel.requests.length}`} action={action} now={now} />

      <h3 id="second-interview-outcome-title">Outcome</h3>
      <OutcomeList outcomes={panel.outcomes} labelledBy="second-interview-outcome-title" />
      <OutcomeForm key={`outcome-${panel.outcomes.length}`} action={action} now={now} interviewId={panel.interviewId} />
    </section>
    </PageReplyContext.Provider>
  );
}

function RequestItem({ request: r, action, now }: { request: PanelData["requests"][number]; action: string; now: string }) {
  const timeZone = useTimeZone();
  const titleId = `request-${r.id}-title`;
  const answered = r.response !== "pending" && r.respondedAt;
  return (
    <li className="second-interview-request" aria-labelledby={titleId}>
      <h4 id={titleId}>
        Asked {formatDateTime(r.requestedAt, timeZone)} by {requestedBy.label(r.requestedBy).toLowerCase()},{" "}
        {r.channel === "in_person" ? "in person" : `by ${requestChannels.label(r.channel).toLowerCase()}`}
      </h4>
      <p>
        <span className={`badge ${r.withinWindow ? "request-on-time" : "request-late"}`}>
          {r.withinWindow ? "On time" : "Late"}
        </span>{" "}
        Made {r.timing}.
      </p>
      {r.advice ? <p className="hint">{r.advice}</p> : null}
      {r.note ? <p className="notes">{r.note}</p> : null}
      <p>
        <strong>Answer:</strong> {requestResponses.label(r.response)}
        {answered ? ` on ${formatDateTime(r.respondedAt as Date, timeZone)}` : ""}
        <span className="muted"> · recorded by {r.recordedBy}</span>
      </p>
      {r.secondInterview ? (
        <p>
          <strong>Second interview:</strong> {formatDateTime(r.secondInterview.scheduledAt, timeZone)},{" "}
          {interviewFormats.label(r.secondInterview.format).toLowerCase()}
          {r.secondInterview.interviewerName ? ` with ${r.secondInterview.interviewerName}` : ""} —{" "}
          <Link to={`/interviews/${r.secondInterview.id}`}>Open the second interview</Link>
        </p>
      ) : (
        <>
          <ResponseForm key={`${r.response}-${r.respondedAt}`} action={action} now={now} request={r} />
          {r.response === "granted" ? <ScheduleForm action={action} requestId={r.id} /> : null}
        </>
      )}
    </li>
  );
}

function RequestForm({ action, now }: { action: string; now: string }) {
  const timeZone = useTimeZone();
  const fetcher = useFetcher<Reply>();
  const pageReply = usePageReply("record-request");
  const [form, fields] = useSecondInterviewForm("second-interview-request", fetcher.data ?? pageReply, {
    requestedAt: toLocalInputValue(now, timeZone),
    requestedBy: "candidate",
    channel: "phone",
  });
  return (
    <fetcher.Form method="post" action={action} className="stacked" {...getFormProps(form)} aria-labelledby="record-request-title">
      <h4 id="record-request-title">Record a request</h4>
      <input type="hidden" name="intent" value="record-request" />
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <Field
        label="Asked on"
        hint={`Date and time in ${describeTimeZone(timeZone)}.`}
        inputProps={getInputProps(fields.requestedAt, { type: "datetime-local" })}
        errors={fields.requestedAt.errors}
      />
      <SelectField label="Asked by" selectProps={getSelectProps(fields.requestedBy)} options={selectOptions(requestedBy)} errors={fields.requestedBy.errors} />
      <SelectField label="Channel" selectProps={getSelectProps(fields.channel)} options={selectOptions(requestChannels)} errors={fields.channel.errors} />
      <TextareaField label="Note about the request" hint="Optional." textareaProps={getTextareaProps(fields.note)} errors={fields.note.errors} />
      <SubmitButton fetcher={fetcher} pendingLabel="Recording…">
        Record request
      </SubmitButton>
    </fetcher.Form>
  );
}

function ResponseForm({ action, now, request }: { action: string; now: string; request: PanelData["requests"][number] }) {
  const timeZone = useTimeZone();
  const fetcher = useFetcher<Reply>();
  const pageReply = usePageReply("record-response", request.id);
  const [form, fields] = useSecondInterviewForm(`response-${request.id}`, fetcher.data ?? pageReply, {
    response: request.response,
    respondedAt: toLocalInputValue(request.respondedAt ?? now, timeZone),
  });
  return (
    <fetcher.Form method="post" action={action} className="stacked inline-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="record-response" />
      <input type="hidden" name="requestId" value={request.id} />
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <SelectField label="Answer" selectProps={getSelectProps(fields.response)} options={selectOptions(requestResponses)} errors={fields.response.errors} />
      <Field
        label="Answered on"
        hint="Not needed while the answer is pending."
        inputProps={getInputProps(fields.respondedAt, { type: "datetime-local" })}
        errors={fields.respondedAt.errors}
      />
      <SubmitButton className="secondary" fetcher={fetcher} pendingLabel="Saving…">
        Save answer
      </SubmitButton>
    </fetcher.Form>
  );
}

function ScheduleForm({ action, requestId }: { action: string; requestId: string }) {
  const timeZone = useTimeZone();
  const fetcher = useFetcher<Reply>();
  const titleId = `schedule-${requestId}-title`;
  const pageReply = usePageReply("schedule-second-interview", requestId);
  const [form, fields] = useSecondInterviewForm(`schedule-${requestId}`, fetcher.data ?? pageReply, { format: "in_person" });
  return (
    <fetcher.Form method="post" action={action} className="stacked" {...getFormProps(form)} aria-labelledby={titleId}>
      <h5 id={titleId}>Schedule the second interview</h5>
      <input type="hidden" name="intent" value="schedule-second-interview" />
      <input type="hidden" name="requestId" value={requestId} />
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <Field
        label="Date and time of the second interview"
        hint={`In ${describeTimeZone(timeZone)}.`}
        inputProps={getInputProps(fields.scheduledAt, { type: "datetime-local" })}
        errors={fields.scheduledAt.errors}
      />
      <SelectField label="Format" selectProps={getSelectProps(fields.format)} options={selectOptions(interviewFormats)} errors={fields.format.errors} />
      <Field label="Interviewer" hint="Optional." inputProps={getInputProps(fields.interviewerName, { type: "text" })} errors={fields.interviewerName.errors} />
      <SubmitButton fetcher={fetcher} pendingLabel="Scheduling…">
        Schedule the second interview
      </SubmitButton>
    </fetcher.Form>
  );
}

type OutcomeItem = {
  id: string;
  outcome: string;
  decidedAt: Date | string;
  startDate: Date | string | null;
  note: string | null;
  recordedBy: string;
  /** On the profile: which application it closes. */
  application?: ReactNode;
};

export function OutcomeList({ outcomes, labelledBy }: { outcomes: OutcomeItem[]; labelledBy: string }) {
  const timeZone = useTimeZone();
  if (!outcomes.length) return <p className="empty-state">No outcome recorded yet.</p>;
  return (
    <ul className="outcome-list" aria-labelledby={labelledBy}>
      {outcomes.map((o) => (
        <li key={o.id}>
          <strong className={`badge outcome-${o.outcome}`}>{candidacyOutcomes.label(o.outcome)}</strong>
          {o.application ? <> — {o.application}</> : null} · decided {formatDateTime(o.decidedAt, timeZone)}
          {o.startDate ? ` · starts ${formatDate(o.startDate, timeZone)}` : ""}
          <span className="muted"> · recorded by {o.recordedBy}</span>
          {o.note ? <p className="notes">{o.note}</p> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Records an outcome. On the interview page it posts to the panel's route through a fetcher; on the profile it
 * posts to the profile (`lastResult` from its action) with a choice of application.
 */
export function OutcomeForm({
  action,
  now,
  interviewId,
  applications,
  lastResult,
}: {
  action?: string;
  now: string;
  interviewId?: string;
  applications?: Array<{ value: string; label: string }>;
  lastResult?: Reply;
}) {
  const fetcher = useFetcher<Reply>();
  const viaFetcher = Boolean(action);
  const FormComponent = (viaFetcher ? fetcher.Form : Form) as (props: ComponentProps<typeof Form>) => ReactNode;
  const timeZone = useTimeZone();
  const pageReply = usePageReply("record-outcome");
  const [form, fields] = useSecondInterviewForm(`outcome-${interviewId ?? "profile"}`, viaFetcher ? (fetcher.data ?? pageReply) : lastResult, {
    interviewId: interviewId ?? "",
    outcome: "hired",
    decidedAt: toLocalInputValue(now, timeZone),
  });
  return (
    <FormComponent method="post" action={action} className="stacked" {...getFormProps(form)} aria-labelledby="record-outcome-title">
      <h4 id="record-outcome-title">Record the outcome</h4>
      <input type="hidden" name="intent" value="record-outcome" />
      <ErrorList id={form.errorId} errors={form.errors} alert />
      {applications ? (
        <SelectField
          label="Application"
          selectProps={getSelectProps(fields.interviewId)}
          options={applications}
          errors={fields.interviewId.errors}
        />
      ) : (
        <input type="hidden" name="interviewId" value={interviewId} />
      )}
      <SelectField label="Outcome" selectProps={getSelectProps(fields.outcome)} options={selectOptions(candidacyOutcomes)} errors={fields.outcome.errors} />
      <Field
        label="Decided on"
        hint={`Date and time in ${describeTimeZone(timeZone)}.`}
        inputProps={getInputProps(fields.decidedAt, { type: "datetime-local" })}
        errors={fields.decidedAt.errors}
      />
      <Field
        label="Start date"
        hint="Required when hired: the first day of the new job."
        inputProps={getInputProps(fields.startDate, { type: "date" })}
        errors={fields.startDate.errors}
      />
      <TextareaField label="Note about the outcome" hint="Optional." textareaProps={getTextareaProps(fields.note)} errors={fields.note.errors} />
      <SubmitButton fetcher={viaFetcher ? fetcher : undefined} intent="record-outcome" pendingLabel="Recording…">
        Record outcome
      </SubmitButton>
    </FormComponent>
  );
}
