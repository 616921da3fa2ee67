// The recruiter's own recovery figures on the dashboard: their candidates' flagged interviews of the last 90 days.
import { formatHireRate, isSmallSample } from "~/models/stats/stats-tables";
import type { ClosureCounts, StageCounts } from "~/models/stats/stats.server";

export function MyRecoveryFigures({ figures }: { figures: StageCounts & ClosureCounts }) {
  const items = [
    { label: "Interviews flagged", value: figures.recoveries },
    { label: "Second interview requested", value: figures.requested },
    { label: "Second interview granted", value: figures.granted },
    { label: "Hired", value: figures.hired },
    { label: "Still in progress", value: figures.inProgress },
  ];
  return (
    <section aria-labelledby="my-recovery-title" className="panel my-recovery">
      <h2 id="my-recovery-title">My recoveries, last 90 days</h2>
      <dl className="my-recovery-figures">
        {items.map((item) => (
          <div key={item.label}>
            <dt>{item.label}</dt>
            <dd>{item.value}</dd>
          </div>
        ))}
        <div>
          <dt>Hire rate (of the {figures.closed} closed)</dt>
          <dd className={isSmallSample(figures.closed) ? "muted" : undefined}>{formatHireRate(figures.closedHired, figures.closed)}</dd>
        </div>
      </dl>
    </section>
  );
}
