// The recovery filters that let /interviews show exactly the interviews behind a /stats figure: the same flagged-in
// range, candidate's recruiter, progress (in progress / closed), stage reached and checklist completion as the
// statistics count. Browser-safe: /stats builds its links with `interviewsLinkFor`, /interviews labels its selects.
import type { CompletionBucket } from "./stats-tables";
import type { StatsFilters } from "./stats-forms";

function labelled<const T extends Record<string, string>>(labels: T) {
  const values = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return { values, labels, label: (value: string) => (labels as Record<string, string>)[value] ?? value };
}

/** A recovery is in progress until it closes (closedAt set); hire rates are computed over the closed ones. */
export const recoveryProgress = labelled({ in_progress: "Still in progress", closed: "Closed" });
export type RecoveryProgress = (typeof recoveryProgress.values)[number];

/** The funnel steps a recovery reached, as the statistics define them (app/models/stats/stats.server.ts). */
export const recoveryStages = labelled({
  checklist_started: "Checklist started",
  requested: "Second interview requested",
  granted: "Second interview granted",
  hired: "Hired",
});
export type RecoveryStage = (typeof recoveryStages.values)[number];

/** What narrows a figure beyond the page's own filters: one row's dimension and the column's stage or progress. */
export type FigureScope = {
  /** A month key "2026-09": the flagged-in range becomes that month, clipped to the page's range. */
  month?: string;
  recruiterId?: string;
  companyId?: string;
  reason?: string;
  severity?: string;
  completion?: CompletionBucket;
  stage?: RecoveryStage;
  progress?: RecoveryProgress;
};

/** The first and last calendar days of a month "2026-09": plain calendar arithmetic, no time zone involved. */
function monthBounds(month: string) {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) return null;
  const lastDay = new Date(Date.UTC(Number(match[1]), Number(match[2]), 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(lastDay).padStart(2, "0")}` };
}

/** The /interviews URL listing the flagged interviews a /stats figure counts. */
export function interviewsLinkFor(filters: Pick<StatsFilters, "from" | "to" | "recruiterId" | "companyId">, scope: FigureScope = {}) {
  let from = filters.from;
  let to = filters.to;
  if (scope.month) {
    const bounds = monthBounds(scope.month);
    if (bounds) {
      if (bounds.first > from) from = bounds.first;
      if (bounds.last < to) to = bounds.last;
    }
  }
  const params = new URLSearchParams({ flaggedFrom: from, flaggedTo: to });
  const owner = scope.recruiterId ?? filters.recruiterId;
  const company = scope.companyId ?? filters.companyId;
  if (owner) params.set("owner", owner);
  if (company) params.set("company", company);
  if (scope.reason) params.set("reason", scope.reason);
  if (scope.severity) params.set("severity", scope.severity);
  if (scope.completion) params.set("completion", scope.completion);
  if (scope.stage) params.set("stage", scope.stage);
  if (scope.progress) params.set("recovery", scope.progress);
  return `/interviews?${params}`;
}
