// The recovery checklist on the interview page: progress, then one compact row per step (state in words, owner, due,
// Done and Skip inline; guidance and the note on demand).
import { useFetcher } from "@remix-run/react";
import { useId, useRef } from "react";
import type { PendingFetcher } from "~/utils/use-is-pending";
import { useFocusAfterSubmit } from "./announcer";
import { checklistRunStatuses, stepOwners, stepStatuses } from "~/models/enums";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { useTimeZone } from "~/utils/use-time-zone";
import { ErrorList, SubmitButton } from "./forms";

type When = string | Date;

export type ChecklistView = {
  id: string;
  status: string;
  startedAt: When;
  completedAt: When | null;
  cancelledAt: When | null;
  playbookVersion: { version: number };
  progress: { finished: number; total: number };
  earlierCancelled: number;
  steps: Array<{
    id: string;
    status: string;
    dueAt: When;
    /** Set when the usual due time had passed when the flag was logged, so the step is due a grace after the flag. */
    usualDueAt?: When | null;
    note: string | null;
    /** The note this page shows, as a version (stale-edit.server.ts). */
    noteVersion?: string;
    completedAt: When | null;
    completedByCandidate: boolean;
    completedBy: { name: string } | null;
    step: { title: string; guidance: string; staffNote?: string | null; owner: string; position: number };
  }>;
};

/** The last refused step action, so its message and note show at that step. */
export type StepActionResult = { stepStateId?: string; note?: string; errors: string[]; currentVersion?: string } | null;

export function stateOf(step: { status: string; dueAt: When }, now: Date) {
  if (step.status === "pending" && new Date(step.dueAt) < now) return "overdue";
  return step.status;
}

/** "2 hours": how long after the flag (when the run started) a step moved by the grace is due. */
function hoursAfter(start: When, due: When) {
  const hours = Math.round((new Date(due).getTime() - new Date(start).getTime()) / 3600_000);
  return hours === 1 ? "1 hour" : `${hours} hours`;
}

const stateLabel = (state: string) => (state === "overdue" ? "Overdue" : stepStatuses.label(state));

export function RecoveryChecklist({
  checklist,
  now,
  action,
  refused,
  recoveryClosedAt = null,
}: {
  checklist: ChecklistView;
  /** When the recovery closed: its checklist is finished and read-only until it is reopened. */
  recoveryClosedAt?: When | null;
  now: When;
  action: string;
  refused: StepActionResult;
}) {
  const timeZone = useTimeZone();
  const zone = describeTimeZone(timeZone);
  const nowDate = new Date(now);
  const cancelled = checklist.status === "cancelled";
  const readOnly = cancelled || Boolean(recoveryClosedAt);
  const { finished, total } = checklist.progress;
  const progressId = useId();
  return (
    <section className="panel checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">Recovery checklist</h2>
      {cancelled && checklist.cancelledAt ? (
        <p className="notice checklist-cancelled" role="status">
          <strong>Checklist cancelled</strong> when the flag was removed on {formatDateTime(checklist.cancelledAt, timeZone)} ({zone}).
          Its steps are kept below for the record. Flagging the interview again starts a new checklist.
        </p>
      ) : recoveryClosedAt ? (
        <p className="notice" role="status">
          <strong>Finished</strong>: the recovery closed on {formatDateTime(recoveryClosedAt, timeZone)} ({zone}). Steps nobody
          did are marked “not needed”. Reopen the recovery to work on them again.
        </p>
      ) : null}
      <p className="muted">
        {checklistRunStatuses.label(checklist.status)} · playbook version {checklist.playbookVersion.version} · started{" "}
        {formatDateTime(checklist.startedAt, timeZone)}
        {checklist.status === "completed" && checklist.completedAt ? ` · completed ${formatDateTime(checklist.completedAt, timeZone)}` : ""}.
        {" "}Due times are in {zone}.
        {checklist.earlierCancelled > 0
          ? ` ${checklist.earlierCancelled} earlier checklist${checklist.earlierCancelled === 1 ? " was" : "s were"} cancelled with a removed flag.`
          : ""}
      </p>
      <div className="checklist-progress">
        <label htmlFor={progressId}>Progress</label>
        <progress id={progressId} max={total} value={finished} aria-describedby={`${progressId}-text`}>
          {finished} of {total}
        </progress>
        <span id={`${progressId}-text`}>
          {finished} of {total} steps done or skipped
        </span>
      </div>
      <ol className="checklist-steps">
        {checklist.steps.map((s) => (
          <ChecklistRow
            key={s.id}
            step={s}
            state={stateOf(s, nowDate)}
            startedAt={checklist.startedAt}
            action={action}
            readOnly={readOnly}
            refused={refused?.stepStateId === s.id ? refused : null}
          />
        ))}
      </ol>
    </section>
  );
}

type StepRow = ChecklistView["steps"][number];
type StepReply = { intent?: string | null; result?: { error?: Record<string, string[] | null | undefined>; initialValue?: Record<string, unknown> }; currentVersion?: string };

/**
 * One compact row per step: title, state in words, owner, due; Done and Skip (or Undo) inline; guidance and the note
 * behind a disclosure. Its forms post through a fetcher, so the page stays where it is; without JavaScript they post
 * the page to "#step-…", and the browser comes back to this row (the redirect keeps the fragment).
 */
function ChecklistRow({
  step: s,
  state,
  startedAt,
  action,
  readOnly,
  refused,
}: {
  step: StepRow;
  state: string;
  startedAt: When;
  action: string;
  readOnly: boolean;
  refused: StepActionResult;
}) {
  const timeZone = useTimeZone();
  const titleId = `step-${s.id}-title`;
  const fetcher = useFetcher<StepReply>();
  const titleRef = useRef<HTMLHeadingElement>(null);
  // With JavaScript the fetcher holds the refusal; without it the page's own reply does.
  const reply = fetcher.state === "idle" ? fetcher.data : undefined;
  const fetcherErrors = reply?.result?.error ? Object.values(reply.result.error).flatMap((e) => e ?? []) : null;
  const errors = fetcherErrors?.length ? fetcherErrors : refused?.errors.length ? refused.errors : null;
  const refusedNote = fetcherErrors?.length ? reply?.result?.initialValue?.note : refused?.note;
  const currentVersion = (fetcherErrors?.length ? reply?.currentVersion : refused?.currentVersion) || undefined;
  // The message is composed once the page shows the new state; remember which button was pressed.
  const lastIntent = useRef<unknown>(null);
  if (fetcher.formData) lastIntent.current = fetcher.formData.get("intent");
  // A successful tick or skip says what it did; the page's reloaded data may still be on its way when the fetcher
  // settles (another form on the page revalidating), so the words come from the intent, not from the row's state.
  useFocusAfterSubmit(fetcher, titleRef, () => {
    const intent = lastIntent.current;
    if (intent === "step-note") return `${s.step.title}: your note is kept.`;
    const status = intent === "step-done" ? "done" : intent === "step-skip" ? "skipped" : stateOf(s, new Date());
    return `${s.step.title}: ${stateLabel(status).toLowerCase()}.`;
  });
  const formAction = `${action}#step-${s.id}`;
  const hasNote = Boolean(s.note);
  return (
    <li id={`step-${s.id}`} className={`checklist-step step-${state}`} aria-labelledby={titleId}>
      <div className="step-row">
        <h3 id={titleId} ref={titleRef} tabIndex={-1}>
          {s.step.title}
        </h3>
        <p className="step-meta">
          <span className={`badge step-state step-state-${state}`}>{stateLabel(state)}</span>{" "}
          <span>
            <span className="visually-hidden">Owner: </span>
            {stepOwners.label(s.step.owner)}
          </span>{" "}
          ·{" "}
          <span>
            Due <time dateTime={new Date(s.dueAt).toISOString()}>{formatDateTime(s.dueAt, timeZone)}</time>
          </span>
          {s.status === "not_needed" && s.completedAt ? (
            <>
              {" · "}
              <span>Not needed: the recovery closed on {formatDateTime(s.completedAt, timeZone)}</span>
            </>
          ) : s.status !== "pending" && s.completedAt ? (
            <>
              {" · "}
              <span>
                {s.status === "done" ? "Done" : "Skipped"} by {s.completedByCandidate ? "the candidate" : (s.completedBy?.name ?? "someone")} on{" "}
                {formatDateTime(s.completedAt, timeZone)}
              </span>
            </>
          ) : null}
        </p>
        {readOnly ? null : (
          <fetcher.Form method="post" action={formAction} className="step-buttons" preventScrollReset>
            <input type="hidden" name="stepStateId" value={s.id} />
            {s.status === "pending" ? (
              <>
                <StepButton fetcher={fetcher} intent="step-done" stepStateId={s.id} title={s.step.title}>
                  Mark done
                </StepButton>
                <StepButton fetcher={fetcher} intent="step-skip" stepStateId={s.id} title={s.step.title} secondary>
                  Skip
                </StepButton>
              </>
            ) : (
              <StepButton fetcher={fetcher} intent="step-reopen" stepStateId={s.id} title={s.step.title} secondary>
                Undo
              </StepButton>
            )}
          </fetcher.Form>
        )}
      </div>
      <ErrorList errors={errors} alert />
      {/* Open on demand; a refused note keeps it open so its message and the words typed are in sight. */}
      <details className="step-details" open={errors ? true : undefined}>
        <summary>
          {readOnly ? (hasNote ? "Guidance and note" : "Guidance") : hasNote ? "Guidance and note" : "Guidance, add a note"}
          <span className="visually-hidden"> for {s.step.title}</span>
        </summary>
        {s.usualDueAt ? (
          <p className="hint">
            Usually due {formatDateTime(s.usualDueAt, timeZone)}, which had passed when the flag was logged, so it is due{" "}
            {hoursAfter(startedAt, s.dueAt)} after the flag instead.
          </p>
        ) : null}
        <p className="step-guidance">{s.step.guidance}</p>
        {s.step.staffNote ? (
          <p className="staff-note">
            <strong>For staff:</strong> {s.step.staffNote}
          </p>
        ) : null}
        {readOnly ? (
          s.note ? <p className="step-note">Note: {s.note}</p> : null
        ) : (
          <fetcher.Form method="post" action={formAction} className="step-actions" preventScrollReset>
            <input type="hidden" name="stepStateId" value={s.id} />
            <input type="hidden" name="baseVersion" value={(errors && currentVersion) || s.noteVersion} />
            <div className="field">
              <label htmlFor={`note-${s.id}`}>
                Note<span className="visually-hidden"> on “{s.step.title}”</span> (optional)
              </label>
              <textarea
                id={`note-${s.id}`}
                name="note"
                rows={2}
                maxLength={2000}
                key={`${s.noteVersion ?? ""}-${errors ? "refused" : "saved"}`}
                defaultValue={errors && typeof refusedNote === "string" ? refusedNote : (s.note ?? "")}
              />
            </div>
            <div className="row-actions">
              <StepButton fetcher={fetcher} intent="step-note" stepStateId={s.id} title={s.step.title} secondary>
                Save note
              </StepButton>
            </div>
          </fetcher.Form>
        )}
      </details>
    </li>
  );
}

function StepButton({
  fetcher,
  intent,
  stepStateId,
  title,
  secondary,
  children,
}: {
  fetcher: PendingFetcher;
  intent: string;
  stepStateId: string;
  title: string;
  secondary?: boolean;
  children: string;
}) {
  return (
    // Only the button that was pressed shows progress, not the same button of every other step.
    <SubmitButton
      fetcher={fetcher}
      name="intent"
      value={intent}
      subject={{ name: "stepStateId", value: stepStateId }}
      className={secondary ? "secondary" : undefined}
      pendingLabel="Saving…"
      aria-label={`${children}: ${title}`}
    >
      {children}
    </SubmitButton>
  );
}
