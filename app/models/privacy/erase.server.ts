// Erasing a candidate: every personal datum about them, everywhere, removed or anonymised in one transaction, while
// what the statistics count (rows, dates, reasons, outcomes, recruiters) stays. The one erase function: the manager's
// "Erase this candidate" and the retention job both call eraseCandidateInTx.
import { z } from "zod";
import { recordAudit } from "~/models/audit/audit.server";
import { auditEvents, isAuditAction, personalFields, type AuditActor } from "~/models/audit/events";
import { prisma, type Tx } from "~/utils/db.server";
import { lockCandidate } from "~/models/candidates/candidate-lock.server";
import { RuleViolation } from "~/utils/errors.server";
import { confirmsName, type ErasureReason } from "./privacy-forms";
import { suppressEmailInTx } from "./suppression.server";

/** What replaces a personal text that can't be left out (a required field of an old audit event, an email's subject). */
export const ERASED = "[erased]";

const NOT_SENT = "Not sent: the candidate was erased before it went out.";

/** The email column is required and unique: an erased candidate gets an address under the reserved .invalid domain. */
export function erasedEmail(candidateId: string) {
  return `erased-${candidateId}@erased.invalid`;
}

/** "Erased candidate #3f9a1c": stable, not personal, and still tells two erased rows apart in a table. */
export function erasedName(candidateId: string) {
  return `Erased candidate #${candidateId.slice(-6)}`;
}

export type EraseInput = { reason: ErasureReason; note?: string | null };
export type EraseResult = {
  candidateId: string;
  emailsCancelled: number;
  jobsCancelled: number;
  interviews: number;
};

/** The erasure, inside the caller's transaction. Refuses an unknown or already erased candidate. */
export async function eraseCandidateInTx(tx: Tx, candidateId: string, input: EraseInput, actor: AuditActor, now: Date): Promise<EraseResult> {
  // After the lock, an email queued or a flag raised at the same moment is either committed (and erased) or waits.
  await lockCandidate(tx, candidateId);
  const candidate = await tx.candidate.findUnique({
    where: { id: candidateId },
    select: { id: true, name: true, email: true, phone: true, linkedinUrl: true, erasedAt: true },
  });
  if (!candidate) throw new RuleViolation("This candidate no longer exists.");
  if (candidate.erasedAt) throw new RuleViolation("This candidate was already erased.");

  // First stop what is still waiting to go out: a queued email must never leave after its recipient was erased.
  const waiting = await tx.emailMessage.findMany({ where: { candidateId, status: { in: ["queued", "sending"] } }, select: { id: true } });
  const cancelled = await tx.emailMessage.updateMany({
    where: { id: { in: waiting.map((m) => m.id) } },
    data: { status: "failed", nextAttemptAt: now, leaseUntil: null },
  });

  const interviews = await tx.interview.findMany({ where: { candidateId }, select: { id: true } });
  const interviewIds = interviews.map((i) => i.id);
  const [flags, requests, checkIns, runs] = await Promise.all([
    tx.interviewFlag.findMany({ where: { interviewId: { in: interviewIds } }, select: { id: true } }),
    tx.secondInterviewRequest.findMany({ where: { candidateId }, select: { id: true } }),
    tx.checkIn.findMany({ where: { interviewId: { in: interviewIds } }, select: { id: true } }),
    tx.checklistRun.findMany({ where: { interviewId: { in: interviewIds } }, select: { id: true } }),
  ]);
  const subjectIds = [candidateId, ...interviewIds, ...flags.map((f) => f.id), ...requests.map((r) => r.id), ...checkIns.map((c) => c.id)];
  const jobsCancelled = await cancelJobsAbout(tx, subjectIds, now);

  await tx.candidate.update({
    where: { id: candidateId },
    data: {
      name: erasedName(candidateId),
      email: erasedEmail(candidateId),
      phone: null,
      linkedinUrl: null,
      emailOptOut: true,
      optedOutAt: now,
      erasedAt: now,
      consentHow: null,
      retentionExemptReason: null,
    },
  });
  await tx.interview.updateMany({ where: { candidateId }, data: { notes: null, interviewerName: null } });
  await tx.interviewFlag.updateMany({
    where: { interviewId: { in: interviewIds } },
    data: { description: null, otherReason: null, closedNote: null, snoozeNote: null },
  });
  const runIds = runs.map((r) => r.id);
  await tx.checklistRun.updateMany({
    where: { id: { in: runIds } },
    data: { reflectionWentWell: null, reflectionWentWrong: null, reflectionQuestions: null, reflectionDoDifferently: null },
  });
  await tx.checklistStepState.updateMany({ where: { runId: { in: runIds } }, data: { note: null } });
  await tx.coachingLink.deleteMany({ where: { runId: { in: runIds } } });
  await tx.checkIn.updateMany({ where: { interviewId: { in: interviewIds } }, data: { note: null } });
  await tx.checkInLink.deleteMany({ where: { checkInId: { in: checkIns.map((c) => c.id) } } });
  await tx.unsubscribeLink.deleteMany({ where: { candidateId } });
  await tx.secondInterviewRequest.updateMany({ where: { candidateId }, data: { note: null } });
  await tx.candidacyOutcome.updateMany({ where: { candidateId }, data: { note: null } });
  // The messages stay (the statistics count emails by template and status); what they said and to whom goes.
  await tx.emailMessage.updateMany({
    where: { candidateId },
    data: { toAddress: ERASED, subject: ERASED, html: "", text: "", personalNote: null, lastError: null },
  });
  await tx.emailMessage.updateMany({ where: { id: { in: waiting.map((m) => m.id) } }, data: { lastError: NOT_SENT } });
  await tx.notification.updateMany({ where: { candidateId }, data: { title: "About a candidate who was erased", text: null } });
  await eraseAuditPayloads(tx, candidateId);
  await scrubMentions(tx, candidate);

  await suppressEmailInTx(tx, candidate.email, now);
  const result = { candidateId, emailsCancelled: cancelled.count, jobsCancelled, interviews: interviewIds.length };
  await recordAudit(tx, {
    actor,
    action: "candidate.erased",
    entityId: candidateId,
    candidateId,
    after: {
      reason: input.reason,
      note: input.note?.trim() || undefined,
      interviews: result.interviews,
      emailsCancelled: result.emailsCancelled,
      jobsCancelled: result.jobsCancelled,
    },
  });
  return result;
}

/** The erasure in its own transaction. */
export async function eraseCandidate(candidateId: string, input: EraseInput, actor: AuditActor, now: Date = new Date()) {
  return prisma.$transaction((tx) => eraseCandidateInTx(tx, candidateId, input, actor, now));
}

/** "Erase this candidate" on the profile: only when the typed name matches the stored one (checked in the transaction). */
export async function eraseCandidateConfirmed(
  candidateId: string,
  input: EraseInput & { confirmName: string },
  actor: AuditActor,
  now: Date = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    await lockCandidate(tx, candidateId);
    const current = await tx.candidate.findUnique({ where: { id: candidateId }, select: { name: true, erasedAt: true } });
    if (!current) throw new RuleViolation("This candidate no longer exists.");
    if (!current.erasedAt && !confirmsName(input.confirmName, current.name)) {
      throw new RuleViolation(`Type the candidate's name exactly as shown (“${current.name}”) to confirm.`, "confirmName");
    }
    return eraseCandidateInTx(tx, candidateId, input, actor, now);
  });
}

/**
 * Cancels every live job whose payload names the candidate or one of their interviews, flags, requests or check-ins.
 * Matching on the ids (not on kinds) also covers kinds added later, such as reminders to the candidate.
 */
async function cancelJobsAbout(tx: Tx, ids: string[], now: Date) {
  if (!ids.length) return 0;
  let cancelled = 0;
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const live = await tx.job.findMany({
      where: { doneAt: null, cancelledAt: null, failedAt: null, OR: chunk.map((id) => ({ payload: { contains: id } })) },
      select: { id: true, key: true },
    });
    for (const job of live) {
      await tx.job.update({ where: { id: job.id }, data: { cancelledAt: now, key: null, endedKey: job.key, leaseUntil: null } });
    }
    cancelled += live.length;
  }
  return cancelled;
}

/** The stored payload with each personal field blanked as its schema allows: "[erased]", null, or left out. */
export function erasePayload(action: string, part: "before" | "after", stored: string | null): string | null {
  if (stored === null) return null;
  // A kind this version doesn't know: nothing says which fields are personal, so none of it is kept.
  if (!isAuditAction(action)) return null;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return stored;
  const schema = auditEvents[action][part as never] as z.ZodTypeAny | undefined;
  const shape = objectShape(schema);
  const record = { ...(value as Record<string, unknown>) };
  for (const key of personalFields(action)[part]) {
    if (record[key] === null || record[key] === undefined) continue;
    // "[erased]" where the field takes text, so the timeline and the audit log say so; else null, else left out.
    const field = shape?.[key];
    if (!field || field.safeParse(ERASED).success) record[key] = ERASED;
    else if (field.safeParse(null).success) record[key] = null;
    else delete record[key];
  }
  return JSON.stringify(record);
}

function objectShape(schema: z.ZodTypeAny | undefined): Record<string, z.ZodTypeAny> | null {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap();
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodTypeAny>) : null;
}

/** Blanks the personal fields (as events.ts marks them) of every audit event on the candidate's timeline. */
async function eraseAuditPayloads(tx: Tx, candidateId: string) {
  const events = await tx.auditEvent.findMany({ where: { candidateId }, select: { id: true, action: true, before: true, after: true } });
  for (const event of events) {
    const before = erasePayload(event.action, "before", event.before);
    const after = erasePayload(event.action, "after", event.after);
    if (before !== event.before || after !== event.after) await tx.auditEvent.update({ where: { id: event.id }, data: { before, after } });
  }
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The candidate's name, email, phone and LinkedIn address where they appear as text about someone else's record:
 * staff emails and their audit events (an alert's subject), notifications without the candidate's id, jobs' errors,
 * saved views' searches. Replaced by "[erased]" as whole words, so a short name never eats into another word.
 */
async function scrubMentions(tx: Tx, candidate: { id: string; name: string; email: string | null; phone: string | null; linkedinUrl: string | null }) {
  const needles = [candidate.name, candidate.email, candidate.phone, candidate.linkedinUrl]
    .map((n) => n?.trim() ?? "")
    .filter((n) => n.length >= 3);
  if (!needles.length) return;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${needles.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`, "giu");
  // A query string spells spaces as "+" or "%20".
  const encoded = needles.flatMap((n) => [encodeURIComponent(n), n.replace(/ /g, "+")]).filter((n) => !needles.includes(n));
  const queryPattern = encoded.length ? new RegExp(`${encoded.map(escapeRegExp).join("|")}`, "gi") : null;
  const scrub = (text: string | null) => (text === null ? null : text.replace(pattern, ERASED));
  const mentions = (column: string) => ({ OR: needles.map((n) => ({ [column]: { contains: n } })) });

  const emails = await tx.emailMessage.findMany({
    where: { candidateId: null, OR: ["subject", "html", "text", "lastError"].flatMap((c) => mentions(c).OR) },
    select: { id: true, subject: true, html: true, text: true, lastError: true },
  });
  for (const e of emails) {
    await tx.emailMessage.update({
      where: { id: e.id },
      data: { subject: scrub(e.subject)!, html: scrub(e.html)!, text: scrub(e.text)!, lastError: scrub(e.lastError) },
    });
  }
  // Their own events too: a field not marked personal (an SMTP server's reply, say) may still quote their address.
  const events = await tx.auditEvent.findMany({
    where: { OR: [{ candidateId: null }, { candidateId: candidate.id }], AND: [{ OR: [...mentions("before").OR, ...mentions("after").OR] }] },
    select: { id: true, before: true, after: true },
  });
  // JSON strings: the replacement has no quote or backslash, so the payload stays valid JSON.
  for (const e of events) await tx.auditEvent.update({ where: { id: e.id }, data: { before: scrub(e.before), after: scrub(e.after) } });
  const notes = await tx.notification.findMany({
    where: { OR: [...mentions("title").OR, ...mentions("text").OR] },
    select: { id: true, title: true, text: true },
  });
  for (const n of notes) await tx.notification.update({ where: { id: n.id }, data: { title: scrub(n.title)!, text: scrub(n.text) } });
  const jobs = await tx.job.findMany({ where: mentions("lastError"), select: { id: true, lastError: true } });
  for (const j of jobs) await tx.job.update({ where: { id: j.id }, data: { lastError: scrub(j.lastError) } });
  const views = await tx.savedView.findMany({
    where: { OR: [...needles, ...encoded].flatMap((n) => [{ query: { contains: n } }, { name: { contains: n } }]) },
    select: { id: true, query: true, name: true },
  });
  for (const v of views) {
    const query = (queryPattern ? v.query.replace(queryPattern, "erased") : v.query).replace(pattern, "erased");
    const name = scrub(v.name)!;
    // The view's id keeps a renamed view's name unique among its owner's views.
    await tx.savedView.update({ where: { id: v.id }, data: { query, name: name === v.name ? name : `${name} (${v.id.slice(-4)})` } });
  }
}
