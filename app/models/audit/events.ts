// The audit log's vocabulary: every event kind with the shape of its payload. Writers and readers both go through
// these schemas, so the type checker keeps them in step. Stored rows are parsed, never trusted (see parseAuditEvent).
import { z } from "zod";

const PERSONAL = "personal";

/**
 * Marks a payload field that holds personal data about the person the event concerns (a name, an email address, a
 * phone number, free text they or others wrote). Erasing a candidate blanks exactly these fields of their events.
 */
function personal<T extends z.ZodTypeAny>(schema: T): T {
  return schema.describe(PERSONAL);
}

const text = z.string();
const optionalText = z.string().nullable();
const isoDate = z.string();

const candidateFields = z.object({
  name: personal(text),
  email: personal(text),
  phone: personal(optionalText),
  linkedinUrl: personal(optionalText),
  status: text,
});

const candidateChanges = z
  .object({
    name: personal(optionalText),
    email: personal(optionalText),
    phone: personal(optionalText),
    linkedinUrl: personal(optionalText),
    status: optionalText,
  })
  .partial();

const flagShape = z.object({
  interviewId: text,
  reasons: z.array(text),
  severity: text,
  source: text,
  description: personal(text).optional(),
  otherReason: personal(text).optional(),
});

const stepAfter = z.object({ interviewId: text, step: text });
const stepStatus = z.object({ status: text });
const agencyFields = z.object({
  name: text,
  timeZone: text,
  senderName: text,
  replyTo: optionalText,
  recruitersSeeOwnCandidatesOnly: z.boolean().optional(),
  quietAfterDays: z.number().optional(),
  overdueGraceHours: z.number().optional(),
  checkInEnabled: z.boolean().optional(),
  checkInAfterHours: z.number().optional(),
});

const profileChanges = z
  .object({ name: personal(text), phone: personal(optionalText), emailSignature: personal(optionalText) })
  .partial();
const savedViewFields = z.object({ table: text, name: text, query: text, shared: z.boolean() });

type EventSpec = { entityType: string; before?: z.ZodTypeAny; after?: z.ZodTypeAny };

function defineEvents<const T extends Record<string, EventSpec>>(events: T) {
  return events;
}

export const auditEvents = defineEvents({
  "agency.updated": { entityType: "Agency", before: agencyFields, after: agencyFields },
  "demo.seeded": { entityType: "Agency", after: z.object({ manager: text }) },
  "agency.setup_completed": {
    entityType: "Agency",
    after: z.object({ agencyName: text, timeZone: text, managerId: text, managerEmail: personal(text) }),
  },

  "candidate.created": {
    entityType: "Candidate",
    after: candidateFields.pick({ name: true, email: true, phone: true, linkedinUrl: true }),
  },
  "candidate.updated": { entityType: "Candidate", before: candidateChanges, after: candidateChanges },
  "candidate.reassigned": {
    entityType: "Candidate",
    before: z.object({ recruiterId: text, recruiterName: text }),
    after: z.object({ recruiterId: text, recruiterName: text, interviewsMoved: z.number() }),
  },
  "candidate.unsubscribed": {
    entityType: "Candidate",
    before: z.object({ emailOptOut: z.boolean() }),
    after: z.object({ emailOptOut: z.boolean(), queuedMessagesStopped: z.number() }),
  },

  "interview.logged": {
    entityType: "Interview",
    after: z.object({ companyName: text, roleTitle: text, round: text, scheduledAt: isoDate, impression: text }),
  },

  // The candidate's check-in after an interview (app/models/check-in/check-in.server.ts).
  "checkin.sent": { entityType: "CheckIn", after: z.object({ interviewId: text, emailId: text }) },
  "checkin.skipped": { entityType: "CheckIn", after: z.object({ interviewId: text, reason: text }) },
  "checkin.answered": {
    entityType: "CheckIn",
    after: z.object({ interviewId: text, answer: text, reasons: z.array(text), note: personal(text).optional(), flagId: text.optional() }),
  },

  "flag.raised": { entityType: "InterviewFlag", after: flagShape },
  "flag.edited": { entityType: "InterviewFlag", before: flagShape, after: flagShape },
  // Written before the recovery lifecycle (decision 009), read for old rows: closing is now "recovery.closed".
  "flag.resolved": { entityType: "InterviewFlag", after: flagShape },
  "flag.reopened": { entityType: "InterviewFlag", after: flagShape },
  "flag.removed": { entityType: "InterviewFlag", after: flagShape },

  // The recovery a flag started (app/models/recovery/lifecycle.server.ts).
  "recovery.closed": {
    entityType: "InterviewFlag",
    before: z.object({ state: text }),
    after: z.object({ interviewId: text, reason: text, note: personal(text).optional(), stepsNotNeeded: z.number() }),
  },
  "recovery.reopened": {
    entityType: "InterviewFlag",
    before: z.object({ state: text, reason: optionalText }),
    after: z.object({ interviewId: text, state: text, stepsBack: z.number() }),
  },
  "recovery.moved": { entityType: "InterviewFlag", before: z.object({ state: text }), after: z.object({ interviewId: text, state: text }) },
  "recovery.snoozed": {
    entityType: "InterviewFlag",
    after: z.object({ interviewId: text, until: isoDate, note: personal(text).optional() }),
  },
  "recovery.woken": { entityType: "InterviewFlag", before: z.object({ until: isoDate }), after: z.object({ interviewId: text }) },

  "checklist.started": {
    entityType: "ChecklistRun",
    after: z.object({ interviewId: text, flagId: text, playbookVersion: z.number(), steps: z.number() }),
  },
  "checklist.completed": { entityType: "ChecklistRun", after: z.object({ interviewId: text, status: text }) },
  "checklist.cancelled": { entityType: "ChecklistRun", before: stepStatus, after: z.object({ interviewId: text, status: text }) },
  "checklist.step_done": {
    entityType: "ChecklistStepState",
    before: stepStatus,
    after: stepAfter.extend({ status: text, note: personal(text).optional() }),
  },
  "checklist.step_skipped": {
    entityType: "ChecklistStepState",
    before: stepStatus,
    after: stepAfter.extend({ status: text, note: personal(text).optional() }),
  },
  "checklist.step_reopened": {
    entityType: "ChecklistStepState",
    before: stepStatus,
    after: stepAfter.extend({ status: text, checklistReopened: z.boolean().optional() }),
  },
  "checklist.step_noted": {
    entityType: "ChecklistStepState",
    before: z.object({ note: personal(optionalText) }),
    after: stepAfter.extend({ note: personal(optionalText) }),
  },

  "coaching.link_created": {
    entityType: "CoachingLink",
    // emailId: a link minted at delivery for the email it went out in.
    after: z.object({ interviewId: text, runId: text, expiresAt: isoDate, replacedLinkIds: z.array(text), emailId: text.optional() }),
  },
  "coaching.link_revoked": {
    entityType: "CoachingLink",
    before: z.object({ revokedAt: z.null() }),
    // replacedBy: the new link that replaced this one ("Create a new link").
    after: z.object({ interviewId: text, runId: text, revokedAt: isoDate, replacedBy: text.optional() }),
  },
  "coaching.step_done_by_candidate": {
    entityType: "ChecklistStepState",
    before: stepStatus,
    after: z.object({ status: text, stepTitle: text, interviewId: text, runId: text }),
  },
  // Names the questions answered, never the candidate's words (the run keeps those).
  "coaching.reflection_saved": {
    entityType: "ChecklistRun",
    after: z.object({ interviewId: text, changedFields: z.array(text) }),
  },

  "email.queued": {
    entityType: "EmailMessage",
    after: z.object({ template: text, subject: personal(text), toAddress: personal(text), messageId: text }),
  },
  "email.retried": {
    entityType: "EmailMessage",
    before: z.object({ status: text, attempts: z.number(), lastError: personal(optionalText) }),
    after: z.object({ status: text }),
  },
  "email.sent": {
    entityType: "EmailMessage",
    after: z.object({ messageId: text, attempts: z.number(), response: text.optional() }),
  },
  "email.failed": { entityType: "EmailMessage", after: z.object({ attempts: z.number(), lastError: personal(text) }) },
  "email.captured": { entityType: "EmailMessage" },

  "second_interview.requested": {
    entityType: "SecondInterviewRequest",
    after: z.object({ interviewId: text, requestedAt: isoDate, requestedBy: text, channel: text, withinWindow: z.boolean() }),
  },
  "second_interview.responded": {
    entityType: "SecondInterviewRequest",
    before: z.object({ response: text, respondedAt: isoDate.nullable() }),
    after: z.object({ interviewId: text, response: text, respondedAt: isoDate.nullable() }),
  },
  "second_interview.scheduled": {
    entityType: "Interview",
    after: z.object({
      requestId: text,
      interviewId: text,
      companyName: text,
      roleTitle: text,
      scheduledAt: isoDate,
      format: text,
    }),
  },
  "outcome.recorded": {
    entityType: "CandidacyOutcome",
    after: z.object({ interviewId: text, outcome: text, decidedAt: isoDate, startDate: isoDate.nullable() }),
  },

  "playbook.saved": {
    entityType: "PlaybookVersion",
    before: z.object({ version: z.number(), steps: z.array(text) }),
    after: z.object({ version: z.number(), steps: z.array(text) }),
  },

  "user.created": {
    entityType: "User",
    after: z.object({ name: personal(text), email: personal(text), role: text }),
  },
  "user.role_changed": { entityType: "User", before: z.object({ role: text }), after: z.object({ role: text }) },
  "user.deactivated": { entityType: "User", before: z.object({ active: z.boolean() }), after: z.object({ active: z.boolean() }) },
  "user.reactivated": { entityType: "User", before: z.object({ active: z.boolean() }), after: z.object({ active: z.boolean() }) },
  "user.password_reset": { entityType: "User" },
  "user.password_set": { entityType: "User" },
  "user.session_ended": { entityType: "User" },
  "user.other_sessions_ended": { entityType: "User", after: z.object({ ended: z.number() }) },
  "user.unlock_email_requested": { entityType: "User", after: z.object({ ip: personal(text) }) },
  // My profile: the user's own details (only the fields that changed) and password.
  "user.profile_updated": { entityType: "User", before: profileChanges, after: profileChanges },
  "user.password_changed": { entityType: "User", after: z.object({ sessionsEnded: z.number() }) },
  // One per previous owner of a bulk reassign, about that owner (entityId), so they can be told what moved.
  "candidates.bulk_reassigned": {
    entityType: "User",
    after: z.object({
      previousOwnerId: text,
      toRecruiterId: text,
      toRecruiterName: text,
      candidateIds: z.array(text),
      count: z.number(),
    }),
  },

  "saved_view.created": { entityType: "SavedView", after: savedViewFields },
  "saved_view.renamed": { entityType: "SavedView", before: z.object({ name: text }), after: z.object({ name: text }) },
  "saved_view.shared": { entityType: "SavedView", before: z.object({ shared: z.boolean() }), after: z.object({ shared: z.boolean() }) },
  "saved_view.deleted": { entityType: "SavedView", before: savedViewFields },

  // The recruiter's "remind the candidate" switch on a recovery (app/models/recovery/candidate-reminders.server.ts).
  "recovery.candidate_reminders_set": {
    entityType: "InterviewFlag",
    before: z.object({ on: z.boolean() }),
    after: z.object({ interviewId: text, on: z.boolean() }),
  },
});

type Specs = typeof auditEvents;
export type AuditAction = keyof Specs;

/** A member of staff acting through the app. */
export type StaffActor = { userId: string };
/** Who did it: a member of staff, or someone without an account. */
export type AuditActor = StaffActor | { label: "candidate" | "system" | "cli" };

type Schema<S, K extends "before" | "after"> = S extends { [P in K]: infer Z extends z.ZodTypeAny } ? Z : never;
type InputPart<S, K extends "before" | "after"> = [Schema<S, K>] extends [never]
  ? { [P in K]?: undefined }
  : { [P in K]: z.input<Schema<S, K>> };
type OutputPart<S, K extends "before" | "after"> = [Schema<S, K>] extends [never]
  ? { [P in K]: null }
  : { [P in K]: z.output<Schema<S, K>> };

/** What a writer passes to recordAudit: the kind decides the entity type and the payload's shape. */
export type AuditEventInput = {
  [A in AuditAction]: { action: A; actor: AuditActor; entityId: string; candidateId?: string | null } & InputPart<Specs[A], "before"> &
    InputPart<Specs[A], "after">;
}[AuditAction];

/** A stored event of one kind, its payload checked against the vocabulary. */
export type AuditEventOf<A extends AuditAction> = { action: A } & OutputPart<Specs[A], "before"> & OutputPart<Specs[A], "after">;
export type KnownAuditEvent = { [A in AuditAction]: AuditEventOf<A> }[AuditAction];

/** A stored row whose kind is unknown (written by a later or earlier version) or whose payload no longer fits. */
export type UnrecognisedAuditEvent = { action: "unrecognised"; storedAction: string; before: null; after: null };

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(auditEvents, action);
}

export function entityTypeOf(action: AuditAction) {
  return auditEvents[action].entityType;
}

function readJson(text: string | null): { ok: true; value: unknown } | { ok: false } {
  if (text === null) return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function parsePart(schema: z.ZodTypeAny | undefined, stored: string | null) {
  if (!schema) return { ok: true as const, value: null };
  const json = readJson(stored);
  if (!json.ok) return { ok: false as const };
  const parsed = schema.safeParse(json.value);
  return parsed.success ? { ok: true as const, value: parsed.data as unknown } : { ok: false as const };
}

/** Reads a stored event back. Never throws: an unknown kind or a payload that doesn't fit comes back unrecognised. */
export function parseAuditEvent(row: { action: string; before: string | null; after: string | null }): KnownAuditEvent | UnrecognisedAuditEvent {
  const unrecognised: UnrecognisedAuditEvent = { action: "unrecognised", storedAction: row.action, before: null, after: null };
  if (!isAuditAction(row.action)) return unrecognised;
  const spec: EventSpec = auditEvents[row.action];
  const before = parsePart(spec.before, row.before);
  const after = parsePart(spec.after, row.after);
  if (!before.ok || !after.ok) return unrecognised;
  return { action: row.action, before: before.value, after: after.value } as KnownAuditEvent;
}

function personalKeys(schema: z.ZodTypeAny | undefined): string[] {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap();
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape as Record<string, z.ZodTypeAny>)
    .filter(([, field]) => field.description === PERSONAL)
    .map(([key]) => key);
}

/** The payload fields of each kind that hold personal data, for erasure and export. */
export function personalFields(action: AuditAction): { before: string[]; after: string[] } {
  const spec: EventSpec = auditEvents[action];
  return { before: personalKeys(spec.before), after: personalKeys(spec.after) };
}
