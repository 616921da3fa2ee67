// The recovery checklist on the interview page: progress, each step's due time and state in words, and its actions.
import { Form } from "@remix-run/react";
import { useId } from "react";
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
        {checklist.steps.map((s) => {
          const state = stateOf(s, nowDate);
          const titleId = `step-${s.id}-title`;
          const errors = refused?.stepStateId === s.id ? refused.errors : null;
          return (
            <li key={s.id} className={`checklist-step step-${state}`} aria-labelledby={titleId}>
              <h3 id={titleId}>{s.step.title}</h3>
              <p className="step-meta">
                <span className={`badge step-state step-state-${state}`}>{stateLabel(state)}</span>{" "}
                <span>Owner: {stepOwners.label(s.step.owner)}</span> ·{" "}
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
                      {s.status === "done" ? "Done" : "Skipped"} by{" "}
                      {s.completedByCandidate ? "the candidate" : (s.completedBy?.name ?? "someone")} on{" "}
                      {formatDateTime(s.completedAt, timeZone)}
                    </span>
                  </>
                ) : null}
              </p>
              {s.usualDueAt ? (
                <p className="hint">
                  Usually due {formatDateTime(s.usualDueAt, timeZone)}, which had passed when the flag was logged, so it is
                  due {hoursAfter(checklist.startedAt, s.dueAt)} after the flag instead.
                </p>
              ) : null}
              <details>
                <summary>
                  Guidance<span className="visually-hidden"> for {s.step.title}</span>
                </summary>
                <p>{s.step.guidance}</p>
                {s.step.staffNote ? (
                  <p className="staff-note">
                    <strong>For staff:</strong> {s.step.staffNote}
                  </p>
                ) : null}
              </details>
              {readOnly ? (
                s.note ? <p className="step-note">Note: {s.note}</p> : null
              ) : (
                <Form method="post" action={action} className="step-actions" preventScrollReset>
                  <input type="hidden" name="stepStateId" value={s.id} />
                  <input type="hidden" name="baseVersion" value={(errors && refused?.currentVersion) || s.noteVersion} />
                  <ErrorList errors={errors} alert />
                  <div className="field">
                    <label htmlFor={`note-${s.id}`}>
                      Note<span className="visually-hidden"> on “{s.step.title}”</span> (optional)
                    </label>
                    <textarea
                      id={`note-${s.id}`}
                      name="note"
                      rows={2}
                      maxLength={2000}
                      defaultValue={errors && refused?.note !== undefined ? refused.note : (s.note ?? "")}
                    />
                  </div>
                  <div className="row-actions">
                    {s.status === "pending" ? (
                      <>
                        <StepButton intent="step-done" stepStateId={s.id} title={s.step.title}>
                          Mark done
                        </StepButton>
                        <StepButton intent="step-skip" stepStateId={s.id} title={s.step.title} secondary>
                          Skip
                        </StepButton>
                      </>
                    ) : (
                      <StepButton intent="step-reopen" stepStateId={s.id} title={s.step.title} secondary>
                        Undo
                      </StepButton>
                    )}
                    <StepButton intent="step-note" stepStateId={s.id} title={s.step.title} secondary>
                      Save note
                    </StepButton>
                  </div>
                </Form>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function StepButton({
  intent,
  stepStateId,
  title,
  secondary,
  children,
}: {
  intent: string;
  stepStateId: string;
  title: string;
  secondary?: boolean;
  children: string;
}) {
  return (
    // Only the button that was pressed shows progress, not the same button of every other step.
    <SubmitButton
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
