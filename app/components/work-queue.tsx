// The dashboard's work queue: flagged interviews to call about, checklist steps, and today's and tomorrow's interviews.
import { Link } from "@remix-run/react";
import { flagSeverities, interviewRounds, requestChannels, requestedBy } from "~/models/enums";
import { describeDeadline, formatDate, formatDateTime, formatTime } from "~/utils/dates";
import type { RecoveryQueueItem } from "~/models/dashboard/dashboard.server";
import { useTimeZone } from "~/utils/use-time-zone";

/** Snoozes are per recovery: every queue item snoozes its recovery from the interview page's short form. */
function SnoozeLink({ interviewId, name }: { interviewId: string; name: string }) {
  return (
    <Link to={`/interviews/${interviewId}?flag=snooze`}>
      Snooze<span className="visually-hidden"> the recovery of {name}</span>
    </Link>
  );
}

export function RecoveryQueue({ items, showRecruiter }: { items: RecoveryQueueItem[]; showRecruiter: boolean }) {
  const timeZone = useTimeZone();
  if (!items.length) return <p className="empty-state">Nothing needs a call right now.</p>;
  return (
    <ol className="work-queue" aria-label="Flagged interviews, most urgent first">
      {items.map((item) => (
        <li key={item.flagId} className={`queue-item ${item.overdue ? "queue-overdue" : "queue-inside"}`}>
          <p className="queue-deadline">
            <strong>{item.timeLeft.charAt(0).toUpperCase() + item.timeLeft.slice(1)}</strong>
            <span className={`severity severity-${item.severity}`}>{flagSeverities.label(item.severity)}</span>
          </p>
          <p className="queue-title">
            <Link to={`/interviews/${item.interviewId}`}>
              {item.candidate.name} at {item.company}
            </Link>{" "}
            <span className="muted">({item.roleTitle})</span>
          </p>
          <p className="queue-reasons">{item.reasons.join(", ")}</p>
          <p className="queue-meta muted">
            Flagged{" "}
            <time dateTime={new Date(item.flaggedAt).toISOString()}>{formatDateTime(item.flaggedAt, timeZone)}</time>
            {showRecruiter ? ` · ${item.recruiter.name}` : ""}
            {item.candidate.phone ? (
              <>
                {" · "}
                <a href={`tel:${item.candidate.phone.replace(/[^\d+]/g, "")}`}>
                  Call {item.candidate.phone}
                </a>
              </>
            ) : null}
            {" · "}
            <Link to={`/candidates/${item.candidate.id}`}>
              Profile<span className="visually-hidden"> of {item.candidate.name}</span>
            </Link>
            {" · "}
            <SnoozeLink interviewId={item.interviewId} name={item.candidate.name} />
          </p>
        </li>
      ))}
    </ol>
  );
}

export type UpcomingInterview = {
  id: string;
  scheduledAt: string | Date;
  roleTitle: string;
  round: string;
  flagSeverity: string | null;
  company: { name: string };
  candidate: { id: string; name: string; recruiter: { id: string; name: string } };
};

export function UpcomingDay({
  id,
  title,
  start,
  interviews,
  showRecruiter,
}: {
  id: string;
  title: string;
  start: string | Date;
  interviews: UpcomingInterview[];
  showRecruiter: boolean;
}) {
  const timeZone = useTimeZone();
  return (
    <section aria-labelledby={id} className="upcoming-day">
      <h3 id={id}>
        {title}, {formatDate(start, timeZone)}
      </h3>
      {interviews.length ? (
        <table>
          <caption className="visually-hidden">
            Interviews {title.toLowerCase()}, earliest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Candidate</th>
              <th scope="col">Company</th>
              <th scope="col">Round</th>
              {showRecruiter ? <th scope="col">Recruiter</th> : null}
              <th scope="col">Interview</th>
            </tr>
          </thead>
          <tbody>
            {interviews.map((i) => (
              <tr key={i.id}>
                <td>
                  <time dateTime={new Date(i.scheduledAt).toISOString()}>{formatTime(i.scheduledAt, timeZone)}</time>
                </td>
                <th scope="row">
                  <Link to={`/candidates/${i.candidate.id}`}>{i.candidate.name}</Link>
                </th>
                <td>
                  {i.company.name} <span className="muted">({i.roleTitle})</span>
                </td>
                <td>{interviewRounds.label(i.round)}</td>
                {showRecruiter ? <td>{i.candidate.recruiter.name}</td> : null}
                <td>
                  <Link to={`/interviews/${i.id}`}>
                    Details<span className="visually-hidden"> of {i.candidate.name}'s interview</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty-state">No interviews {title.toLowerCase()}.</p>
      )}
    </section>
  );
}

export type StepItem = {
  id: string;
  dueAt: string | Date;
  title: string;
  interviewId: string;
  candidate: { id: string; name: string };
  company: string;
  recruiter: { id: string; name: string };
};

/** Checklist steps with their due time in words; "Overdue" is written out, never shown by colour alone. */
export function StepList({
  label,
  steps,
  total,
  now,
  showRecruiter,
  empty,
}: {
  label: string;
  steps: StepItem[];
  total: number;
  now: string | Date;
  showRecruiter: boolean;
  empty: string;
}) {
  const timeZone = useTimeZone();
  if (!steps.length) return <p className="empty-state">{empty}</p>;
  const nowDate = new Date(now);
  return (
    <>
      <ul className="step-list" aria-label={label}>
        {steps.map((s) => {
          const overdue = new Date(s.dueAt) < nowDate;
          return (
            <li key={s.id} className={overdue ? "step-list-overdue" : undefined}>
              <p>
                <strong>{s.title}</strong>
                {" — "}
                <Link to={`/interviews/${s.interviewId}`}>
                  {s.candidate.name} at {s.company}
                </Link>
              </p>
              <p className="muted">
                {overdue ? <strong className="step-overdue-label">Overdue</strong> : "Due"}{" "}
                <time dateTime={new Date(s.dueAt).toISOString()}>{formatDateTime(s.dueAt, timeZone)}</time> (
                {describeDeadline(s.dueAt, nowDate)}){showRecruiter ? ` · ${s.recruiter.name}` : ""} ·{" "}
                <SnoozeLink interviewId={s.interviewId} name={s.candidate.name} />
              </p>
            </li>
          );
        })}
      </ul>
      {total > steps.length ? (
        <p className="muted">
          Showing {steps.length} of {total}.
        </p>
      ) : null}
    </>
  );
}

export type WaitingRequest = {
  id: string;
  interviewId: string;
  requestedAt: string | Date;
  requestedBy: string;
  channel: string;
  daysWaiting: number;
  candidate: { id: string; name: string };
  recruiter: { id: string; name: string };
  company: string;
  roleTitle: string;
  flagged: boolean;
};

/** Second-interview requests still pending after a week, oldest first, each linking to its interview. */
export function WaitingRequests({ requests, total, showRecruiter }: { requests: WaitingRequest[]; total: number; showRecruiter: boolean }) {
  const timeZone = useTimeZone();
  if (!requests.length) return <p className="empty-state">No request has been waiting that long.</p>;
  return (
    <>
      <ul className="step-list" aria-label="Second-interview requests waiting for an answer, oldest first">
        {requests.map((r) => (
          <li key={r.id}>
            <p>
              <Link to={`/interviews/${r.interviewId}`}>
                {r.candidate.name} at {r.company}
              </Link>{" "}
              <span className="muted">({r.roleTitle})</span>
            </p>
            <p className="muted">
              Asked <time dateTime={new Date(r.requestedAt).toISOString()}>{formatDateTime(r.requestedAt, timeZone)}</time> by{" "}
              {requestedBy.label(r.requestedBy).toLowerCase()} ({requestChannels.label(r.channel).toLowerCase()}) ·{" "}
              <strong>waiting {r.daysWaiting} days</strong>
              {showRecruiter ? ` · ${r.recruiter.name}` : ""}
              {r.flagged ? (
                <>
                  {" · "}
                  <SnoozeLink interviewId={r.interviewId} name={r.candidate.name} />
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
      {total > requests.length ? (
        <p className="muted">
          Showing the {requests.length} oldest of {total}.
        </p>
      ) : null}
    </>
  );
}
