// The recruiter's own recovery figures on the dashboard: their candidates' flagged interviews of the last 90 days.
import { formatRate } from "~/models/stats/stats-tables";
import type { StageCounts } from "~/models/stats/stats.server";

export function MyRecoveryFigures({ figures }: { figures: StageCounts }) {
  const items = [
    { label: "Interviews flagged", value: figures.recoveries },
    { label: "Second interview requested", value: figures.requested },
    { label: "Second interview granted", value: figures.granted },
    { label: "Hired", value: figures.hired },
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
          <dt>Recovery-to-hire rate</dt>
          <dd>{formatRate(figures.hired, figures.recoveries)}</dd>
        </div>
      </dl>
    </section>
  );
}
