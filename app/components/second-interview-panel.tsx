// The "Second interview" panel on /interviews/:id (requests, answers, the second interview, the outcome) and the
// outcome form the candidate profile reuses. Forms post through fetchers, so refused input shows at its field and the
// page stays where it was. Only the form that comes next is open; what is recorded shows as one line each.
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useFetcher } from "@remix-run/react";
import { createContext, useContext, useEffect, useRef, type ComponentProps, type ReactNode } from "react";
import { candidacyOutcomes, interviewFormats, requestChannels, requestedBy, requestResponses, selectOptions } from "~/models/enums";
import { RECOVERY_WINDOW_HOURS } from "~/models/recovery/rules";
import type { SecondInterviewPanelData } from "~/models/second-interviews/second-interview.server";
import { secondInterviewSchema } from "~/models/second-interviews/second-interview-forms";
import { describeTimeZone, formatDate, formatDateTime, toLocalInputValue } from "~/utils/dates";
import type { FormReply } from "~/utils/form-reply";
import { useTimeZone } from "~/utils/use-time-zone";
import { useAnnounce } from "./announcer";
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

/** Which form comes next: record the request → record the answer → schedule → outcome; "done" once decided. */
export type SecondInterviewStage = "request" | "answer" | "schedule" | "outcome" | "done";

export function nextStage(panel: Pick<PanelData, "requests" | "outcomes" | "grantedFrom">): SecondInterviewStage {
  if (panel.outcomes.length) return "done";
  const latest = panel.requests[0];
  // A second interview's own page: what is left is how it ended.
  if (!latest) return panel.grantedFrom ? "outcome" : "request";
  if (latest.response === "pending") return "answer";
  if (latest.response === "granted" && !latest.secondInterview) return "schedule";
  return "outcome";
}

/** What the live region says after a change, worded apart from the toast so both can be found on the page. */
function stageMessage(panel: PanelData, stage: SecondInterviewStage) {
  const latest = panel.requests[0];
  switch (stage) {
    case "request":
      return "Second interview: nothing recorded. Next: record a request.";
    case "answer":
      return "Request saved. Next: the company's answer.";
    case "schedule":
      return "Answer saved: granted. Next: schedule the second interview.";
    case "outcome":
      return latest?.secondInterview
        ? "Second interview booked. Next: the outcome."
        : `Answer saved: ${requestResponses.label(latest?.response ?? "pending").toLowerCase()}. Next: the outcome.`;
    case "done":
      return `Outcome saved: ${candidacyOutcomes.label(panel.outcomes[0]?.outcome ?? "")}.`;
  }
}

export function SecondInterviewPanel({ panel, now, pageReply }: { panel: PanelData; now: string; pageReply?: FormReply | null }) {
  const timeZone = useTimeZone();
  const zone = describeTimeZone(timeZone);
  const base = `/interviews/${panel.interviewId}`;
  // Without JavaScript the browser posts to the fragment and the redirect back keeps it: the page opens here.
  const action = `${base}#second-interview`;
  const stage = nextStage(panel);
  const latest = panel.requests[0];
  const earlier = panel.requests.slice(1);
  const nextRef = useRef<HTMLDivElement>(null);
  const announce = useAnnounce();
  // After any change the forms below swap; focus the heading of what is next and say what happened.
  const signature = JSON.stringify([panel.requests.map((r) => [r.id, r.response, r.respondedAt, r.secondInterview?.id]), panel.outcomes.map((o) => o.id)]);
  const seen = useRef(signature);
  useEffect(() => {
    if (seen.current === signature) return;
    seen.current = signature;
    const heading = nextRef.current?.querySelector<HTMLElement>("[data-stage-heading]");
    if (heading) {
      heading.focus({ preventScroll: true });
      const box = heading.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) heading.scrollIntoView({ block: "nearest" });
    }
    announce(stageMessage(panel, stage));
  }, [signature, panel, stage, announce]);
  // A refused form without JavaScript comes back open, with its errors.
  const requestReply = pageReply?.intent === "record-request";
  const outcomeReply = pageReply?.intent === "record-outcome";
  return (
    <PageReplyContext.Provider value={pageReply ?? null}>
    <section id="second-interview" className="panel second-interview-panel" aria-labelledby="second-interview-title">
      <h2 id="second-interview-title">Second interview</h2>
      {panel.grantedFrom ? (
        <p>
          This is the second interview granted after{" "}
          <Link to={`/interviews/${panel.grantedFrom.interviewId}`}>the interview that went badly</Link>.
        </p>
      ) : null}
      <p className="hint">
        A phone call within {RECOVERY_WINDOW_HOURS} hours of the interview works best. For this interview that window
        closes {formatDateTime(panel.windowEndsAt, timeZone)} ({zone}).
      </p>

      {latest || panel.outcomes.length ? (
        <ol className="si-steps" aria-label="Recorded so far">
          {latest ? (
            <RequestLines
              request={latest}
              action={action}
              now={now}
              another={
                stage === "answer" || stage === "schedule" ? null : (
                  <details className="si-edit" key={`another-${panel.requests.length}`} open={requestReply ? true : undefined}>
                    <summary>Record another request</summary>
                    <RequestForm key={`request-${panel.requests.length}`} action={action} now={now} />
                  </details>
                )
              }
            />
          ) : null}
          {panel.outcomes.length ? (
            <li className="si-line">
              <h3 id="second-interview-outcome-title" className="si-line-title">
                Outcome
              </h3>
              <OutcomeList outcomes={panel.outcomes} labelledBy="second-interview-outcome-title" />
            </li>
          ) : null}
        </ol>
      ) : null}
      {earlier.length ? (
        <details className="si-earlier">
          <summary>
            {earlier.length} earlier request{earlier.length === 1 ? "" : "s"}
          </summary>
          <ol className="si-steps">
            {earlier.map((r) => (
              <RequestLines key={r.id} request={r} action={action} now={now} />
            ))}
          </ol>
        </details>
      ) : null}

      <div ref={nextRef} className="si-next">
        {stage === "request" ? (
          <RequestForm key={`request-${panel.requests.length}`} action={action} now={now} next />
        ) : stage === "answer" && latest ? (
          <ResponseForm key={`${latest.response}-${latest.respondedAt}`} action={action} now={now} request={latest} next />
        ) : stage === "schedule" && latest ? (
          <ScheduleForm action={action} requestId={latest.id} />
        ) : stage === "outcome" ? (
          <OutcomeForm key={`outcome-${panel.outcomes.length}`} action={action} now={now} interviewId={panel.interviewId} />
        ) : (
          <p data-stage-heading tabIndex={-1} className="si-finished">
            Decided: the outcome is recorded above.
          </p>
        )}
      </div>
      {stage === "outcome" ? null : (
        // The outcome can come at any time (a rejection without a second interview): one click away.
        <details className="si-edit" key={`outcome-${panel.outcomes.length}`} open={outcomeReply ? true : undefined}>
          <summary>{stage === "done" ? "Record another outcome" : "Record the outcome now"}</summary>
          <OutcomeForm key={`outcome-${panel.outcomes.length}`} action={action} now={now} interviewId={panel.interviewId} />
        </details>
      )}
    </section>
    </PageReplyContext.Provider>
  );
}

/** One request as short lines: asked (when, by whom, how, on time or late), its answer, its second interview. */
function RequestLines({
  request: r,
  action,
  now,
  another,
}: {
  request: PanelData["requests"][number];
  action: string;
  now: string;
  another?: ReactNode;
}) {
  const timeZone = useTimeZone();
  const titleId = `request-${r.id}-title`;
  const answered = r.response !== "pending" && r.respondedAt;
  const answerReply = usePageReply("record-response", r.id);
  return (
    <>
      <li className="si-line second-interview-request" aria-labelledby={titleId}>
        <p>
          <strong id={titleId}>
            Asked {formatDateTime(r.requestedAt, timeZone)} by {requestedBy.label(r.requestedBy).toLowerCase()},{" "}
            {r.channel === "in_person" ? "in person" : `by ${requestChannels.label(r.channel).toLowerCase()}`}
          </strong>{" "}
          <span className={`badge ${r.withinWindow ? "request-on-time" : "request-late"}`}>{r.withinWindow ? "On time" : "Late"}</span>{" "}
          <span className="muted">Made {r.timing}.</span>
        </p>
        {r.advice ? <p className="hint">{r.advice}</p> : null}
        {r.note ? <p className="notes">{r.note}</p> : null}
        {another}
      </li>
      {answered ? (
        <li className="si-line">
          <p>
            <strong>Answer:</strong> {requestResponses.label(r.response)} on {formatDateTime(r.respondedAt as Date, timeZone)}
            <span className="muted"> · recorded by {r.recordedBy}</span>
          </p>
          {r.secondInterview ? null : (
            <details className="si-edit" key={`${r.response}-${r.respondedAt}`} open={answerReply ? true : undefined}>
              <summary>
                Edit<span className="visually-hidden"> the answer</span>
              </summary>
              <ResponseForm key={`${r.response}-${r.respondedAt}`} action={action} now={now} request={r} />
            </details>
          )}
        </li>
      ) : null}
      {r.secondInterview ? (
        <li className="si-line">
          <p>
            <strong>Second interview:</strong> {formatDateTime(r.secondInterview.scheduledAt, timeZone)},{" "}
            {interviewFormats.label(r.secondInterview.format).toLowerCase()}
            {r.secondInterview.interviewerName ? ` with ${r.secondInterview.interviewerName}` : ""} —{" "}
            <Link to={`/interviews/${r.secondInterview.id}`}>Open the second interview</Link>
          </p>
        </li>
      ) : null}
    </>
  );
}

function RequestForm({ action, now, next }: { action: string; now: string; next?: boolean }) {
  const timeZone = useTimeZone();
  const fetcher = useFetcher<Reply>();
  const pageReply = usePageReply("record-request");
  const [form, fields] = useSecondInterviewForm(next ? "second-interview-request" : "second-interview-request-again", fetcher.data ?? pageReply, {
    requestedAt: toLocalInputValue(now, timeZone),
    requestedBy: "candidate",
    channel: "phone",
  });
  return (
    <fetcher.Form method="post" action={action} className="stacked" preventScrollReset {...getFormProps(form)} aria-labelledby={`${form.id}-title`}>
      <h3 id={`${form.id}-title`} className="si-form-title" data-stage-heading={next ? "" : undefined} tabIndex={-1}>
        {next ? "Next: record a request" : "Another request"}
      </h3>
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

function ResponseForm({ action, now, request, next }: { action: string; now: string; request: PanelData["requests"][number]; next?: boolean }) {
  const timeZone = useTimeZone();
  const fetcher = useFetcher<Reply>();
  const pageReply = usePageReply("record-response", request.id);
  const [form, fields] = useSecondInterviewForm(`response-${request.id}${next ? "" : "-edit"}`, fetcher.data ?? pageReply, {
    response: request.response,
    respondedAt: toLocalInputValue(request.respondedAt ?? now, timeZone),
  });
  return (
    <fetcher.Form method="post" action={action} className="stacked inline-form" preventScrollReset {...getFormProps(form)} aria-labelledby={`${form.id}-title`}>
      <h3 id={`${form.id}-title`} className="si-form-title" data-stage-heading={next ? "" : undefined} tabIndex={-1}>
        {next ? "Next: the company's answer" : "Change the answer"}
      </h3>
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
    <fetcher.Form method="post" action={action} className="stacked" preventScrollReset {...getFormProps(form)} aria-labelledby={titleId}>
      <h3 id={titleId} className="si-form-title" data-stage-heading="" tabIndex={-1}>
        Next: schedule the second interview
      </h3>
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
    <FormComponent
      method="post"
      action={action}
      className="stacked"
      preventScrollReset
      {...getFormProps(form)}
      aria-labelledby={`${form.id}-title`}
    >
      <h4 id={`${form.id}-title`} className="si-form-title" data-stage-heading="" tabIndex={-1}>
        Record the outcome
      </h4>
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
