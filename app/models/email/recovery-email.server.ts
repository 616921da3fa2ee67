// Recovery emails from the recruiter's side: the merge values for one interview, the exact preview, and sending
// (one, or one template to many candidates). Sending renders the email and writes it to the outbox through
// queueEmailInTx (app/models/email.server.ts), whose audit event puts it on the candidate's timeline.
import { firstName } from "~/utils/names";
import type { StaffActor } from "~/models/audit/events";
import { inTaxonomyOrder } from "~/models/flags/reasons";
import { recoveryTemplates } from "../../../emails/index";
import { assertTemplateName, renderRecoveryEmail, type RecoveryMergeValues, type RenderedEmail } from "./email-templates.server";
import type { BulkOutcome } from "./email-forms";
import { getPrivacyContact } from "~/models/privacy/privacy-settings.server";
import { getAgency } from "../agency/agency.server";
import { COACHING_TOKEN_PLACEHOLDER, coachingUrl, UNSUBSCRIBE_TOKEN_PLACEHOLDER, unsubscribeUrl } from "./email-links.server";
import { assertCanSend, queueEmailInTx, wakeEmailWorker } from "./email.server";
import { describeTimeZone, formatDate, formatDateTime } from "~/utils/dates";
import { prisma, isUniqueViolation } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { RuleViolation } from "~/utils/errors.server";
import { assertTemplateAppliesToInterview, recoveriesForTemplate, type AboutInterview } from "./eligibility.server";



/** What the preview shows in place of the personal link, which only exists once the email is sent. */
export const PENDING_COACHING_URL = `${env.APP_URL}/coach/…`;

/** The Message-ID for a send: fixed by the form's idempotency key, so a double submit can't queue twice. */
export function recoveryMessageId(idempotencyKey: string, candidateId?: string) {
  const host = new URL(env.APP_URL).hostname || "rebound.local";
  return `<recovery.${idempotencyKey}${candidateId ? `.${candidateId}` : ""}@${host}>`;
}

async function loadInterviewForEmail(interviewId: string, now: Date) {
  return prisma.interview.findUnique({
    where: { id: interviewId },
    select: {
      id: true,
      roleTitle: true,
      scheduledAt: true,
      company: { select: { name: true } },
      candidate: {
        select: { id: true, name: true, email: true, emailOptOut: true, optedOutAt: true, doNotContact: true },
      },
      flags: {
        where: { removedAt: null },
        orderBy: { flaggedAt: "desc" },
        take: 1,
        select: { reasons: { select: { reason: true } } },
      },
      checklistRuns: {
        where: { status: "active" },
        orderBy: { startedAt: "desc" },
        take: 1,
        select: {
          id: true,
          // Only the candidate's own steps: recruiter steps are not theirs to be reminded of.
          steps: {
            where: { status: "pending", dueAt: { lte: now }, step: { owner: "candidate" } },
            orderBy: { dueAt: "asc" },
            select: { dueAt: true, step: { select: { title: true } } },
          },
        },
      },
    },
  });
}

type InterviewForEmail = NonNullable<Awaited<ReturnType<typeof loadInterviewForEmail>>>;

export type EmailRecipient = {
  id: string;
  name: string;
  email: string;
  /** True when no email may go to them: they unsubscribed, or staff marked them "do not contact". */
  emailOptOut: boolean;
  optedOutAt: Date | null;
  doNotContact?: boolean;
};

type Sender = { name: string; email: string; phone: string | null; emailSignature: string | null };

async function senderOf(actor: StaffActor): Promise<Sender> {
  // The sender's own contact block, as they keep it under My profile.
  return prisma.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { name: true, email: true, phone: true, emailSignature: true },
  });
}

function buildMergeValues(
  interview: InterviewForEmail,
  context: { agencyName: string; timeZone: string; sender: Sender; privacyContact?: string | null },
  options: { personalNote?: string | null; coachingLinkUrl?: string | null },
): RecoveryMergeValues {
  const reasons = inTaxonomyOrder((interview.flags[0]?.reasons ?? []).map((r) => r.reason));
  const run = interview.checklistRuns[0];
  return {
    agencyName: context.agencyName,
    candidateFirstName: firstName(interview.candidate.name) || null,
    companyName: interview.company.name,
    roleTitle: interview.roleTitle,
    interviewDate: formatDate(interview.scheduledAt, context.timeZone),
    recruiter: {
      name: context.sender.name,
      email: context.sender.email,
      phone: context.sender.phone,
      signature: context.sender.emailSignature,
    },
    reasons,
    coachingLink: run
      ? options.coachingLinkUrl
        ? { url: options.coachingLinkUrl }
        : { url: PENDING_COACHING_URL, pending: true }
      : null,
    // Stored with the placeholder; the worker puts a fresh token in at delivery (email-links.server.ts).
    unsubscribeUrl: unsubscribeUrl(UNSUBSCRIBE_TOKEN_PLACEHOLDER),
    personalNote: options.personalNote ?? null,
    overdueSteps: (run?.steps ?? []).map((s) => ({ title: s.step.title, due: formatDateTime(s.dueAt, context.timeZone) })),
    timeZoneLabel: describeTimeZone(context.timeZone),
    privacyContact: context.privacyContact ?? null,
  };
}

function recipientOf(interview: InterviewForEmail): EmailRecipient {
  const { id, name, email, emailOptOut, optedOutAt, doNotContact } = interview.candidate;
  return { id, name, email, emailOptOut: emailOptOut || doNotContact, optedOutAt, doNotContact };
}

/** Why this candidate can't be emailed, in words for the page; null when they can. */
export function optOutReason(recipient: EmailRecipient, timeZone: string) {
  if (recipient.doNotContact) return `${recipient.name} is marked “do not contact” by staff, so they can't be emailed.`;
  if (!recipient.emailOptOut) return null;
  const when = recipient.optedOutAt ? ` on ${formatDate(recipient.optedOutAt, timeZone)}` : "";
  return `${recipient.name} unsubscribed from our emails${when}, so they can't be emailed.`;
}

/**
 * The merge values for an interview's candidate, as the sender would send them now. Without `coachingLinkUrl` an
 * active checklist gets the pending placeholder link (the preview). Null when the interview doesn't exist.
 */
export async function mergeValuesForInterview(
  interviewId: string,
  actor: StaffActor,
  options: { personalNote?: string | null; coachingLinkUrl?: string | null } = {},
  now: Date = new Date(),
) {
  const [interview, agency, sender, privacyContact] = await Promise.all([
    loadInterviewForEmail(interviewId, now),
    getAgency(),
    senderOf(actor),
    getPrivacyContact(),
  ]);
  if (!interview) return null;
  const values = buildMergeValues(interview, { agencyName: agency.name, timeZone: agency.timeZone, sender, privacyContact }, options);
  return {
    values,
    recipient: recipientOf(interview),
    interview: {
      id: interview.id,
      companyName: interview.company.name,
      roleTitle: interview.roleTitle,
      scheduledAt: interview.scheduledAt,
    },
    hasActiveChecklist: interview.checklistRuns.length > 0,
    timeZone: agency.timeZone,
  };
}

/** Whether an interview exists, so a route can answer 404 before validating a form for it. */
export async function interviewExists(interviewId: string) {
  if (!interviewId || interviewId.length > 40) return false;
  return (await prisma.interview.count({ where: { id: interviewId } })) > 0;
}

export type EmailPreview = {
  template: string;
  rendered: RenderedEmail;
  recipient: EmailRecipient;
  interview: { id: string; companyName: string; roleTitle: string; scheduledAt: Date };
  /** Set when the candidate can't be emailed; the page hides the send button and says why. */
  blockedReason: string | null;
  hasActiveChecklist: boolean;
};

/** Exactly what sending would produce, except the coaching link's token (created only when sending). */
export async function previewRecoveryEmail(
  interviewId: string,
  template: string,
  actor: StaffActor,
  personalNote: string | null = null,
  now: Date = new Date(),
): Promise<EmailPreview | null> {
  if (!interviewId || interviewId.length > 40) return null;
  const merged = await mergeValuesForInterview(interviewId, actor, { personalNote }, now);
  if (!merged) return null;
  return {
    template,
    rendered: await renderRecoveryEmail(template, merged.values),
    recipient: merged.recipient,
    interview: merged.interview,
    blockedReason: optOutReason(merged.recipient, merged.timeZone),
    hasActiveChecklist: merged.hasActiveChecklist,
  };
}

async function findQueued(messageId: string) {
  return prisma.emailMessage.findUnique({ where: { messageId }, select: { id: true, status: true } });
}

export type SendResult = { emailId: string; status: string; recipient: EmailRecipient; duplicate: boolean };

/**
 * Renders and queues one email for an interview's candidate. The same message id twice (a double click) returns
 * the first email instead of queueing another. When the interview's checklist is active the worker mints a fresh
 * coaching link for the email as it delivers it; links sent in earlier emails keep working.
 */
async function sendForInterview(
  interview: InterviewForEmail,
  input: { template: string; personalNote?: string | null; messageId: string },
  actor: StaffActor,
  context: { agencyName: string; timeZone: string; sender: Sender; privacyContact?: string | null },
): Promise<SendResult> {
  const recipient = recipientOf(interview);
  const existing = await findQueued(input.messageId);
  if (existing) return { emailId: existing.id, status: existing.status, recipient, duplicate: true };
  const blocked = optOutReason(recipient, context.timeZone);
  if (blocked) throw new RuleViolation(blocked);
  // Refuse an unknown template before rendering anything.
  assertTemplateName(input.template);
  const run = interview.checklistRuns[0];
  try {
    // The coaching link is minted by the worker at delivery: the stored email holds a placeholder, never a token.
    const values = buildMergeValues(interview, context, {
      personalNote: input.personalNote,
      coachingLinkUrl: run ? coachingUrl(COACHING_TOKEN_PLACEHOLDER) : null,
    });
    const rendered = await renderRecoveryEmail(input.template, values);
    const email = await prisma.$transaction(async (tx) => {
      return queueEmailInTx(
        tx,
        {
          candidateId: recipient.id,
          interviewId: interview.id,
          template: input.template,
          toAddress: recipient.email,
          subject: rendered.subject,
          html: rendered.html,
          text: rendered.text,
          personalNote: input.personalNote ?? null,
          coachingRunId: run?.id ?? null,
          messageId: input.messageId,
        },
        actor,
      );
    });
    wakeEmailWorker();
    return { emailId: email.id, status: email.status, recipient, duplicate: false };
  } catch (error) {
    // Two identical submits raced past the check above: the first one won, which is what we want.
    if (isUniqueViolation(error)) {
      const first = await findQueued(input.messageId);
      if (first) return { emailId: first.id, status: first.status, recipient, duplicate: true };
    }
    throw error;
  }
}

async function sendingContext(actor: StaffActor) {
  const [agency, sender, privacyContact] = await Promise.all([getAgency(), senderOf(actor), getPrivacyContact()]);
  return { agencyName: agency.name, timeZone: agency.timeZone, sender, privacyContact };
}

/** Sends one template to an interview's candidate, from /interviews/:id/email. */
export async function sendRecoveryEmail(
  input: { interviewId: string; template: string; personalNote?: string | null; idempotencyKey: string },
  actor: StaffActor,
  now: Date = new Date(),
) {
  assertTemplateName(input.template);
  const interview = await loadInterviewForEmail(input.interviewId, now);
  if (!interview) throw new RuleViolation("That interview no longer exists.");
  const messageId = recoveryMessageId(input.idempotencyKey);
  const context = await sendingContext(actor);
  if (!(await findQueued(messageId))) {
    // Unsubscribing says the most, so it is refused first; then the template must apply to this recovery.
    const blocked = optOutReason(recipientOf(interview), context.timeZone);
    if (blocked) throw new RuleViolation(blocked);
    await assertTemplateAppliesToInterview(interview.id, input.template, { now, timeZone: context.timeZone });
    await assertCanSend(actor.userId, 1);
  }
  return sendForInterview(interview, { ...input, messageId }, actor, context);
}

export type BulkRecipientResult = {
  candidateId: string;
  name: string;
  outcome: BulkOutcome;
  /** Why it was skipped or refused, for the result list. */
  detail: string | null;
  emailId: string | null;
};

async function selectedCandidates(candidateIds: string[]) {
  const ids = [...new Set(candidateIds)];
  const candidates = await prisma.candidate.findMany({
    where: { id: { in: ids } },
    select: { id: true, name: true, email: true, emailOptOut: true, optedOutAt: true, doNotContact: true },
  });
  const byId = new Map(candidates.map((c) => [c.id, { ...c, emailOptOut: c.emailOptOut || c.doNotContact }]));
  if (byId.size !== ids.length) {
    throw new RuleViolation("Some of the selected candidates no longer exist. Reload the page and try again.");
  }
  return ids.map((id) => byId.get(id)!);
}

export type BulkEmailPlan = {
  template: string;
  recipients: { candidateId: string; name: string; email: string; interview: AboutInterview }[];
  skipped: { candidateId: string; name: string; reason: string }[];
};

/**
 * The bulk send's confirmation: who will receive the template, with the interview it is about (each candidate's
 * newest recovery the template applies to), and who is skipped and why. Sends nothing.
 */
export async function planBulkRecoveryEmail(
  input: { candidateIds: string[]; template: string },
  now: Date = new Date(),
): Promise<BulkEmailPlan> {
  assertTemplateName(input.template);
  const candidates = await selectedCandidates(input.candidateIds);
  const { timeZone } = await getAgency();
  const recoveries = await recoveriesForTemplate(candidates.map((c) => c.id), input.template, { now, timeZone });
  const plan: BulkEmailPlan = { template: input.template, recipients: [], skipped: [] };
  for (const candidate of candidates) {
    const base = { candidateId: candidate.id, name: candidate.name };
    const recovery = recoveries.get(candidate.id)!;
    const blocked = optOutReason(candidate, timeZone);
    if (blocked) plan.skipped.push({ ...base, reason: blocked });
    else if (recovery.interview) plan.recipients.push({ ...base, email: candidate.email, interview: recovery.interview });
    else plan.skipped.push({ ...base, reason: recovery.reason });
  }
  return plan;
}

/**
 * One template to many candidates (the /candidates bulk action, after its confirmation). Each email is about the
 * candidate's newest recovery the template applies to. A candidate it applies to for none of their interviews
 * refuses the whole batch before anything is queued (the confirmation only offers those it applies to); someone
 * who unsubscribed or has no interview at all is skipped. Each candidate is then sent on its own, so one refusal
 * doesn't stop the rest; the result says what happened to each, in the order given.
 */
export async function sendBulkRecoveryEmail(
  input: { candidateIds: string[]; template: string; idempotencyKey: string },
  actor: StaffActor,
  now: Date = new Date(),
): Promise<BulkRecipientResult[]> {
  // Checked once up front so a bad template refuses the whole batch with one message.
  assertTemplateName(input.template);
  const candidates = await selectedCandidates(input.candidateIds);
  const context = await sendingContext(actor);
  const recoveries = await recoveriesForTemplate(candidates.map((c) => c.id), input.template, { now, timeZone: context.timeZone });
  const plan = await Promise.all(
    candidates.map(async (candidate) => {
      const messageId = recoveryMessageId(input.idempotencyKey, candidate.id);
      return { candidate, recovery: recoveries.get(candidate.id)!, messageId, queued: await findQueued(messageId) };
    }),
  );
  const refused = plan.filter((p) => !p.queued && !p.candidate.emailOptOut && !p.recovery.interview && p.recovery.hasInterview);
  if (refused.length > 0) {
    const label = recoveryTemplates[input.template].label;
    throw new RuleViolation(
      `Nothing was sent: "${label}" doesn't apply to ${refused.map((p) => `${p.candidate.name} (${p.recovery.reason})`).join("; ")}`,
    );
  }
  const sendable = plan.filter((p) => !p.queued && p.recovery.interview && !p.candidate.emailOptOut).length;
  if (sendable > 0) await assertCanSend(actor.userId, sendable);

  const results: BulkRecipientResult[] = [];
  for (const { candidate, recovery, messageId, queued } of plan) {
    const base = { candidateId: candidate.id, name: candidate.name };
    if (queued) {
      results.push({ ...base, outcome: "already_sent", detail: null, emailId: queued.id });
      continue;
    }
    if (candidate.emailOptOut) {
      results.push({ ...base, outcome: "opted_out", detail: optOutReason(candidate, context.timeZone), emailId: null });
      continue;
    }
    const interview = recovery.interview ? await loadInterviewForEmail(recovery.interview.id, now) : null;
    if (!interview) {
      results.push({ ...base, outcome: "no_interview", detail: recovery.reason ?? "The interview no longer exists.", emailId: null });
      continue;
    }
    try {
      const sent = await sendForInterview(interview, { template: input.template, messageId }, actor, context);
      results.push({
        ...base,
        outcome: sent.duplicate ? "already_sent" : sent.status === "captured" ? "captured" : "queued",
        detail: null,
        emailId: sent.emailId,
      });
    } catch (error) {
      if (!(error instanceof RuleViolation)) throw error;
      // Someone unsubscribed between the plan and the send: still a skip, not a failure.
      const optedOut = (await prisma.candidate.findUnique({ where: { id: candidate.id }, select: { emailOptOut: true } }))
        ?.emailOptOut;
      results.push({ ...base, outcome: optedOut ? "opted_out" : "failed", detail: error.message, emailId: null });
    }
  }
  return results;
}
