// The drawings of the /stats charts (Recharts 3), loaded on demand: the page's numbers and tables come first, and the
// chart library (most of the page's JavaScript) only after the page is on screen. stats-charts.tsx frames them.
import { Bar, BarChart, CartesianGrid, LabelList, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const INK = "#1f5f8b";

export function FunnelDrawing({ data }: { data: { label: string; count: number }[] }) {
  return (
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
  );
}

export function MonthTrendDrawing({ data }: { data: { label: string; rate: number | null }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ left: 8, right: 24, top: 12 }} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis unit="%" domain={[0, "auto"]} />
        <Tooltip formatter={(v) => `${v}%`} />
        <Line dataKey="rate" name="Hire rate of closed recoveries" stroke={INK} strokeWidth={2} isAnimationActive={false} connectNulls={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

export function ReasonDrawing({ data }: { data: { label: string; rate: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 56 }} accessibilityLayer={false}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" unit="%" domain={[0, "auto"]} />
        <YAxis type="category" dataKey="label" width={260} />
        <Tooltip formatter={(v) => `${v}%`} />
        <Bar dataKey="rate" name="Hire rate of closed recoveries" fill={INK} isAnimationActive={false}>
          <LabelList dataKey="rate" position="right" formatter={(v) => `${v}%`} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
