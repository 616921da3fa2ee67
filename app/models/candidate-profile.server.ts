// A candidate's profile: contact details, owner and status (with their audited changes), and the timeline.
import { recordAudit } from "~/utils/audit.server";
import { formatDate, toDateInputValue } from "~/utils/dates";
import { prisma, type Tx } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import { assertNotStale, contactVersion, describeContact } from "./stale-edit.server";
import {
  candidacyOutcomes,
  candidateStatuses,
  emailStatuses,
  flagReasons,
  flagSeverities,
  impressions,
  interviewFormats,
  interviewRounds,
  requestChannels,
  requestResponses,
  type CandidateStatus,
} from "./enums";
import { requestTiming } from "./second-interview.server";
import { syncCandidateSummary } from "./summaries.server";

/** A candidate has a handful of interviews; the bound only guards against a runaway import. */
export const PROFILE_INTERVIEW_LIMIT = 100;
/** The timeline shows the newest entries; each source reads at most this many rows. */
export const TIMELINE_LIMIT = 200;

export async function getCandidateProfile(candidateId: string) {
  const candidate = await prisma.candidate.findUnique({
    where: { id: candidateId },
    select: {
      id: true,
      name: true,
      email: true,
      phone: true,
      linkedinUrl: true,
      status: true,
      openFlagCount: true,
      emailOptOut: true,
      createdAt: true,
      recruiter: { select: { id: true, name: true, active: true } },
    },
  });
  if (!candidate) return null;
  const interviews = await prisma.interview.findMany({
    where: { candidateId },
    orderBy: { scheduledAt: "desc" },
    take: PROFILE_INTERVIEW_LIMIT,
    select: {
      id: true,
      scheduledAt: true,
      roleTitle: true,
      round: true,
      format: true,
      impression: true,
      flagSeverity: true,
      company: { select: { name: true } },
    },
  });
  return {
    candidate: { ...candidate, status: candidate.status as CandidateStatus, contactVersion: contactVersion(candidate) },
    interviews,
  };
}

/** Who a candidate can be given to: active recruiters and managers, plus the current owner if deactivated. */
export async function listAssignableRecruiters(currentRecruiterId?: string) {
  const users = await prisma.user.findMany({
    where: currentRecruiterId ? { OR: [{ active: true }, { id: currentRecruiterId }] } : { active: true },
    select: { id: true, name: true, role: true, active: true },
    orderBy: { name: "asc" },
  });
  return users;
}

// ---------------------------------------------------------------------------------------------------------------
// Changes

export type CandidateChanges = Partial<{
  name: string;
  email: string;
  phone: string | null;
  linkedinUrl: string | null;
  status: CandidateStatus;
  recruiterId: string;
}>;

const editableFields = ["name", "email", "phone", "linkedinUrl", "status"] as const;
type EditableField = (typeof editableFields)[number];

/**
 * Applies contact, status and owner changes in one transaction. Audits only what changed:
 * candidate.updated (before/after of the changed fields) and candidate.reassigned (old and new owner).
 */
export async function updateCandidate(
  candidateId: string,
  { baseVersion, ...changes }: CandidateChanges & { baseVersion?: string },
  actor: { userId: string },
) {
  try {
    return await prisma.$transaction(async (tx) => {
      const current = await tx.candidate.findUnique({
        where: { id: candidateId },
        select: { name: true, email: true, phone: true, linkedinUrl: true, status: true, recruiterId: true },
      });
      if (!current) throw new RuleViolation("This candidate no longer exists.");
      assertNotStale(baseVersion, contactVersion(current), () => describeContact(current));

      const before: Partial<Record<EditableField, string | null>> = {};
      const after: Partial<Record<EditableField, string | null>> = {};
      for (const field of editableFields) {
        const next = changes[field];
        if (next === undefined || next === current[field]) continue;
        before[field] = current[field];
        after[field] = next;
      }
      if (after.email) {
        const other = await tx.candidate.findUnique({ where: { email: after.email }, select: { id: true, name: true } });
        if (other && other.id !== candidateId) {
          throw new RuleViolation(`Another candidate, ${other.name}, already has this email.`, "email");
        }
      }
      const changed: string[] = Object.keys(after);
      if (changed.length) {
        // Only fields given in `changes` (typed there: name and email are never null) reach `after`.
        await tx.candidate.update({ where: { id: candidateId }, data: after as Omit<CandidateChanges, "recruiterId"> });
        await recordAudit(tx, {
          actor,
          action: "candidate.updated",
          entityType: "Candidate",
          entityId: candidateId,
          candidateId,
          before,
          after,
        });
      }
      if (changes.recruiterId !== undefined && changes.recruiterId !== current.recruiterId) {
        await reassignCandidateInTx(tx, candidateId, changes.recruiterId, actor);
        changed.push("recruiterId");
      }
      return { changed };
    });
  } catch (error) {
    // Two people saving the same email at once: the unique index has the last word.
    if ((error as { code?: string }).code === "P2002") {
      throw new RuleViolation("Another candidate already has this email.", "email");
    }
    throw error;
  }
}

/**
 * Gives a candidate to another active recruiter or manager, inside the caller's transaction. The candidate's
 * upcoming interviews and those with an open flag move too, so the calls land on the new owner's work queue;
 * past, settled interviews keep the recruiter who handled them.
 */
export async function reassignCandidateInTx(tx: Tx, candidateId: string, recruiterId: string, actor: { userId: string }) {
  const candidate = await tx.candidate.findUnique({
    where: { id: candidateId },
    select: { recruiter: { select: { id: true, name: true } } },
  });
  if (!candidate) throw new RuleViolation("This candidate no longer exists.");
  if (candidate.recruiter.id === recruiterId) return;
  const next = await tx.user.findFirst({ where: { id: recruiterId, active: true }, select: { id: true, name: true } });
  if (!next) throw new RuleViolation("Choose an active recruiter or manager.", "recruiterId");
  await tx.candidate.update({ where: { id: candidateId }, data: { recruiterId: next.id } });
  const moved = await tx.interview.updateMany({
    where: {
      candidateId,
      recruiterId: { not: next.id },
      OR: [{ scheduledAt: { gte: new Date() } }, { flags: { some: { removedAt: null, resolvedAt: null } } }],
    },
    data: { recruiterId: next.id },
  });
  await syncCandidateSummary(tx, candidateId);
  await recordAudit(tx, {
    actor,
    action: "candidate.reassigned",
    entityType: "Candidate",
    entityId: candidateId,
    candidateId,
    before: { recruiterId: candidate.recruiter.id, recruiterName: candidate.recruiter.name },
    after: { recruiterId: next.id, recruiterName: next.name, interviewsMoved: moved.count },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Timeline: typed entries from each fact table plus the audit events that have no fact row of their own,
// merged newest first. A later feature adds a source to `timelineSources` (and, for audit-only events, a
// renderer to `auditRenderers`).

export type TimelineKind = "candidate" | "interview" | "flag" | "checklist" | "email" | "second-interview" | "outcome";

export type TimelineEntry = {
  /** Unique and stable, e.g. "flag:abc:resolved". */
  key: string;
  at: Date;
  kind: TimelineKind;
  /** What happened, in plain words. */
  summary: string;
  detail?: string | null;
  /** Who did it, when known. */
  actor?: string | null;
  href?: string | null;
  /** Text of the link (what it opens). */
  linkLabel?: string | null;
};

type AuditRow = {
  id: string;
  at: Date;
  action: string;
  entityId: string;
  before: string | null;
  after: string | null;
  actor: string | null;
};

const actorLabels: Record<string, string> = { candidate: "The candidate", system: "Rebound", cli: "An administrator" };

/**
 * The candidate's audit events, read once. A fact source `claim`s the event that its row already shows (to name
 * who did it); what is left unclaimed is rendered from the audit log itself, so nothing appears twice.
 */
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

  /** The newest not yet claimed event of this action on this entity (rows come newest first). */
  claim(action: string, entityId: string) {
    const row = this.byKey.get(`${action}:${entityId}`)?.find((r) => !this.claimed.has(r.id));
    if (row) this.claimed.add(row.id);
    return row;
  }

  unclaimed() {
    return this.rows.filter((r) => !this.claimed.has(r.id));
  }
}

export type TimelineContext = { candidateId: string; limit: number; timeZone: string; now: Date; audit: AuditLedger };
export type TimelineSource = (ctx: TimelineContext) => Promise<TimelineEntry[]>;

function labelOrNone(value: unknown, label: (v: string) => string = String) {
  return value === null || value === undefined || value === "" ? "none" : label(String(value));
}

/** Reasons in the taxonomy's order (the database returns them by code). */
export function sortReasons(reasons: string[]) {
  const order = (r: string) => {
    const i = (flagReasons.values as readonly string[]).indexOf(r);
    return i === -1 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...reasons].sort((a, b) => order(a) - order(b));
}

/** "Arrived late or transport trouble, Other: took a call (serious)". */
export function describeFlag(reasons: string[], severity: string, otherReason?: string | null) {
  const text = sortReasons(reasons)
    .map((r) => (r === "other" && otherReason ? `${flagReasons.label(r)}: ${otherReason}` : flagReasons.label(r)))
    .join(", ");
  return `${text || "no reason given"} (${flagSeverities.label(severity).toLowerCase()})`;
}

const interviewLink = (interviewId: string, company?: string | null) => ({
  href: `/interviews/${interviewId}`,
  linkLabel: company ? `Interview with ${company}` : "Open the interview",
});

const candidateSource: TimelineSource = async ({ candidateId, audit }) => {
  const candidate = await prisma.candidate.findUnique({ where: { id: candidateId }, select: { createdAt: true } });
  if (!candidate) return [];
  const created = audit.claim("candidate.created", candidateId);
  return [
    {
      key: `candidate:${candidateId}:created`,
      at: candidate.createdAt,
      kind: "candidate",
      summary: "Added as a candidate",
      actor: created?.actor,
    },
  ];
};

const interviewSource: TimelineSource = async ({ candidateId, limit, now }) => {
  const interviews = await prisma.interview.findMany({
    where: { candidateId },
    orderBy: { scheduledAt: "desc" },
    take: limit,
    select: {
      id: true,
      scheduledAt: true,
      roleTitle: true,
      round: true,
      format: true,
      impression: true,
      interviewerName: true,
      company: { select: { name: true } },
    },
  });
  return interviews.map((i) => {
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
};

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
      resolvedAt: true,
      removedAt: true,
      flaggedBy: { select: { name: true } },
      resolvedBy: { select: { name: true } },
      reasons: { select: { reason: true } },
      interview: { select: { company: { select: { name: true } } } },
    },
  });
  const entries: TimelineEntry[] = [];
  for (const f of flags) {
    const link = interviewLink(f.interviewId, f.interview.company.name);
    const raised = audit.claim("flag.raised", f.id);
    entries.push({
      key: `flag:${f.id}:raised`,
      at: f.flaggedAt,
      kind: "flag",
      summary: `Flagged as gone badly: ${describeFlag(
        f.reasons.map((r) => r.reason),
        f.severity,
        f.otherReason,
      )}`,
      detail: f.description,
      actor: raised?.actor ?? f.flaggedBy.name,
      ...link,
    });
    if (f.resolvedAt) {
      const resolved = audit.claim("flag.resolved", f.id);
      entries.push({
        key: `flag:${f.id}:resolved`,
        at: f.resolvedAt,
        kind: "flag",
        summary: "Flag resolved",
        actor: resolved?.actor ?? f.resolvedBy?.name,
        ...link,
      });
    }
    if (f.removedAt) {
      const removed = audit.claim("flag.removed", f.id);
      entries.push({
        key: `flag:${f.id}:removed`,
        at: f.removedAt,
        kind: "flag",
        summary: "Flag removed",
        actor: removed?.actor,
        ...link,
      });
    }
  }
  return entries;
};

const checklistRunSource: TimelineSource = async ({ candidateId, limit }) => {
  const runs = await prisma.checklistRun.findMany({
    where: { interview: { candidateId } },
    orderBy: { startedAt: "desc" },
    take: limit,
    select: {
      id: true,
      interviewId: true,
      startedAt: true,
      completedAt: true,
      cancelledAt: true,
      playbookVersion: { select: { version: true } },
    },
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
    // The tick this row shows; earlier ticks that were undone stay on the timeline from the audit log.
    const action = s.completedByCandidate
      ? "coaching.step_done_by_candidate"
      : s.status === "done"
        ? "checklist.step_done"
        : "checklist.step_skipped";
    audit.claim(action, s.id);
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
    const requested = audit.claim("second_interview.requested", r.id);
    const timing = requestTiming(r.interview, r.requestedAt);
    const entries: TimelineEntry[] = [
      {
        key: `second-interview:${r.id}:requested`,
        at: r.requestedAt,
        kind: "second-interview",
        summary: `Second interview requested from ${company} (by ${by}, ${requestChannels.label(r.channel).toLowerCase()}, ${timing.text})`,
        detail: r.note,
        actor: requested?.actor ?? r.recordedBy.name,
        ...link,
      },
    ];
    if (r.respondedAt && r.response !== "pending") {
      // The answer in force; earlier answers that were changed stay on the timeline from the audit log.
      const responded = audit.claim("second_interview.responded", r.id);
      entries.push({
        key: `second-interview:${r.id}:responded`,
        at: r.respondedAt,
        kind: "second-interview",
        summary:
          r.response === "no_response"
            ? `No response from ${company} to the second-interview request`
            : `Second interview ${requestResponses.label(r.response).toLowerCase()} by ${company}`,
        actor: responded?.actor ?? r.recordedBy.name,
        ...link,
      });
    }
    return entries;
  });
};

const outcomeSource: TimelineSource = async ({ candidateId, limit, timeZone, audit }) => {
  const outcomes = await prisma.candidacyOutcome.findMany({
    where: { candidateId },
    orderBy: { decidedAt: "desc" },
    take: limit,
    select: {
      id: true,
      outcome: true,
      decidedAt: true,
      startDate: true,
      note: true,
      interviewId: true,
      company: { select: { name: true } },
      recordedBy: { select: { name: true } },
    },
  });
  return outcomes.map((o) => {
    const at = o.company ? ` at ${o.company.name}` : "";
    const start = o.startDate ? `, starting ${formatDate(o.startDate, timeZone)}` : "";
    return {
      key: `outcome:${o.id}`,
      at: o.decidedAt,
      kind: "outcome" as const,
      summary: `Outcome: ${candidacyOutcomes.label(o.outcome)}${at}${start}`,
      detail: o.note,
      actor: audit.claim("outcome.recorded", o.id)?.actor ?? o.recordedBy.name,
      ...(o.interviewId ? interviewLink(o.interviewId, o.company?.name) : {}),
    };
  });
};

/** Fact sources; each reads one table once, bounded. */
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

function parseJson(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const candidateFieldLabels: Record<string, string> = {
  name: "Name",
  email: "Email",
  phone: "Phone",
  linkedinUrl: "LinkedIn",
  status: "Status",
};

type AuditRenderer = (row: AuditRow, before: Record<string, unknown>, after: Record<string, unknown>) => Omit<TimelineEntry, "key" | "at" | "actor"> | null;

function flagLink(after: Record<string, unknown>) {
  return typeof after.interviewId === "string" ? interviewLink(after.interviewId) : {};
}

function flagText(after: Record<string, unknown>) {
  const reasons = Array.isArray(after.reasons) ? after.reasons.map(String) : [];
  return describeFlag(reasons, String(after.severity ?? ""), typeof after.otherReason === "string" ? after.otherReason : null);
}

/** How each audit action reads on the timeline when no fact row shows it. Unknown actions are left out. */
export const auditRenderers: Record<string, AuditRenderer> = {
  "candidate.updated": (_row, before, after) => {
    const fields = Object.keys(after).filter((f) => f in candidateFieldLabels);
    if (!fields.length) return null;
    const statusLabel = (v: string) => candidateStatuses.label(v);
    if (fields.length === 1 && fields[0] === "status") {
      return {
        kind: "candidate",
        summary: `Status changed from ${labelOrNone(before.status, statusLabel)} to ${labelOrNone(after.status, statusLabel)}`,
      };
    }
    const changes = fields.map((f) => {
      const label = f === "status" ? statusLabel : String;
      return `${candidateFieldLabels[f]}: ${labelOrNone(before[f], label)} → ${labelOrNone(after[f], label)}`;
    });
    return {
      kind: "candidate",
      summary: fields.includes("status") ? "Details and status changed" : "Contact details changed",
      detail: changes.join("; "),
    };
  },
  "candidate.reassigned": (_row, before, after) => ({
    kind: "candidate",
    summary: `Reassigned from ${labelOrNone(before.recruiterName)} to ${labelOrNone(after.recruiterName)}`,
  }),
  "interview.logged": (row, _before, after) => ({
    kind: "interview",
    summary: `Interview logged${typeof after.companyName === "string" ? ` with ${after.companyName}` : ""}${
      typeof after.roleTitle === "string" ? ` for ${after.roleTitle}` : ""
    }`,
    ...interviewLink(row.entityId, typeof after.companyName === "string" ? after.companyName : null),
  }),
  "flag.raised": (_row, _before, after) => ({
    kind: "flag",
    summary: `Flagged as gone badly: ${flagText(after)}`,
    detail: typeof after.description === "string" ? after.description : null,
    ...flagLink(after),
  }),
  "flag.edited": (_row, _before, after) => ({
    kind: "flag",
    summary: `Flag edited, now: ${flagText(after)}`,
    detail: typeof after.description === "string" ? after.description : null,
    ...flagLink(after),
  }),
  "flag.resolved": (_row, _before, after) => ({ kind: "flag", summary: "Flag resolved", ...flagLink(after) }),
  "flag.reopened": (_row, _before, after) => ({ kind: "flag", summary: "Flag reopened", ...flagLink(after) }),
  "flag.removed": (_row, _before, after) => ({ kind: "flag", summary: "Flag removed", ...flagLink(after) }),
  // Checklist ticks still in force show from their step row (checklistStepSource); these are the undone ones,
  // the undos and the notes.
  "checklist.step_done": (_row, _before, after) => ({ kind: "checklist", summary: `Checklist step done: ${stepTitle(after)}`, ...flagLink(after) }),
  "checklist.step_skipped": (_row, _before, after) => ({ kind: "checklist", summary: `Checklist step skipped: ${stepTitle(after)}`, ...flagLink(after) }),
  "checklist.step_reopened": (_row, before, after) => ({
    kind: "checklist",
    summary: `Checklist step back to do (was ${before.status === "skipped" ? "skipped" : "done"}): ${stepTitle(after)}`,
    detail: after.checklistReopened ? "The checklist is open again." : null,
    ...flagLink(after),
  }),
  "checklist.step_noted": (_row, _before, after) => ({
    kind: "checklist",
    summary: `${typeof after.note === "string" ? "Note on" : "Note removed from"} checklist step: ${stepTitle(after)}`,
    detail: typeof after.note === "string" ? after.note : null,
    ...flagLink(after),
  }),
  "coaching.link_created": (_row, _before, after) => ({
    kind: "checklist",
    summary: "Link to the candidate's coaching page created",
    ...flagLink(after),
  }),
  "coaching.link_revoked": (_row, _before, after) => ({
    kind: "checklist",
    summary: after.replacedBy ? "Link to the candidate's coaching page revoked (replaced by a new link)" : "Link to the candidate's coaching page revoked",
    ...flagLink(after),
  }),
  "coaching.reflection_saved": (_row, _before, after) => ({
    kind: "checklist",
    summary: "The candidate worked on their reflection",
    ...flagLink(after),
  }),
  "candidate.unsubscribed": () => ({ kind: "email", summary: "Unsubscribed from recovery emails" }),
  // Requests, answers in force and outcomes show from their rows (and claim these); what is left is history.
  "second_interview.requested": (_row, _before, after) => ({
    kind: "second-interview",
    summary: "Second interview requested",
    ...flagLink(after),
  }),
  "second_interview.responded": (_row, before, after) => ({
    kind: "second-interview",
    summary: `Answer to the second-interview request recorded: ${labelOrNone(after.response, requestResponses.label).toLowerCase()} (was ${labelOrNone(before.response, requestResponses.label).toLowerCase()})`,
    ...flagLink(after),
  }),
  "second_interview.scheduled": (row, _before, after) => ({
    kind: "second-interview",
    summary: `Second interview scheduled${typeof after.companyName === "string" ? ` with ${after.companyName}` : ""}`,
    href: `/interviews/${row.entityId}`,
    linkLabel: "Open the second interview",
  }),
  "outcome.recorded": (_row, _before, after) => ({
    kind: "outcome",
    summary: `Outcome: ${labelOrNone(after.outcome, candidacyOutcomes.label)}`,
    ...flagLink(after),
  }),
};

/** Autosave records every change the candidate makes; the timeline shows their reflection work once a day. */
function collapseReflectionSaves(rows: AuditRow[], timeZone: string) {
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (row.action !== "coaching.reflection_saved") return true;
    const key = toDateInputValue(row.at, timeZone);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stepTitle(after: Record<string, unknown>) {
  return typeof after.step === "string" ? after.step : "a step";
}

/** The candidate's timeline, newest first: a fixed number of bounded queries, whatever the history. */
export async function candidateTimeline(
  candidateId: string,
  { limit = TIMELINE_LIMIT, timeZone = "UTC", now = new Date() }: { limit?: number; timeZone?: string; now?: Date } = {},
) {
  const events = await prisma.auditEvent.findMany({
    where: { candidateId, action: { in: Object.keys(auditRenderers).concat("candidate.created") } },
    orderBy: { at: "desc" },
    take: limit,
    select: {
      id: true,
      at: true,
      action: true,
      entityId: true,
      before: true,
      after: true,
      actorLabel: true,
      actor: { select: { name: true } },
    },
  });
  const audit = new AuditLedger(
    events.map(({ actor, actorLabel, ...e }) => ({
      ...e,
      actor: actor?.name ?? (actorLabel ? (actorLabels[actorLabel] ?? actorLabel) : null),
    })),
  );
  const ctx: TimelineContext = { candidateId, limit, timeZone, now, audit };
  const fromFacts = (await Promise.all(timelineSources.map((source) => source(ctx)))).flat();
  const fromAudit = collapseReflectionSaves(audit.unclaimed(), timeZone).flatMap((row): TimelineEntry[] => {
    const entry = auditRenderers[row.action]?.(row, parseJson(row.before), parseJson(row.after));
    return entry ? [{ ...entry, key: `audit:${row.id}`, at: row.at, actor: row.actor }] : [];
  });
  return [...fromFacts, ...fromAudit]
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
    .slice(0, limit);
}
