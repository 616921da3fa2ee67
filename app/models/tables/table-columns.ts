// Column ids, headers and filter params of the candidate and interview tables: shared by the loaders (parsing,
// CSV headers) and the pages (headers, column chooser), so a column is named once.
import type { TableConfig } from "~/utils/table-params";

export const candidateColumnLabels = {
  name: "Name",
  email: "Email",
  phone: "Phone",
  recruiter: "Recruiter",
  status: "Status",
  lastInterviewAt: "Last interview",
  openFlagCount: "Open flags",
  createdAt: "Added",
} as const;
export type CandidateColumn = keyof typeof candidateColumnLabels;

export const candidateTable: TableConfig<CandidateColumn> = {
  columns: ["name", "email", "phone", "recruiter", "status", "lastInterviewAt", "openFlagCount", "createdAt"],
  defaultColumns: ["name", "email", "recruiter", "status", "lastInterviewAt", "openFlagCount", "createdAt"],
  sortable: ["name", "email", "phone", "recruiter", "status", "lastInterviewAt", "openFlagCount", "createdAt"],
  defaultSort: "name",
  defaultDirection: "asc",
  firstDirection: { lastInterviewAt: "desc", openFlagCount: "desc", createdAt: "desc" },
};

/** Filter params of /candidates (and /candidates.csv). */
export const candidateFilterParams = ["q", "recruiter", "status", "flagged", "company", "from", "to"] as const;

export const interviewColumnLabels = {
  scheduledAt: "Date and time",
  candidate: "Candidate",
  company: "Company",
  roleTitle: "Role",
  round: "Round",
  format: "Format",
  impression: "Impression",
  flagSeverity: "Flag severity",
  recruiter: "Recruiter",
} as const;
export type InterviewColumn = keyof typeof interviewColumnLabels;

export const interviewTable: TableConfig<InterviewColumn> = {
  columns: ["scheduledAt", "candidate", "company", "roleTitle", "round", "format", "impression", "flagSeverity", "recruiter"],
  defaultColumns: ["scheduledAt", "candidate", "company", "roleTitle", "round", "format", "impression", "flagSeverity", "recruiter"],
  sortable: ["scheduledAt", "candidate", "company", "roleTitle", "round", "format", "impression", "flagSeverity", "recruiter"],
  defaultSort: "scheduledAt",
  defaultDirection: "desc",
  firstDirection: { scheduledAt: "desc" },
};

/** Filter params of /interviews (and /interviews.csv). */
export const interviewFilterParams = [
  "q",
  "flagged",
  "severity",
  "reason",
  "round",
  "impression",
  "recruiter",
  "company",
  "from",
  "to",
  "flaggedFrom",
  "flaggedTo",
  "owner",
  "recovery",
  "stage",
  "completion",
] as const;
