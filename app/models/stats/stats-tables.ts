// The /stats tables as plain rows of text: the page renders them and the CSV downloads serialise the very same
// cells, so a download always matches what the manager sees. Also the one place rates are divided and formatted.
// Browser-safe (no server imports).
import { formatDuration } from "~/utils/dates";
import { interviewsLinkFor, type FigureScope } from "./recovery-filters";
import type { StatsFilters } from "./stats-forms";
import type { ClosureCounts, RecoveryStatistics, StageCounts, StageRow } from "./stats.server";

/** Checklist completion = (steps done or skipped) / steps of the run. */
const completionValues = ["none", "under_half", "most", "all"] as const;
export type CompletionBucket = (typeof completionValues)[number];
const completionLabels: Record<CompletionBucket, string> = {
  none: "No checklist",
  under_half: "Under 50% done",
  most: "50–99% done",
  all: "All done",
};
export const completionBuckets = {
  values: completionValues,
  labels: completionLabels,
  label: (key: CompletionBucket) => completionLabels[key] ?? key,
};

/** A share, or null when there is nothing to divide by (never NaN or Infinity). */
export function rate(numerator: number, denominator: number) {
  return denominator > 0 ? numerator / denominator : null;
}

/** "42.9%", or "—" for a rate with a zero denominator. */
export function formatRate(numerator: number, denominator: number) {
  const r = rate(numerator, denominator);
  return r === null ? "—" : `${(r * 100).toFixed(1)}%`;
}

export const formatCount = (n: number) => n.toLocaleString("en-GB");

/** A rate over fewer closed recoveries than this is a small sample: shown muted, with its n, never as precise. */
export const SMALL_SAMPLE = 10;
export const isSmallSample = (denominator: number) => denominator > 0 && denominator < SMALL_SAMPLE;

/** More than half of the period's recoveries are still open: its hire rate is not yet meaningful. */
export const isMostlyInProgress = (row: Pick<ClosureCounts, "inProgress"> & { recoveries: number }) =>
  row.recoveries > 0 && row.inProgress * 2 > row.recoveries;

/** A hire rate over closed recoveries: "42.9%", "50.0% (n=2, small sample)" under 10 closed, "—" with none. */
export function formatHireRate(hired: number, closed: number) {
  const text = formatRate(hired, closed);
  return isSmallSample(closed) ? `${text} (n=${closed}, small sample)` : text;
}

export type StatsTable = {
  /** The `table=` value of its CSV download. */
  name: string;
  caption: string;
  headers: string[];
  rows: string[][];
  /** Per cell, the /interviews URL listing what it counts (page only; absent without filters). */
  links?: (string | undefined)[][];
  /** Per row, the index of a cell to show muted (a small sample or a period mostly in progress). */
  muted?: (number | undefined)[];
};

export const funnelSteps = [
  { key: "recoveries", label: "Interviews flagged" },
  { key: "checklistStarted", label: "Checklist started" },
  { key: "requested", label: "Second interview requested" },
  { key: "granted", label: "Second interview granted" },
  { key: "hired", label: "Hired" },
] as const satisfies readonly { key: keyof StageCounts; label: string }[];

type Linker = ((scope: FigureScope) => string) | undefined;

const STAGE_COLUMNS = [
  ["recoveries", undefined],
  ["inProgress", { progress: "in_progress" }],
  ["closed", { progress: "closed" }],
  ["requested", { stage: "requested" }],
  ["granted", { stage: "granted" }],
  ["hired", { stage: "hired" }],
] as const satisfies readonly [keyof StageRow, FigureScope | undefined][];

function monthRateCell(r: StageRow) {
  if (!isMostlyInProgress(r)) return formatHireRate(r.closedHired, r.closed);
  const sofar = r.closed ? `; so far ${formatRate(r.closedHired, r.closed)} of ${formatCount(r.closed)} closed` : "";
  return `Mostly in progress (${formatCount(r.inProgress)} of ${formatCount(r.recoveries)} open${sofar})`;
}

function stageTable(
  name: string,
  caption: string,
  first: string,
  rows: StageRow[],
  rowScope: (r: StageRow) => FigureScope,
  link: Linker,
): StatsTable {
  const rateCell = name === "month" ? monthRateCell : (r: StageRow) => formatHireRate(r.closedHired, r.closed);
  const rateColumn = STAGE_COLUMNS.length + 1;
  return {
    name,
    caption,
    headers: [first, "Flagged", "Still in progress", "Closed", "Requested", "Granted", "Hired", "Hire rate (of closed)"],
    rows: rows.map((r) => [r.label, ...STAGE_COLUMNS.map(([key]) => formatCount(r[key] as number)), rateCell(r)]),
    links: link
      ? rows.map((r) => [
          undefined,
          ...STAGE_COLUMNS.map(([, scope]) => link({ ...rowScope(r), ...scope })),
          r.closed ? link({ ...rowScope(r), progress: "closed" }) : undefined,
        ])
      : undefined,
    muted: rows.map((r) =>
      isSmallSample(r.closed) || (name === "month" && isMostlyInProgress(r)) ? rateColumn : undefined,
    ),
  };
}

/** Funnel steps as /interviews filters (the first step, all flagged, needs none). */
const funnelStages: Record<(typeof funnelSteps)[number]["key"], FigureScope> = {
  recoveries: {},
  checklistStarted: { stage: "checklist_started" },
  requested: { stage: "requested" },
  granted: { stage: "granted" },
  hired: { stage: "hired" },
};

/**
 * Every table of /stats. With the page's filters, each count also carries the link to the interviews behind it
 * (the CSV download leaves them out).
 */
export function buildStatsTables(stats: RecoveryStatistics, filters?: StatsFilters): StatsTable[] {
  const { funnel, progress, speed, baseline } = stats;
  const link: Linker = filters ? (scope) => interviewsLinkFor(filters, scope) : undefined;
  const linkRows = (scopes: (FigureScope | undefined)[][]) =>
    link ? scopes.map((row) => row.map((scope) => (scope ? link(scope) : undefined))) : undefined;
  return [
    {
      name: "funnel",
      caption: "Recovery funnel",
      headers: ["Step", "Interviews", "Of the step before", "Of interviews flagged"],
      rows: funnelSteps.map((step, i) => [
        step.label,
        formatCount(funnel[step.key]),
        i === 0 ? "" : formatRate(funnel[step.key], funnel[funnelSteps[i - 1].key]),
        formatRate(funnel[step.key], funnel.recoveries),
      ]),
      links: linkRows(funnelSteps.map((step) => [undefined, funnelStages[step.key]])),
    },
    {
      name: "progress",
      caption: "Recoveries in progress and closed",
      headers: ["Recoveries", "Count", "Hire rate (of closed)"],
      rows: [
        ["Still in progress", formatCount(progress.inProgress), ""],
        ["Closed", formatCount(progress.closed), formatHireRate(progress.closedHired, progress.closed)],
        ["Closed and hired", formatCount(progress.closedHired), ""],
      ],
      links: linkRows([
        [undefined, { progress: "in_progress" }],
        [undefined, { progress: "closed" }],
        [undefined, { progress: "closed", stage: "hired" }],
      ]),
      muted: [undefined, isSmallSample(progress.closed) ? 2 : undefined, undefined],
    },
    {
      name: "baseline",
      caption: "Hire rate: recovered against not flagged",
      headers: ["Interviews", "Count", "Hired", "Hire rate"],
      rows: [
        [
          "Flagged (closed recoveries)",
          formatCount(progress.closed),
          formatCount(progress.closedHired),
          formatHireRate(progress.closedHired, progress.closed),
        ],
        ["Not flagged", formatCount(baseline.interviews), formatCount(baseline.hired), formatRate(baseline.hired, baseline.interviews)],
      ],
      links: linkRows([[undefined, { progress: "closed" }, { progress: "closed", stage: "hired" }], []]),
      muted: [isSmallSample(progress.closed) ? 3 : undefined, undefined],
    },
    stageTable("month", "Recovery-to-hire rate by month", "Month", stats.byMonth, (r) => ({ month: r.key }), link),
    stageTable("recruiter", "Recovery-to-hire rate by recruiter", "Recruiter", stats.byRecruiter, (r) => ({ recruiterId: r.key }), link),
    stageTable("reason", "Recovery-to-hire rate by flag reason", "Reason", stats.byReason, (r) => ({ reason: r.key }), link),
    stageTable("severity", "Recovery-to-hire rate by severity", "Severity", stats.bySeverity, (r) => ({ severity: r.key }), link),
    stageTable("company", "Recovery-to-hire rate by client company", "Company", stats.byCompany, (r) => ({ companyId: r.key }), link),
    {
      name: "speed",
      caption: "Second-interview requests by speed",
      headers: ["Request made", "Requests", "Granted", "Grant rate"],
      rows: (
        [
          ["Within 24 hours of the interview", speed.within],
          ["Later", speed.later],
        ] as const
      ).map(([label, s]) => [label, formatCount(s.requests), formatCount(s.granted), formatRate(s.granted, s.requests)]),
    },
    {
      name: "first-contact",
      caption: "Time from flag to first contact",
      headers: ["Figure", "Value"],
      rows: [
        ["Recoveries with a second-interview request", formatCount(speed.contacted)],
        [
          "Median time from flag to first request",
          speed.medianToFirstContactMs === null ? "—" : formatDuration(speed.medianToFirstContactMs),
        ],
      ],
    },
    {
      name: "checklist",
      caption: "Hire rate by checklist completion",
      headers: ["Checklist completion", "Flagged", "Still in progress", "Closed", "Closed and hired", "Hire rate (of closed)"],
      rows: stats.byCompletion.map((r) => [
        r.label,
        formatCount(r.recoveries),
        formatCount(r.inProgress),
        formatCount(r.closed),
        formatCount(r.closedHired),
        formatHireRate(r.closedHired, r.closed),
      ]),
      links: linkRows(
        stats.byCompletion.map((r) => {
          const completion = r.key as CompletionBucket;
          return [
            undefined,
            { completion },
            { completion, progress: "in_progress" },
            { completion, progress: "closed" },
            { completion, progress: "closed", stage: "hired" },
          ];
        }),
      ),
      muted: stats.byCompletion.map((r) => (isSmallSample(r.closed) ? 5 : undefined)),
    },
    {
      name: "emails",
      caption: "Recovery emails per template",
      headers: ["Template", "Emails sent", "Candidates", "Later granted a second interview", "Share granted"],
      rows: stats.emails.map((e) => [
        e.label,
        formatCount(e.emails),
        formatCount(e.candidates),
        formatCount(e.grantedAfter),
        formatRate(e.grantedAfter, e.candidates),
      ]),
    },
  ];
}

export const statsTableNames = [
  "funnel",
  "progress",
  "baseline",
  "month",
  "recruiter",
  "reason",
  "severity",
  "company",
  "speed",
  "first-contact",
  "checklist",
  "emails",
] as const;

/** Companies /stats shows before "Show all": the busiest ones; the rest is one link (or the CSV) away. */
export const COMPANIES_SHOWN = 25;

