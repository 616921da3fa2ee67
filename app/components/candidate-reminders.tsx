// The recovery's "Remind the candidate by email when a step is due" switch on the interview page, with its state in
// words: on or off, when the next reminder is planned, or why none is. Posts through a fetcher (the page stays put);
// without JavaScript the button posts the page itself, which shows a refusal here.
import { useFetcher } from "@remix-run/react";
import { useRef } from "react";
import type { CandidateReminderPanel } from "~/models/recovery/candidate-reminders.server";
import { CANDIDATE_REMINDERS_INTENT } from "~/models/recovery/candidate-reminder-forms";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { buttonFormErrors, type FormReply } from "~/utils/form-reply";
import { useTimeZone } from "~/utils/use-time-zone";
import { useFocusAfterSubmit } from "./announcer";
import { ErrorList, SubmitButton } from "./forms";

type Panel = Omit<CandidateReminderPanel, "nextAt" | "lastSentAt"> & { nextAt: string | Date | null; lastSentAt: string | Date | null };

export function CandidateReminders({ panel, flagId, action, pageReply }: { panel: Panel; flagId: string; action: string; pageReply?: FormReply | null }) {
  const timeZone = useTimeZone();
  const zone = describeTimeZone(timeZone);
  const fetcher = useFetcher<FormReply>();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const fetcherErrors = fetcher.state === "idle" && fetcher.data ? buttonFormErrors(fetcher.data) : null;
  const errors = fetcherErrors?.length ? fetcherErrors : buttonFormErrors(pageReply);
  useFocusAfterSubmit(fetcher, statusRef, () => statusRef.current?.textContent ?? null);
  const blocked = !panel.on && panel.blocked;
  const state = panel.on
    ? panel.nextAt
      ? `Next reminder planned for ${formatDateTime(panel.nextAt, timeZone)} (${zone}).`
      : `No reminder planned: ${panel.reason ?? "nothing is due"}.`
    : blocked
      ? `Can't be switched on: ${panel.blocked}.`
      : "The candidate gets no reminders from Rebound for this recovery.";
  return (
    <section id="candidate-reminders" className="candidate-reminders" aria-labelledby="candidate-reminders-title">
      {/* The switch names itself; the heading is for moving around the page by headings. */}
      <h3 id="candidate-reminders-title" className="visually-hidden">
        Candidate reminders
      </h3>
      <div className="reminder-row">
        {/* Without JavaScript the browser posts to the fragment, so the answer (and the redirect) comes back here. */}
        <fetcher.Form method="post" action={`${action}#candidate-reminders`} preventScrollReset className="reminder-switch">
          <input type="hidden" name="intent" value={CANDIDATE_REMINDERS_INTENT} />
          <input type="hidden" name="flagId" value={flagId} />
          <input type="hidden" name="on" value={panel.on ? "off" : "on"} />
          <SubmitButton
            fetcher={fetcher}
            className="secondary switch-button"
            role="switch"
            aria-checked={panel.on}
            aria-describedby="candidate-reminders-state"
            disabled={Boolean(blocked)}
            pendingLabel={panel.on ? "Switching off…" : "Switching on…"}
          >
            <span className="switch-track" aria-hidden="true">
              <span className="switch-thumb" />
            </span>
            Remind the candidate by email when a step is due
          </SubmitButton>
        </fetcher.Form>
        <p id="candidate-reminders-state" className="reminder-state" ref={statusRef} tabIndex={-1}>
          <strong>{panel.on ? "On" : "Off"}.</strong> {state}
          {panel.lastSentAt ? <span className="muted"> Last reminder: {formatDateTime(panel.lastSentAt, timeZone)}.</span> : null}
        </p>
      </div>
      <ErrorList errors={errors} alert />
      <details className="reminder-help">
        <summary>How candidate reminders work</summary>
        <p className="hint">
          Rebound emails the candidate their own steps as they fall due, with their coaching page and an unsubscribe
          link: at most one email a day, only between 09:00 and 19:00 ({zone}). Each step is in one reminder at most.
          It stops when the recovery closes, the candidate unsubscribes or every step is done.
        </p>
      </details>
    </section>
  );
}
