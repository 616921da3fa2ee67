// Where the interview's recovery stands, on its page: the state, the one 24-hour window, a late flag's notice, a
// snooze or the closing, and the small forms that close, reopen, snooze and wake it (open one at a time).
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { forwardRef } from "react";
import { closingReasons, handClosingReasons, recoveryStates, selectOptions } from "~/models/enums";
import { recoverySchema } from "~/models/recovery/recovery-forms";
import { RECOVERY_WINDOW_HOURS } from "~/models/recovery/rules";
import { describeDeadline, describeTimeZone, formatDateTime, toLocalInputValue } from "~/utils/dates";
import { useTimeZone } from "~/utils/use-time-zone";
import { ErrorList, Field, SelectField, SubmitButton, TextareaField } from "./forms";

type Recovery = {
  id: string;
  recoveryState: string;
  windowClosesAt: string | Date;
  lateNotice: string | null;
  closedAt: string | Date | null;
  closedReason: string | null;
  closedNote: string | null;
  closedBy: { name: string } | null;
  snoozedUntil: string | Date | null;
  snoozeNote: string | null;
  snoozedBy: { name: string } | null;
};

export function RecoveryStatus({ recovery, now, action, badges }: { recovery: Recovery; now: string; action: string; badges?: React.ReactNode }) {
  const timeZone = useTimeZone();
  const zone = describeTimeZone(timeZone);
  const nowDate = new Date(now);
  const windowCloses = new Date(recovery.windowClosesAt);
  const snoozed = recovery.snoozedUntil && new Date(recovery.snoozedUntil) > nowDate ? new Date(recovery.snoozedUntil) : null;

  if (recovery.closedAt) {
    return (
      <div className="recovery-status">
        <p>
          {badges} <span className="badge flag-resolved">Recovery closed</span>{" "}
          <strong>{closingReasons.label(recovery.closedReason ?? "")}</strong>, {recovery.closedBy ? `by ${recovery.closedBy.name} ` : "by Rebound "}
          on {formatDateTime(recovery.closedAt, timeZone)} ({zone}).
        </p>
        {recovery.closedNote ? <p className="notes">{recovery.closedNote}</p> : null}
        <Form method="post" action={action} className="row-actions recovery-reopen">
          <input type="hidden" name="intent" value="reopen-recovery" />
          <input type="hidden" name="flagId" value={recovery.id} />
          <SubmitButton intent="reopen-recovery" className="secondary" pendingLabel="Reopening…">
            Reopen recovery
          </SubmitButton>
        </Form>
      </div>
    );
  }

  return (
    <div className="recovery-status">
      <p>
        {badges} <span className="badge flag-open">{recoveryStates.label(recovery.recoveryState)}</span>
      </p>
      <p className={windowCloses < nowDate ? "recovery overdue" : "recovery"}>
        <strong>Recovery window:</strong> phone within {RECOVERY_WINDOW_HOURS} hours of the interview&apos;s end, by{" "}
        {formatDateTime(windowCloses, timeZone)} ({zone}) — <strong>{describeDeadline(windowCloses, nowDate)}</strong>.
      </p>
      {recovery.lateNotice ? (
        <p className="notice" role="note">
          {recovery.lateNotice}
        </p>
      ) : null}
      {snoozed ? (
        <div className="notice snoozed" role="note">
          <p>
            <strong>Snoozed</strong> until {formatDateTime(snoozed, timeZone)} ({zone})
            {recovery.snoozedBy ? ` by ${recovery.snoozedBy.name}` : ""}: it is out of every queue until then.
          </p>
          {recovery.snoozeNote ? <p className="notes">{recovery.snoozeNote}</p> : null}
          <Form method="post" action={action}>
            <input type="hidden" name="intent" value="wake-recovery" />
            <input type="hidden" name="flagId" value={recovery.id} />
            <SubmitButton intent="wake-recovery" className="secondary" pendingLabel="Waking…">
              End snooze now
            </SubmitButton>
          </Form>
        </div>
      ) : null}
    </div>
  );
}

type FormProps = { recoveryId: string; action: string; cancelTo: string; lastResult: SubmissionResult<string[]> | null };

function useRecoveryForm(id: string, lastResult: SubmissionResult<string[]> | null, defaultValue: Record<string, string>) {
  const timeZone = useTimeZone();
  return useForm({
    id,
    lastResult,
    // On input, not on blur: choosing another reason clears the note's error before the click, so the button doesn't
    // jump away from under the pointer as the error line disappears.
    shouldRevalidate: "onInput",
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: recoverySchema(timeZone) }),
  });
}

/** Close by hand: why it is over, and for "resolved", how. Outcomes (hired, rejected…) close it from "Record outcome". */
export const CloseRecoveryForm = forwardRef<HTMLHeadingElement, FormProps>(function CloseRecoveryForm(
  { recoveryId, action, cancelTo, lastResult },
  ref,
) {
  const [form, fields] = useRecoveryForm("close-recovery", lastResult, { reason: "resolved_by_hand" });
  return (
    <Form method="post" action={action} className="stacked notice" {...getFormProps(form)} aria-labelledby="close-recovery-title">
      <h3 id="close-recovery-title" ref={ref} tabIndex={-1}>
        Close this recovery
      </h3>
      <p className="hint">
        Its checklist finishes (steps not done become “not needed”) and it leaves every queue. A hire or a rejection is
        recorded under “Second interview → Record outcome”, which closes the recovery too.
      </p>
      <input type="hidden" name="intent" value="close-recovery" />
      <input type="hidden" name="flagId" value={recoveryId} />
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <SelectField label="Why is it over?" selectProps={getSelectProps(fields.reason)} options={selectOptions(handClosingReasons)} errors={fields.reason.errors} />
      <TextareaField
        label="Closing note"
        hint="Required for “Resolved”: say how. Optional otherwise."
        textareaProps={{ ...getTextareaProps(fields.note), rows: 3 }}
        errors={fields.note.errors}
      />
      <div className="row-actions">
        <SubmitButton intent="close-recovery" pendingLabel="Closing…">
          Close recovery
        </SubmitButton>
        <Link to={cancelTo}>Cancel</Link>
      </div>
    </Form>
  );
});

/** Snooze: out of every queue until a date and time, with an optional note; it comes back by itself. */
export const SnoozeRecoveryForm = forwardRef<HTMLHeadingElement, FormProps & { now: string }>(function SnoozeRecoveryForm(
  { recoveryId, action, cancelTo, lastResult, now },
  ref,
) {
  const timeZone = useTimeZone();
  const tomorrowMorning = new Date(new Date(now).getTime() + 24 * 3600_000);
  const [form, fields] = useRecoveryForm("snooze-recovery", lastResult, { until: toLocalInputValue(tomorrowMorning, timeZone) });
  return (
    <Form method="post" action={action} className="stacked notice" {...getFormProps(form)} aria-labelledby="snooze-recovery-title">
      <h3 id="snooze-recovery-title" ref={ref} tabIndex={-1}>
        Snooze this recovery
      </h3>
      <input type="hidden" name="intent" value="snooze-recovery" />
      <input type="hidden" name="flagId" value={recoveryId} />
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <Field
        label="Back in the queues on"
        hint={`Date and time in ${describeTimeZone(timeZone)}; at most 90 days ahead.`}
        inputProps={getInputProps(fields.until, { type: "datetime-local" })}
        errors={fields.until.errors}
      />
      <TextareaField label="Snooze note" hint="Optional: why, for whoever picks it up." textareaProps={{ ...getTextareaProps(fields.note), rows: 2 }} errors={fields.note.errors} />
      <div className="row-actions">
        <SubmitButton intent="snooze-recovery" pendingLabel="Snoozing…">
          Snooze
        </SubmitButton>
        <Link to={cancelTo}>Cancel</Link>
      </div>
    </Form>
  );
});
