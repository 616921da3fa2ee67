// The /stats charts: the recovery funnel, the recovery-to-hire trend by month and the rate by reason.
// Each sits in a ChartFigure (title + summary) and is followed on the page by a table with the same numbers; the
// drawings themselves (Recharts) load on demand from stats-chart-drawings.tsx.
import { lazy } from "react";
import {
  formatHireRate,
  funnelSteps,
  isMostlyInProgress,
  isSmallSample,
  rate,
  SMALL_SAMPLE,
} from "~/models/stats/stats-tables";
import type { RecoveryStatistics, StageRow } from "~/models/stats/stats.server";
import { ChartFigure } from "./chart-figure";

// One chunk for the three drawings, fetched once the page has hydrated (ChartFigure draws nothing before that).
const drawings = () => import("./stats-chart-drawings");
const FunnelDrawing = lazy(() => drawings().then((m) => ({ default: m.FunnelDrawing })));
const MonthTrendDrawing = lazy(() => drawings().then((m) => ({ default: m.MonthTrendDrawing })));
const ReasonDrawing = lazy(() => drawings().then((m) => ({ default: m.ReasonDrawing })));
const percent = (n: number, d: number) => {
  const r = rate(n, d);
  return r === null ? null : Math.round(r * 1000) / 10;
};

export function FunnelChart({ funnel }: { funnel: RecoveryStatistics["funnel"] }) {
  const data = funnelSteps.map((s) => ({ label: s.label, count: funnel[s.key] }));
  const summary = `Recovery funnel: ${data.map((d) => `${d.label} ${d.count}`).join(", ")}.`;
  return (
    <ChartFigure title="Recovery funnel" summary={summary} height={240}>
      <FunnelDrawing data={data} />
    </ChartFigure>
  );
}

/** What a month's point says in words: its rate over closed recoveries, or why it has none yet. */
function monthSummary(m: StageRow) {
  if (isMostlyInProgress(m)) return `${m.label} mostly in progress (${m.inProgress} of ${m.recoveries} open, not drawn)`;
  return `${m.label} ${formatHireRate(m.closedHired, m.closed)}`;
}

/**
 * Hire rate over closed recoveries per month. A month whose recoveries are mostly still open has no point (a gap,
 * marked on its axis label), so an unfinished month never reads as a drop to 0%; small samples are named below.
 */
export function MonthTrendChart({ months }: { months: StageRow[] }) {
  const data = months.map((m) => ({
    label: isMostlyInProgress(m) ? `${m.label} (in progress)` : isSmallSample(m.closed) ? `${m.label} (n=${m.closed})` : m.label,
    rate: isMostlyInProgress(m) ? null : percent(m.closedHired, m.closed),
  }));
  const summary = `Hire rate of closed recoveries by month: ${months.map(monthSummary).join(", ")}.`;
  const open = months.filter(isMostlyInProgress);
  const small = months.filter((m) => !isMostlyInProgress(m) && isSmallSample(m.closed));
  const note =
    open.length || small.length ? (
      <ul className="chart-caveats">
        {open.length ? (
          <li>
            Mostly still in progress, so not drawn: {open.map((m) => `${m.label} (${m.inProgress} of ${m.recoveries} open)`).join(", ")}.
          </li>
        ) : null}
        {small.length ? (
          <li>
            Small sample (under {SMALL_SAMPLE} closed recoveries), read with care:{" "}
            {small.map((m) => `${m.label} (n=${m.closed})`).join(", ")}.
          </li>
        ) : null}
      </ul>
    ) : undefined;
  return (
    <ChartFigure title="Hire rate of closed recoveries by month" summary={summary} note={note}>
      <MonthTrendDrawing data={data} />
    </ChartFigure>
  );
}

export function ReasonChart({ reasons }: { reasons: StageRow[] }) {
  const data = reasons.map((r) => ({
    // A reason with nothing closed yet has no rate: its empty bar says so in its label.
    label: r.closed === 0 ? `${r.label} (none closed)` : isSmallSample(r.closed) ? `${r.label} (n=${r.closed})` : r.label,
    rate: percent(r.closedHired, r.closed) ?? 0,
  }));
  const summary = reasons.length
    ? `Hire rate of closed recoveries by flag reason: ${reasons.map((r) => `${r.label} ${formatHireRate(r.closedHired, r.closed)}`).join(", ")}.`
    : "Hire rate of closed recoveries by flag reason: no flagged interviews in this range.";
  const small = reasons.filter((r) => isSmallSample(r.closed));
  const note = small.length ? (
    <p className="chart-caveats">
      Small sample (under {SMALL_SAMPLE} closed recoveries), read with care: {small.map((r) => `${r.label} (n=${r.closed})`).join(", ")}.
    </p>
  ) : undefined;
  return (
    <ChartFigure
      title="Hire rate of closed recoveries by flag reason"
      summary={summary}
      note={note}
      height={Math.max(160, 34 * data.length + 40)}
    >
      <ReasonDrawing data={data} />
    </ChartFigure>
  );
}
