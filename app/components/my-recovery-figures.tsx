// The recruiter's own recovery figures on the dashboard, as one compact strip: their candidates' flagged interviews
// of the last 90 days. The full breakdown is on /stats for managers.
import { formatHireRate, isSmallSample } from "~/models/stats/stats-tables";
import type { ClosureCounts, StageCounts } from "~/models/stats/stats.server";

export function MyRecoveryFigures({ figures }: { figures: StageCounts & ClosureCounts }) {
  const items = [
    { label: "Flagged", value: figures.recoveries },
    { label: "2nd interview asked", value: figures.requested },
    { label: "2nd interview granted", value: figures.granted },
    { label: "Hired", value: figures.hired },
    { label: "In progress", value: figures.inProgress },
  ];
  return (
    <section aria-labelledby="my-recovery-title" className="figure-strip">
      <h2 id="my-recovery-title" className="figure-strip-title">
        My recoveries, last 90 days
      </h2>
      <dl>
        {items.map((item) => (
          <div key={item.label}>
            <dt>{item.label}</dt>
            <dd>{item.value}</dd>
          </div>
        ))}
        <div>
          <dt>
            Hire rate<span className="visually-hidden"> of the {figures.closed} closed</span>
          </dt>
          <dd className={isSmallSample(figures.closed) ? "muted" : undefined} title={`Of the ${figures.closed} closed`}>
            {formatHireRate(figures.closedHired, figures.closed)}
          </dd>
        </div>
      </dl>
    </section>
  );
}
