// A candidate's timeline, newest first, as an ordered list; times in the agency's zone.
import { Link } from "@remix-run/react";
import { formatDateTime } from "~/utils/dates";
import { useTimeZone } from "~/utils/use-time-zone";

export type TimelineItem = {
  key: string;
  at: string | Date;
  kind: string;
  summary: string;
  detail?: string | null;
  actor?: string | null;
  href?: string | null;
  linkLabel?: string | null;
};

const kindLabels: Record<string, string> = {
  candidate: "Candidate",
  interview: "Interview",
  flag: "Flag",
  checklist: "Checklist",
  email: "Email",
  "second-interview": "Second interview",
  outcome: "Outcome",
};

export function Timeline({ entries, labelledBy }: { entries: TimelineItem[]; labelledBy?: string }) {
  const timeZone = useTimeZone();
  if (!entries.length) return <p className="empty-state">Nothing has happened yet.</p>;
  return (
    <ol className="timeline" aria-labelledby={labelledBy}>
      {entries.map((entry) => {
        const at = new Date(entry.at);
        return (
          <li key={entry.key} className={`timeline-entry timeline-${entry.kind}`}>
            <p className="timeline-meta">
              <time dateTime={at.toISOString()}>{formatDateTime(at, timeZone)}</time>
              <span className="timeline-kind"> · {kindLabels[entry.kind] ?? entry.kind}</span>
              {entry.actor ? <span className="timeline-actor"> · by {entry.actor}</span> : null}
            </p>
            <p className="timeline-summary">{entry.summary}</p>
            {entry.detail ? <p className="timeline-detail">{entry.detail}</p> : null}
            {entry.href ? (
              <p className="timeline-link">
                <Link to={entry.href}>{entry.linkLabel ?? "Open"}</Link>
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
