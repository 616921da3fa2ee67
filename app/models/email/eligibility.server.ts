// When each recovery email applies, in one home: pure rules over one recovery's facts, and the loaders that read
// those facts for the single send page, the bulk send's confirmation and the server's check before queueing.
// An email is always about one recovery's own interview, never "the candidate's latest interview".
import { recoveryTemplates, templateNames, type TemplateName } from "../../../emails/index";
import { getAgency } from "~/models/agency/agency.server";
import { closingReasons, recoveryStates, requestResponses } from "~/models/enums";
import { interviewEnd } from "~/models/recovery/rules";
import { formatDate } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";

const DAY = 24 * 3600_000;

/** How long after the interview's end each time-bound template still applies (exactly this long still counts). */
export const ROUGH_DAY_DAYS = 7;
export const THANK_YOU_DAYS = 3;
/** "Keep going" applies this long after the recovery closed as not hired, or its request was declined or unanswered. */
export const KEEP_GOING_DAYS = 30;

/** What the rules read about one recovery (one flag on one interview). */
export type RecoveryFacts = {
  interviewEndedAt: Date;
  recoveryState: string;
  stateChangedAt: Date;
  closedAt: Date | null;
  closedReason: string | null;
  removedAt: Date | null;
  /** The interview's newest second-interview request, if any; `secondInterviewAt` once one is scheduled. */
  latestRequest: { response: string; secondInterviewAt: Date | null } | null;
  /** The candidate's own checklist steps still to do whose due time has passed. */
  overdueCandidateSteps: number;
};

export type Verdict = { applies: true } | { applies: false; reason: string };
type RuleContext = { now: Date; timeZone: string };

const yes: Verdict = { applies: true };
const no = (reason: string): Verdict => ({ applies: false, reason });

const NOT_HIRED = new Set(["rejected", "offer_declined"]);
const REQUEST_FAILED = new Set(["declined", "no_answer"]);

/** Null while the recovery is open (closedAt and removedAt unset, as `openRecovery`), else why it isn't. */
function notOpen(facts: RecoveryFacts): string | null {
  if (facts.removedAt) return "The flag on this interview was removed.";
  if (facts.closedAt) return `This recovery is closed (${closingReasons.label(facts.closedReason ?? "")}).`;
  return null;
}

function endedWithin(days: number, label: string) {
  return (facts: RecoveryFacts, { now, timeZone }: RuleContext): Verdict => {
    const closed = notOpen(facts);
    if (closed) return no(closed);
    if (facts.interviewEndedAt > now) return no("The interview hasn't ended yet.");
    if (now.getTime() - facts.interviewEndedAt.getTime() > days * DAY) {
      return no(`The interview ended on ${formatDate(facts.interviewEndedAt, timeZone)}, more than ${days} days ago: ${label} is for the first ${days} days.`);
    }
    return yes;
  };
}

/** One rule per template: does it apply to this recovery now, and if not, why (in words for the page). */
export const templateRules: Record<TemplateName, (facts: RecoveryFacts, context: RuleContext) => Verdict> = {
  rough_day: endedWithin(ROUGH_DAY_DAYS, "a rough-day email"),
  thank_you_note: endedWithin(THANK_YOU_DAYS, "the thank-you note"),
  ask_second_interview: (facts) => {
    const closed = notOpen(facts);
    if (closed) return no(closed);
    if (facts.latestRequest) return no(`A second interview was already asked for (answer: ${requestResponses.label(facts.latestRequest.response).toLowerCase()}).`);
    return yes;
  },
  second_interview_prep: (facts, { now, timeZone }) => {
    const closed = notOpen(facts);
    if (closed) return no(closed);
    if (facts.latestRequest?.response !== "granted") return no("No second interview has been granted.");
    const at = facts.latestRequest.secondInterviewAt;
    // Granted but not yet scheduled: the second interview is still to come.
    if (at && at <= now) return no(`The second interview was on ${formatDate(at, timeZone)}: it is no longer ahead.`);
    return yes;
  },
  keep_going: (facts, { now, timeZone }) => {
    if (facts.removedAt) return no("The flag on this interview was removed.");
    const since = (at: Date, what: string) =>
      now.getTime() - at.getTime() <= KEEP_GOING_DAYS * DAY
        ? yes
        : no(`${what} on ${formatDate(at, timeZone)}, more than ${KEEP_GOING_DAYS} days ago.`);
    if (facts.closedAt) {
      if (NOT_HIRED.has(facts.closedReason ?? "")) return since(facts.closedAt, `Closed as ${closingReasons.label(facts.closedReason!).toLowerCase()}`);
      return no(`This recovery closed as "${closingReasons.label(facts.closedReason ?? "")}", not as not hired.`);
    }
    if (REQUEST_FAILED.has(facts.recoveryState)) return since(facts.stateChangedAt, recoveryStates.label(facts.recoveryState));
    return no("The recovery is still under way: this is for a candidate not hired, or whose request was declined or got no answer.");
  },
  overdue_steps: (facts) => {
    const closed = notOpen(facts);
    if (closed) return no(closed);
    if (facts.overdueCandidateSteps === 0) return no("None of the candidate's checklist steps is overdue.");
    return yes;
  },
};

export function templateApplies(template: TemplateName, facts: RecoveryFacts, context: RuleContext): Verdict {
  return templateRules[template](facts, context);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the facts

function recoverySelect(now: Date) {
  return {
    id: true,
    flaggedAt: true,
    recoveryState: true,
    stateChangedAt: true,
    closedAt: true,
    closedReason: true,
    removedAt: true,
    interview: {
      select: {
        id: true,
        candidateId: true,
        roleTitle: true,
        scheduledAt: true,
        durationMinutes: true,
        company: { select: { name: true } },
        secondInterviewRequests: {
          orderBy: { requestedAt: "desc" },
          take: 1,
          select: { response: true, secondInterview: { select: { scheduledAt: true } } },
        },
      },
    },
    checklistRun: {
      select: {
        // Only the candidate's own steps: recruiter steps are not theirs to be reminded of.
        steps: { where: { status: "pending", dueAt: { lte: now }, step: { owner: "candidate" } }, select: { id: true } },
      },
    },
  } as const;
}

type RecoveryRow = Awaited<ReturnType<typeof loadRecoveries>>[number];

function loadRecoveries(where: { interviewId: string } | { interview: { candidateId: { in: string[] } } }, now: Date) {
  // Newest first: the first recovery that makes a template apply is the one the email is about.
  return prisma.interviewFlag.findMany({ where, orderBy: [{ flaggedAt: "desc" }, { id: "desc" }], select: recoverySelect(now) });
}

function factsOf(row: RecoveryRow): RecoveryFacts {
  const request = row.interview.secondInterviewRequests[0];
  return {
    interviewEndedAt: interviewEnd(row.interview),
    recoveryState: row.recoveryState,
    stateChangedAt: row.stateChangedAt,
    closedAt: row.closedAt,
    closedReason: row.closedReason,
    removedAt: row.removedAt,
    latestRequest: request ? { response: request.response, secondInterviewAt: request.secondInterview?.scheduledAt ?? null } : null,
    overdueCandidateSteps: row.checklistRun?.steps.length ?? 0,
  };
}

/** The interview an email is about, for the pages: company, role and date. */
export type AboutInterview = { id: string; companyName: string; roleTitle: string; scheduledAt: Date };

function aboutOf(row: RecoveryRow): AboutInterview {
  const { id, roleTitle, scheduledAt, company } = row.interview;
  return { id, companyName: company.name, roleTitle, scheduledAt };
}

export const NO_RECOVERY = "This interview isn't flagged, so there is no recovery to write about.";

export type TemplateEligibility = { template: TemplateName; label: string; applies: boolean; reason: string | null };

/**
 * Each template for one interview's recovery (its current flag, else its newest removed one): whether it applies
 * now and, if not, why.
 */
export async function eligibilityForInterview(interviewId: string, context: RuleContext): Promise<TemplateEligibility[]> {
  const rows = await loadRecoveries({ interviewId }, context.now);
  const row = rows.find((r) => !r.removedAt) ?? rows[0];
  return templateNames.map((template) => {
    const verdict = row ? templateApplies(template, factsOf(row), context) : no(NO_RECOVERY);
    return { template, label: recoveryTemplates[template].label, applies: verdict.applies, reason: verdict.applies ? null : verdict.reason };
  });
}

/** The server's check before a single send: a template that doesn't apply is refused at the template field. */
export async function assertTemplateAppliesToInterview(interviewId: string, template: TemplateName, context: RuleContext) {
  const verdict = (await eligibilityForInterview(interviewId, context)).find((e) => e.template === template);
  if (!verdict?.applies) {
    throw new RuleViolation(`"${recoveryTemplates[template].label}" doesn't apply here: ${verdict?.reason ?? NO_RECOVERY}`, "template");
  }
}

export type CandidateRecovery =
  | { candidateId: string; flagId: string; interview: AboutInterview; reason: null }
  | { candidateId: string; flagId: null; interview: null; reason: string; hasInterview: boolean };

/**
 * For a bulk send: each candidate's newest recovery that makes the template apply, or why none does (the reason of
 * their newest recovery).
 */
export async function recoveriesForTemplate(candidateIds: string[], template: TemplateName, context: RuleContext) {
  const [rows, interviewed] = await Promise.all([
    loadRecoveries({ interview: { candidateId: { in: candidateIds } } }, context.now),
    prisma.interview.groupBy({ by: ["candidateId"], where: { candidateId: { in: candidateIds } } }),
  ]);
  const hasInterview = new Set(interviewed.map((i) => i.candidateId));
  const result = new Map<string, CandidateRecovery>();
  for (const candidateId of candidateIds) {
    const theirs = rows.filter((r) => r.interview.candidateId === candidateId);
    const match = theirs.find((r) => templateApplies(template, factsOf(r), context).applies);
    if (match) {
      result.set(candidateId, { candidateId, flagId: match.id, interview: aboutOf(match), reason: null });
      continue;
    }
    const newest = theirs.find((r) => !r.removedAt) ?? theirs[0];
    const verdict = newest ? templateApplies(template, factsOf(newest), context) : null;
    const reason = !hasInterview.has(candidateId)
      ? "No interview to write about yet."
      : verdict && !verdict.applies
        ? verdict.reason
        : "None of their interviews is flagged, so there is no recovery to write about.";
    result.set(candidateId, { candidateId, flagId: null, interview: null, reason, hasInterview: hasInterview.has(candidateId) });
  }
  return result;
}

/** The send page's template list for an interview, now, in the agency's zone. */
export async function templateChoicesForInterview(interviewId: string, now: Date = new Date()) {
  const { timeZone } = await getAgency();
  return eligibilityForInterview(interviewId, { now, timeZone });
}
