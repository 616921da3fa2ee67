// The dashboard's inbox for today: each section a few items with the next action one click away, and a count that
// links to the full list. Also used, one section at a time, by the paginated full lists (/inbox/<section>).
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { flagSeverities, interviewRounds, requestChannels, requestedBy } from "~/models/enums";
import { describeDeadline, formatDateTime, formatTime } from "~/utils/dates";
import { buttonFormErrors, type FormReply } from "~/utils/form-reply";
import { useIsPending } from "~/utils/use-is-pending";
import { useTimeZone } from "~/utils/use-time-zone";

type When = string | Date;
type Person = { id: string; name: string };

/** Snoozes are per recovery: every item snoozes its recovery from the interview page's short form. */
export function SnoozeLink({ interviewId, name }: { interviewId: string; name: string }) {
  return (
    <Link to={`/interviews/${interviewId}?flag=snooze`}>
      Snooze<span className="visually-hidden"> the recovery of {name}</span>
    </Link>
  );
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A section of the inbox: heading with its count, a few items, and "All N →" to the full list. A count the server
 * stopped at its cap (`capped`) reads "99+" and links "More →": the full list has the exact figure.
 */
export function InboxSection({
  id,
  title,
  total,
  capped = false,
  shown,
  allHref,
  empty,
  children,
}: {
  id: string;
  title: string;
  total: number;
  capped?: boolean;
  shown: number;
  allHref: string;
  empty: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className="inbox-section">
      <h2 id={`${id}-title`}>
        {title}{" "}
        <span className="count-badge">
          {total}
          {capped ? <>+<span className="visually-hidden"> (more than {total})</span></> : null}
        </span>
      </h2>
      {shown ? children : <p className="empty-state">{empty}</p>}
      {total > 0 ? (
        <p className="inbox-all">
          <Link to={allHref}>
            {capped ? "More" : `All ${total}`}
            <span className="visually-hidden"> {title.toLowerCase()}</span> <span aria-hidden="true">→</span>
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export type CallItem = {
  flagId: string;
  interviewId: string;
  candidate: { id: string; name: string; phone: string | null };
  company: string;
  roleTitle: string;
  recruiter: Person;
  severity: string;
  timeLeft: string;
  callStep: { id: string; title: string } | null;
};

/** Marks the checklist's call step done from the dashboard: one button, its refusal shown beside it. */
function MarkCallDone({ item, reply }: { item: CallItem; reply?: (FormReply & { stepStateId?: string }) | null }) {
  const step = item.callStep;
  const pending = useIsPending({ intent: "call-done", subject: step ? { name: "stepStateId", value: step.id } : undefined });
  if (!step) return null;
  const errors = reply?.intent === "call-done" && reply.stepStateId === step.id ? buttonFormErrors(reply) : null;
  const errorId = `call-error-${step.id}`;
  return (
    <Form method="post" className="inline-form" preventScrollReset>
      <input type="hidden" name="intent" value="call-done" />
      <input type="hidden" name="interviewId" value={item.interviewId} />
      <input type="hidden" name="stepStateId" value={step.id} />
      <button type="submit" className="small" disabled={pending} aria-describedby={errors ? errorId : undefined}>
        {pending ? "Saving…" : "Mark call done"}
        <span className="visually-hidden"> for {item.candidate.name}</span>
      </button>
      {errors ? (
        <span id={errorId} className="field-error" role="alert">
          {errors.join(" ")}
        </span>
      ) : null}
    </Form>
  );
}

export function CallList({ items, showRecruiter, reply }: { items: CallItem[]; showRecruiter: boolean; reply?: (FormReply & { stepStateId?: string }) | null }) {
  return (
    <ol className="inbox-list" aria-label="Calls due inside the window, least time left first">
      {items.map((item) => (
        <li key={item.flagId} className="inbox-item">
          <p className="inbox-line">
            <span className="badge badge-urgent">{sentence(item.timeLeft)}</span>{" "}
            <Link to={`/interviews/${item.interviewId}`}>
              {item.candidate.name} at {item.company}
            </Link>{" "}
            <span className={`badge severity-${item.severity}`}>{flagSeverities.label(item.severity)}</span>
          </p>
          <div className="inbox-actions">
            <MarkCallDone item={item} reply={reply} />
            {item.candidate.phone ? <a href={`tel:${item.candidate.phone.replace(/[^\d+]/g, "")}`}>Call {item.candidate.phone}</a> : null}
            <SnoozeLink interviewId={item.interviewId} name={item.candidate.name} />
            {showRecruiter ? <span className="muted">{item.recruiter.name}</span> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

export type UpcomingItem = {
  id: string;
  scheduledAt: When;
  roleTitle: string;
  round: string;
  flagSeverity: string | null;
  day: "today" | "tomorrow";
  company: { name: string };
  candidate: { id: string; name: string; recruiter: Person };
};

export function UpcomingList({ items, showRecruiter }: { items: UpcomingItem[]; showRecruiter: boolean }) {
  const timeZone = useTimeZone();
  return (
    <ol className="inbox-list" aria-label="Interviews today and tomorrow, earliest first">
      {items.map((i) => (
        <li key={i.id} className="inbox-item">
          <p className="inbox-line">
            <span className="badge">{i.day === "today" ? "Today" : "Tomorrow"}</span>{" "}
            <time dateTime={new Date(i.scheduledAt).toISOString()}>{formatTime(i.scheduledAt, timeZone)}</time>{" "}
            <Link to={`/interviews/${i.id}`}>
              {i.candidate.name}
              <span className="visually-hidden">'s interview</span>
            </Link>{" "}
            <span className="muted">
              {i.company.name}, {interviewRounds.label(i.round).toLowerCase()}
              {showRecruiter ? ` · ${i.candidate.recruiter.name}` : ""}
            </span>
          </p>
        </li>
      ))}
    </ol>
  );
}

export type ActivityItem = { id: string; at: When; candidate: Person; recruiter: Person; interviewId: string | null; what: string };

export function ActivityList({ items, showRecruiter }: { items: ActivityItem[]; showRecruiter: boolean }) {
  const timeZone = useTimeZone();
  return (
    <ol className="inbox-list" aria-label="Candidate activity, newest first">
      {items.map((a) => (
        <li key={a.id} className="inbox-item">
          <p className="inbox-line">
            <Link to={a.interviewId ? `/interviews/${a.interviewId}` : `/candidates/${a.candidate.id}`}>{a.candidate.name}</Link> {a.what}{" "}
            <span className="muted">
              <time dateTime={new Date(a.at).toISOString()}>{formatDateTime(a.at, timeZone)}</time>
              {showRecruiter ? ` · ${a.recruiter.name}` : ""}
            </span>
          </p>
        </li>
      ))}
    </ol>
  );
}

export type StepItem = { id: string; dueAt: When; title: string; interviewId: string; candidate: Person; company: string; recruiter: Person };

/** Checklist steps with their due time in words; "Overdue" is written out, never shown by colour alone. */
export function StepItems({ label, items, now, showRecruiter }: { label: string; items: StepItem[]; now: When; showRecruiter: boolean }) {
  const nowDate = new Date(now);
  return (
    <ol className="inbox-list" aria-label={label}>
      {items.map((s) => {
        const overdue = new Date(s.dueAt) < nowDate;
        return (
          <li key={s.id} className="inbox-item">
            <p className="inbox-line">
              {overdue ? <span className="badge badge-overdue">{sentence(describeDeadline(s.dueAt, nowDate))}</span> : <span className="badge">Due {describeDeadline(s.dueAt, nowDate)}</span>}{" "}
              <Link to={`/interviews/${s.interviewId}`}>
                {s.candidate.name} at {s.company}
              </Link>
            </p>
            <div className="inbox-actions">
              <span>{s.title}</span>
              <SnoozeLink interviewId={s.interviewId} name={s.candidate.name} />
              {showRecruiter ? <span className="muted">{s.recruiter.name}</span> : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

export type RequestItem = {
  id: string;
  interviewId: string;
  requestedAt: When;
  requestedBy: string;
  channel: string;
  daysWaiting: number;
  candidate: Person;
  recruiter: Person;
  company: string;
  roleTitle: string;
  flagged: boolean;
};

export function RequestList({ items, showRecruiter }: { items: RequestItem[]; showRecruiter: boolean }) {
  const timeZone = useTimeZone();
  return (
    <ol className="inbox-list" aria-label="Second-interview requests waiting for an answer, oldest first">
      {items.map((r) => (
        <li key={r.id} className="inbox-item">
          <p className="inbox-line">
            <span className="badge badge-waiting">Waiting {r.daysWaiting} days</span>{" "}
            <Link to={`/interviews/${r.interviewId}`}>
              {r.candidate.name} at {r.company}
            </Link>
          </p>
          <div className="inbox-actions">
            <span className="muted">
              Asked <time dateTime={new Date(r.requestedAt).toISOString()}>{formatDateTime(r.requestedAt, timeZone)}</time> by{" "}
              {requestedBy.label(r.requestedBy).toLowerCase()} ({requestChannels.label(r.channel).toLowerCase()})
            </span>
            {r.flagged ? <SnoozeLink interviewId={r.interviewId} name={r.candidate.name} /> : null}
            {showRecruiter ? <span className="muted">{r.recruiter.name}</span> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

/**
 * A refused inbox form whose item is no longer on the page (the call was already marked done elsewhere, the
 * recovery closed) or that has no item at all ("Mark as seen"): its message shows above the inbox instead.
 */
export function InboxRefusal({ reply, shownStepIds }: { reply?: (FormReply & { stepStateId?: string }) | null; shownStepIds: string[] }) {
  const errors = buttonFormErrors(reply);
  if (!reply || !errors?.length) return null;
  if (reply.intent === "call-done" && reply.stepStateId && shownStepIds.includes(reply.stepStateId)) return null;
  return (
    <p className="form-errors" role="alert">
      {errors.join(" ")}
    </p>
  );
}
