// A candidate's contact preferences and lawful basis: staff's "do not contact" (which, like the candidate's own
// unsubscribe, stops every email), the basis for holding their data, and when the privacy notice went out.
import { recordAudit } from "~/models/audit/audit.server";
import type { StaffActor } from "~/models/audit/events";
import { getAgency } from "~/models/agency/agency.server";
import { parseLocalDate, toDateInputValue } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { lockCandidate } from "~/models/candidates/candidate-lock.server";
import { RuleViolation } from "~/utils/errors.server";
import { candidateUnsubscribedRemindersInTx } from "../recovery/candidate-reminders.server";
import type { PrivacyDetailsInput } from "./privacy-forms";

/** Why no email may go to this candidate, in words for pages; null when email is allowed. One rule for every sender. */
export function contactBlockedReason(candidate: { name: string; emailOptOut: boolean; doNotContact: boolean; erasedAt?: Date | null }) {
  if (candidate.erasedAt) return "This candidate was erased.";
  if (candidate.doNotContact) return `${candidate.name} is marked “do not contact” by staff.`;
  if (candidate.emailOptOut) return `${candidate.name} has unsubscribed from emails.`;
  return null;
}

const NOT_SENT = "Not sent: staff marked the candidate “do not contact” before it went out.";

type Stored = {
  doNotContact: boolean;
  lawfulBasis: string | null;
  consentGivenAt: Date | null;
  consentHow: string | null;
  privacyNoticeSentAt: Date | null;
};

/**
 * Saves the privacy details in one transaction with their audit event (only what changed). Setting "do not contact"
 * stops the candidate's queued emails at once; a planned check-in or reminder finds it when it falls due.
 */
export async function updatePrivacyDetails(candidateId: string, input: PrivacyDetailsInput, actor: StaffActor, now: Date = new Date()) {
  const { timeZone } = await getAgency();
  const day = (value: string | null, field: string) => {
    if (!value) return null;
    const at = parseLocalDate(value, timeZone);
    if (!at) throw new RuleViolation("Enter a real date, like 2026-11-24.", field);
    if (at.getTime() > now.getTime()) throw new RuleViolation("That date is in the future.", field);
    return at;
  };
  const consent = input.lawfulBasis === "consent";
  const next: Stored = {
    doNotContact: input.doNotContact,
    lawfulBasis: input.lawfulBasis,
    // Consent's when and how only mean something with consent as the basis.
    consentGivenAt: consent ? day(input.consentGivenAt, "consentGivenAt") : null,
    consentHow: consent ? input.consentHow : null,
    privacyNoticeSentAt: day(input.privacyNoticeSentAt, "privacyNoticeSentAt"),
  };
  return prisma.$transaction(async (tx) => {
    // "Do not contact" stops queued emails: an email being queued at the same moment waits, then sees it (email.server.ts).
    await lockCandidate(tx, candidateId);
    const current = await tx.candidate.findUnique({
      where: { id: candidateId },
      select: { erasedAt: true, doNotContact: true, lawfulBasis: true, consentGivenAt: true, consentHow: true, privacyNoticeSentAt: true },
    });
    if (!current) throw new RuleViolation("This candidate no longer exists.");
    if (current.erasedAt) throw new RuleViolation("This candidate was erased: there is nothing to change.");
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of Object.keys(next) as (keyof Stored)[]) {
      const was = current[key];
      const is = next[key];
      const same = was instanceof Date || is instanceof Date ? (was as Date | null)?.getTime() === (is as Date | null)?.getTime() : was === is;
      if (same) continue;
      before[key] = was instanceof Date ? toDateInputValue(was, timeZone) : was;
      after[key] = is instanceof Date ? toDateInputValue(is, timeZone) : is;
    }
    if (!Object.keys(after).length) return { changed: false, queuedMessagesStopped: 0 };
    let stopped = 0;
    if (next.doNotContact && !current.doNotContact) {
      ({ count: stopped } = await tx.emailMessage.updateMany({ where: { candidateId, status: "queued" }, data: { status: "failed", lastError: NOT_SENT } }));
      await candidateUnsubscribedRemindersInTx(tx, candidateId, now);
    }
    await tx.candidate.update({
      where: { id: candidateId },
      data: {
        ...next,
        ...(next.doNotContact !== current.doNotContact ? { doNotContactAt: next.doNotContact ? now : null } : {}),
      },
    });
    await recordAudit(tx, {
      actor,
      action: "candidate.privacy_updated",
      entityId: candidateId,
      candidateId,
      before,
      after: { ...after, ...(stopped ? { queuedMessagesStopped: stopped } : {}) },
    });
    return { changed: true, queuedMessagesStopped: stopped };
  });
}
