// The /stats charts (Recharts 3): the recovery funnel, the recovery-to-hire trend by month and the rate by reason.
// Each sits in a ChartFigure (title + summary) and is followed on the page by a table with the same numbers.
import { Bar, BarChart, CartesianGrid, LabelList, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { funnelSteps, formatRate, rate } from "~/models/stats/stats-tables";
import type { RecoveryStatistics, StageRow } from "~/models/stats/stats.server";
import { ChartFigure } from "./chart-figure";

const INK = "#1f5f8b";
const percent = (n: number, d: number) => {
  const r = rate(n, d);
  return r === null ? null : Math.round(r * 1000) / 10;
};

export function FunnelChart({ funnel }: { funnel: RecoveryStatistics["funnel"] }) {
  const data = funnelSteps.map((s) => ({ label: s.label, count: funnel[s.key] }));
  const summary = `Recovery funnel: ${data.map((d) => `${d.label} ${d.count}`).join(", ")}.`;
  return (
    <ChartFigure title="Recovery funnel" summary={summary} height={240}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 48 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="label" width={190} />
          <Tooltip />
          <Bar dataKey="count" name="Interviews" fill={INK} isAnimationActive={false}>
            <LabelList dataKey="count" position="right" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function MonthTrendChart({ months }: { months: StageRow[] }) {
  const data = months.map((m) => ({ label: m.label, rate: percent(m.hired, m.recoveries) }));
  const summary = `Recovery-to-hire rate by month: ${months
    .map((m) => `${m.label} ${formatRate(m.hired, m.recoveries)}`)
    .join(", ")}.`;
  return (
    <ChartFigure title="Recovery-to-hire rate by month" summary={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ left: 8, right: 24, top: 12 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis unit="%" domain={[0, "auto"]} />
          <Tooltip formatter={(v) => `${v}%`} />
          <Line dataKey="rate" name="Recovery-to-hire rate" stroke={INK} strokeWidth={2} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

export function ReasonChart({ reasons }: { reasons: StageRow[] }) {
  const data = reasons.map((r) => ({ label: r.label, rate: percent(r.hired, r.recoveries) ?? 0 }));
  const summary = reasons.length
    ? `Recovery-to-hire rate by flag reason: ${reasons.map((r) => `${r.label} ${formatRate(r.hired, r.recoveries)}`).join(", ")}.`
    : "Recovery-to-hire rate by flag reason: no flagged interviews in this range.";
  return (
    <ChartFigure title="Recovery-to-hire rate by flag reason" summary={summary} height={Math.max(160, 34 * data.length + 40)}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 56 }} accessibilityLayer={false}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" unit="%" domain={[0, "auto"]} />
          <YAxis type="category" dataKey="label" width={260} />
          <Tooltip formatter={(v) => `${v}%`} />
          <Bar dataKey="rate" name="Recovery-to-hire rate" fill={INK} isAnimationActive={false}>
            <LabelList dataKey="rate" position="right" formatter={(v) => `${v}%`} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
