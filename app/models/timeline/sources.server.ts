// The timeline's fact sources: each reads one table once, bounded, and claims the audit event its row already
// shows (to name who did it), so nothing appears twice.
import { formatDate } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { candidacyOutcomes, closingReasons, emailStatuses, impressions, interviewFormats, interviewRounds, requestChannels, requestResponses } from "~/models/enums";
import { describeFlag } from "~/models/flags/reasons";
import type { ProfileInterview, ProfileOutcome } from "~/models/candidates/candidate-profile.server";
import { requestTiming } from "~/models/recovery/rules";
import type { AuditAction } from "~/models/audit/events";
import { interviewLink, type TimelineEntry } from "./entry";

export type AuditRow = { id: string; at: Date; action: string; entityId: string; before: string | null; after: string | null; actor: string | null };

export const actorLabels: Record<string, string> = { candidate: "The candidate", system: "Rebound", cli: "An administrator" };

/** The candidate's audit events, read once; a fact source claims the event its row shows. */
export class AuditLedger {
  private readonly byKey = new Map<string, AuditRow[]>();
  private readonly claimed = new Set<string>();

  constructor(readonly rows: AuditRow[]) {
    for (const row of rows) {
      const key = `${row.action}:${row.entityId}`;
      const list = this.byKey.get(key) ?? [];
      list.push(row);
      this.byKey.set(key, list);
    }
  }

  /** The newest not yet claimed event of this kind on this entity (rows come newest first). */
  claim(action: AuditAction, entityId: string) {
    const row = this.byKey.get(`${action}:${entityId}`)?.find((r) => !this.claimed.has(r.id));
    if (row) this.claimed.add(row.id);
    return row;
  }

  unclaimed() {
    return this.rows.filter((r) => !this.claimed.has(r.id));
  }
}

export type TimelineContext = {
  candidateId: string;
  limit: number;
  timeZone: string;
  now: Date;
  audit: AuditLedger;
  /** Read once by the profile and shared with the timeline. */
  interviews: ProfileInterview[];
  outcomes: ProfileOutcome[];
};
export type TimelineSource = (ctx: TimelineContext) => Promise<TimelineEntry[]> | TimelineEntry[];

const candidateSource: TimelineSource = async ({ candidateId, audit }) => {
  const candidate = await prisma.candidate.findUnique({ where: { id: candidateId }, select: { createdAt: true } });
  if (!candidate) return [];
  const created = audit.claim("candidate.created", candidateId);
  return [{ key: `candidate:${candidateId}:created`, at: candidate.createdAt, kind: "candidate", summary: "Added as a candidate", actor: created?.actor }];
};

const interviewSource: TimelineSource = ({ interviews, now }) =>
  interviews.map((i) => {
    const what = `${i.company.name} for ${i.roleTitle} (${interviewRounds.label(i.round).toLowerCase()} round, ${interviewFormats.label(i.format).toLowerCase()})`;
    const upcoming = i.scheduledAt > now;
    const impression = i.impression === "unknown" ? "" : `: ${impressions.label(i.impression).toLowerCase()}`;
    return {
      key: `interview:${i.id}:held`,
      at: i.scheduledAt,
      kind: "interview" as const,
      summary: upcoming ? `Interview coming up with ${what}` : `Interview with ${what}${impression}`,
      detail: i.interviewerName ? `Interviewer: ${i.interviewerName}` : null,
      ...interviewLink(i.id, i.company.name),
    };
  });

const flagSource: TimelineSource = async ({ candidateId, limit, audit }) => {
  const flags = await prisma.interviewFlag.findMany({
    where: { interview: { candidateId } },
    orderBy: { flaggedAt: "desc" },
    take: limit,
    select: {
      id: true,
      interviewId: true,
      severity: true,
      description: true,
      otherReason: true,
      flaggedAt: true,
      closedAt: true,
      closedReason: true,
      closedNote: true,
      removedAt: true,
      flaggedBy: { select: { name: true } },
      closedBy: { select: { name: true } },
      reasons: { select: { reason: true } },
      interview: { select: { company: { select: { name: true } } } },
    },
  });
  return flags.flatMap((f) => {
    const link = interviewLink(f.interviewId, f.interview.company.name);
    const entries: TimelineEntry[] = [
      {
        key: `flag:${f.id}:raised`,
        at: f.flaggedAt,
        kind: "flag",
        summary: `Flagged as gone badly: ${describeFlag(f.reasons.map((r) => r.reason), f.severity, f.otherReason)}`,
        detail: f.description,
        actor: audit.claim("flag.raised", f.id)?.actor ?? f.flaggedBy.name,
        ...link,
      },
    ];
    // A removed flag's closing is the removal itself, shown below.
    if (f.closedAt && f.closedReason && f.closedReason !== "flag_removed") {
      const actor = audit.claim("recovery.closed", f.id)?.actor ?? f.closedBy?.name ?? "Rebound";
      entries.push({
        key: `flag:${f.id}:closed`,
        at: f.closedAt,
        kind: "flag",
        summary: `Recovery closed: ${closingReasons.label(f.closedReason).toLowerCase()}`,
        detail: f.closedNote,
        actor,
        ...link,
      });
    }
    if (f.removedAt) {
      audit.claim("recovery.closed", f.id);
      const actor = audit.claim("flag.removed", f.id)?.actor;
      entries.push({ key: `flag:${f.id}:removed`, at: f.removedAt, kind: "flag", summary: "Flag removed", actor, ...link });
    }
    return entries;
  });
};

const checklistRunSource: TimelineSource = async ({ candidateId, limit }) => {
  const runs = await prisma.checklistRun.findMany({
    where: { interview: { candidateId } },
    orderBy: { startedAt: "desc" },
    take: limit,
    select: { id: true, interviewId: true, startedAt: true, completedAt: true, cancelledAt: true, playbookVersion: { select: { version: true } } },
  });
  return runs.flatMap((run) => {
    const link = interviewLink(run.interviewId);
    const entries: TimelineEntry[] = [
      {
        key: `checklist:${run.id}:started`,
        at: run.startedAt,
        kind: "checklist",
        summary: `Recovery checklist started (playbook version ${run.playbookVersion.version})`,
        ...link,
      },
    ];
    if (run.completedAt) {
      entries.push({ key: `checklist:${run.id}:completed`, at: run.completedAt, kind: "checklist", summary: "Recovery checklist completed", ...link });
    }
    if (run.cancelledAt) {
      entries.push({ key: `checklist:${run.id}:cancelled`, at: run.cancelledAt, kind: "checklist", summary: "Recovery checklist cancelled", ...link });
    }
    return entries;
  });
};

const checklistStepSource: TimelineSource = async ({ candidateId, limit, audit }) => {
  const steps = await prisma.checklistStepState.findMany({
    where: { run: { interview: { candidateId } }, status: { in: ["done", "skipped"] }, completedAt: { not: null } },
    orderBy: { completedAt: "desc" },
    take: limit,
    select: {
      id: true,
      status: true,
      note: true,
      completedAt: true,
      completedByCandidate: true,
      completedBy: { select: { name: true } },
      step: { select: { title: true } },
      run: { select: { interviewId: true } },
    },
  });
  return steps.map((s) => {
    // The tick this row shows; earlier ticks, by anyone, that were undone stay on the timeline from the audit log.
    audit.claim(
      s.completedByCandidate ? "coaching.step_done_by_candidate" : s.status === "done" ? "checklist.step_done" : "checklist.step_skipped",
      s.id,
    );
    return {
      key: `step:${s.id}:${s.status}`,
      at: s.completedAt as Date,
      kind: "checklist" as const,
      summary: `Checklist step ${s.status === "done" ? "done" : "skipped"}: ${s.step.title}`,
      detail: s.note,
      actor: s.completedByCandidate ? actorLabels.candidate : s.completedBy?.name,
      ...interviewLink(s.run.interviewId),
    };
  });
};

const emailSource: TimelineSource = async ({ candidateId, limit }) => {
  const emails = await prisma.emailMessage.findMany({
    where: { candidateId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, subject: true, status: true, createdAt: true, sentAt: true, sentBy: { select: { name: true } } },
  });
  return emails.map((e) => ({
    key: `email:${e.id}`,
    at: e.sentAt ?? e.createdAt,
    kind: "email" as const,
    summary: `Email ${emailStatuses.label(e.status).toLowerCase()}: “${e.subject}”`,
    actor: e.sentBy?.name,
  }));
};

const secondInterviewSource: TimelineSource = async ({ candidateId, limit, audit }) => {
  const requests = await prisma.secondInterviewRequest.findMany({
    where: { candidateId },
    orderBy: { requestedAt: "desc" },
    take: limit,
    select: {
      id: true,
      interviewId: true,
      requestedAt: true,
      requestedBy: true,
      channel: true,
      note: true,
      response: true,
      respondedAt: true,
      recordedBy: { select: { name: true } },
      interview: { select: { scheduledAt: true, durationMinutes: true, company: { select: { name: true } } } },
    },
  });
  return requests.flatMap((r) => {
    const company = r.interview.company.name;
    const link = interviewLink(r.interviewId, company);
    const by = r.requestedBy === "candidate" ? "the candidate" : "the recruiter";
    const timing = requestTiming(r.interview, r.requestedAt);
    const entries: TimelineEntry[] = [
      {
        key: `second-interview:${r.id}:requested`,
        at: r.requestedAt,
        kind: "second-interview",
        summary: `Second interview requested from ${company} (by ${by}, ${requestChannels.label(r.channel).toLowerCase()}, ${timing.text})`,
        detail: r.note,
        actor: audit.claim("second_interview.requested", r.id)?.actor ?? r.recordedBy.name,
        ...link,
      },
    ];
    if (r.respondedAt && r.response !== "pending") {
      // The answer in force; earlier answers that were changed stay on the timeline from the audit log.
      entries.push({
        key: `second-interview:${r.id}:responded`,
        at: r.respondedAt,
        kind: "second-interview",
        summary:
          r.response === "no_response"
            ? `No response from ${company} to the second-interview request`
            : `Second interview ${requestResponses.label(r.response).toLowerCase()} by ${company}`,
        actor: audit.claim("second_interview.responded", r.id)?.actor ?? r.recordedBy.name,
        ...link,
      });
    }
    return entries;
  });
};

const outcomeSource: TimelineSource = ({ outcomes, timeZone, audit }) =>
  outcomes.map((o) => {
    const at = o.company ? ` at ${o.company}` : "";
    const start = o.startDate ? `, starting ${formatDate(o.startDate, timeZone)}` : "";
    return {
      key: `outcome:${o.id}`,
      at: o.decidedAt,
      kind: "outcome" as const,
      summary: `Outcome: ${candidacyOutcomes.label(o.outcome)}${at}${start}`,
      detail: o.note,
      actor: audit.claim("outcome.recorded", o.id)?.actor ?? o.recordedBy,
      ...(o.interviewId ? interviewLink(o.interviewId, o.company) : {}),
    };
  });

export const timelineSources: TimelineSource[] = [
  candidateSource,
  interviewSource,
  flagSource,
  checklistRunSource,
  checklistStepSource,
  emailSource,
  secondInterviewSource,
  outcomeSource,
];
