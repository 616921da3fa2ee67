// The /stats tables as plain rows of text: the page renders them and the CSV downloads serialise the very same
// cells, so a download always matches what the manager sees. Also the one place rates are divided and formatted.
// Browser-safe (no server imports).
import { formatDuration } from "~/utils/dates";
import type { RecoveryStatistics, StageCounts, StageRow } from "./stats.server";

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

export type StatsTable = {
  /** The `table=` value of its CSV download. */
  name: string;
  caption: string;
  headers: string[];
  rows: string[][];
};

export const funnelSteps = [
  { key: "recoveries", label: "Interviews flagged" },
  { key: "checklistStarted", label: "Checklist started" },
  { key: "requested", label: "Second interview requested" },
  { key: "granted", label: "Second interview granted" },
  { key: "hired", label: "Hired" },
] as const satisfies readonly { key: keyof StageCounts; label: string }[];

function stageTable(name: string, caption: string, first: string, rows: StageRow[]): StatsTable {
  return {
    name,
    caption,
    headers: [first, "Flagged", "Requested", "Granted", "Hired", "Recovery-to-hire rate"],
    rows: rows.map((r) => [
      r.label,
      formatCount(r.recoveries),
      formatCount(r.requested),
      formatCount(r.granted),
      formatCount(r.hired),
      formatRate(r.hired, r.recoveries),
    ]),
  };
}

export function buildStatsTables(stats: RecoveryStatistics): StatsTable[] {
  const { funnel, speed, baseline } = stats;
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
    },
    {
      name: "baseline",
      caption: "Hire rate: recovered against not flagged",
      headers: ["Interviews", "Count", "Hired", "Hire rate"],
      rows: [
        ["Flagged (recoveries)", formatCount(funnel.recoveries), formatCount(funnel.hired), formatRate(funnel.hired, funnel.recoveries)],
        ["Not flagged", formatCount(baseline.interviews), formatCount(baseline.hired), formatRate(baseline.hired, baseline.interviews)],
      ],
    },
    stageTable("month", "Recovery-to-hire rate by month", "Month", stats.byMonth),
    stageTable("recruiter", "Recovery-to-hire rate by recruiter", "Recruiter", stats.byRecruiter),
    stageTable("reason", "Recovery-to-hire rate by flag reason", "Reason", stats.byReason),
    stageTable("severity", "Recovery-to-hire rate by severity", "Severity", stats.bySeverity),
    stageTable("company", "Recovery-to-hire rate by client company", "Company", stats.byCompany),
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
      headers: ["Checklist completion", "Flagged", "Hired", "Hire rate"],
      rows: stats.byCompletion.map((r) => [r.label, formatCount(r.recoveries), formatCount(r.hired), formatRate(r.hired, r.recoveries)]),
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
