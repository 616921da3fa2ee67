// How each audit event kind reads on a candidate's timeline when no fact row shows it. The mapped type makes a new
// event kind a compile error here until it says how it reads (or that it never shows: null).
import type { AuditAction, AuditEventOf } from "~/models/audit/events";
import { candidacyOutcomes, candidateStatuses, checkInAnswers, checkInReasons, closingReasons, recoveryStates, requestResponses } from "~/models/enums";
import { describeFlag } from "~/models/flags/reasons";
import { interviewLink, labelOrNone, type TimelineLine } from "./entry";

type AuditLine<A extends AuditAction> = (event: AuditEventOf<A>, entityId: string) => TimelineLine | null;

/** null: the kind never shows from the audit log (a fact row always shows it, or it is not about a candidate). */
export type AuditLines = { [A in AuditAction]: AuditLine<A> | null };

const candidateFieldLabels = { name: "Name", email: "Email", phone: "Phone", linkedinUrl: "LinkedIn", status: "Status" } as const;

const statusLabel = (v: string) => candidateStatuses.label(v);
const stepTitle = (after: { step?: string; stepTitle?: string }) => after.step ?? after.stepTitle ?? "a step";
const link = (after: { interviewId: string }) => interviewLink(after.interviewId);
const flagText = (after: { reasons: string[]; severity: string; otherReason?: string }) =>
  describeFlag(after.reasons, after.severity, after.otherReason ?? null);

export const auditLines: AuditLines = {
  "candidate.created": null, // the candidate row shows it
  "candidate.updated": ({ before, after }) => {
    const fields = (Object.keys(after) as (keyof typeof candidateFieldLabels)[]).filter((f) => f in candidateFieldLabels);
    if (!fields.length) return null;
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
  "candidate.reassigned": ({ before, after }) => ({
    kind: "candidate",
    summary: `Reassigned from ${labelOrNone(before.recruiterName)} to ${labelOrNone(after.recruiterName)}`,
  }),
  "candidate.unsubscribed": () => ({ kind: "email", summary: "Unsubscribed from recovery emails" }),

  "interview.logged": ({ after }, entityId) => ({
    kind: "interview",
    summary: `Interview logged with ${after.companyName} for ${after.roleTitle}`,
    ...interviewLink(entityId, after.companyName),
  }),

  "checkin.sent": ({ after }) => ({ kind: "interview", summary: "Check-in sent: “How did it go?”", ...link(after) }),
  "checkin.skipped": ({ after }) => ({ kind: "interview", summary: "Check-in not sent", detail: after.reason, ...link(after) }),
  "checkin.answered": ({ after }) => ({
    kind: "interview",
    summary: `The candidate's check-in: ${checkInAnswers.label(after.answer).toLowerCase()}`,
    detail: [after.reasons.map((r) => checkInReasons.label(r)).join("; "), after.note].filter(Boolean).join(" — ") || null,
    ...link(after),
  }),

  "flag.raised": ({ after }) => ({
    kind: "flag",
    summary: `Flagged as gone badly: ${flagText(after)}`,
    detail: after.description ?? null,
    ...link(after),
  }),
  "flag.edited": ({ after }) => ({
    kind: "flag",
    summary: `Flag edited, now: ${flagText(after)}`,
    detail: after.description ?? null,
    ...link(after),
  }),
  "flag.resolved": ({ after }) => ({ kind: "flag", summary: "Flag resolved", ...link(after) }),
  "flag.reopened": ({ after }) => ({ kind: "flag", summary: "Flag reopened", ...link(after) }),
  "flag.removed": ({ after }) => ({ kind: "flag", summary: "Flag removed", ...link(after) }),

  // The flag's row shows the closing in force; these are the earlier closings (since reopened) and the moves.
  "recovery.closed": ({ after }) => ({
    kind: "flag",
    summary: `Recovery closed: ${closingReasons.label(after.reason).toLowerCase()}`,
    detail: after.note ?? null,
    ...link(after),
  }),
  "recovery.reopened": ({ after }) => ({ kind: "flag", summary: "Recovery reopened", ...link(after) }),
  "recovery.moved": ({ after }) => ({ kind: "flag", summary: `Recovery: ${recoveryStates.label(after.state).toLowerCase()}`, ...link(after) }),
  "recovery.snoozed": ({ after }) => ({
    kind: "flag",
    summary: "Recovery snoozed",
    detail: after.note ?? null,
    ...link(after),
  }),
  "recovery.woken": ({ after }) => ({ kind: "flag", summary: "Snooze ended early", ...link(after) }),

  // The checklist run's row shows when it started, completed or was cancelled.
  "checklist.started": null,
  "checklist.completed": null,
  "checklist.cancelled": null,
  // Ticks still in force show from their step row; these are the undone ones, the undos and the notes.
  "checklist.step_done": ({ after }) => ({ kind: "checklist", summary: `Checklist step done: ${stepTitle(after)}`, ...link(after) }),
  "checklist.step_skipped": ({ after }) => ({
    kind: "checklist",
    summary: `Checklist step skipped: ${stepTitle(after)}`,
    ...link(after),
  }),
  "checklist.step_reopened": ({ before, after }) => ({
    kind: "checklist",
    summary: `Checklist step back to do (was ${before.status === "skipped" ? "skipped" : "done"}): ${stepTitle(after)}`,
    detail: after.checklistReopened ? "The checklist is open again." : null,
    ...link(after),
  }),
  "checklist.step_noted": ({ after }) => ({
    kind: "checklist",
    summary: `${after.note !== null ? "Note on" : "Note removed from"} checklist step: ${stepTitle(after)}`,
    detail: after.note,
    ...link(after),
  }),

  "coaching.link_created": ({ after }) => ({ kind: "checklist", summary: "Link to the candidate's coaching page created", ...link(after) }),
  "coaching.link_revoked": ({ after }) => ({
    kind: "checklist",
    summary: `Link to the candidate's coaching page revoked${after.replacedBy ? " (replaced by a new link)" : ""}`,
    ...link(after),
  }),
  "coaching.step_done_by_candidate": ({ after }) => ({
    kind: "checklist",
    summary: `Checklist step done: ${stepTitle(after)}`,
    ...link(after),
  }),
  "coaching.reflection_saved": ({ after }) => ({ kind: "checklist", summary: "The candidate worked on their reflection", ...link(after) }),

  // The email's own row shows it with its current status.
  "email.queued": null,
  "email.retried": null,
  "email.sent": null,
  "email.failed": null,
  "email.captured": null,

  // Requests, answers in force and outcomes show from their rows; what is left is history.
  "second_interview.requested": ({ after }) => ({ kind: "second-interview", summary: "Second interview requested", ...link(after) }),
  "second_interview.responded": ({ before, after }) => ({
    kind: "second-interview",
    summary: `Answer to the second-interview request recorded: ${labelOrNone(after.response, requestResponses.label).toLowerCase()} (was ${labelOrNone(before.response, requestResponses.label).toLowerCase()})`,
    ...link(after),
  }),
  "second_interview.scheduled": ({ after }, entityId) => ({
    kind: "second-interview",
    summary: `Second interview scheduled with ${after.companyName}`,
    href: `/interviews/${entityId}`,
    linkLabel: "Open the second interview",
  }),
  "outcome.recorded": ({ after }) => ({
    kind: "outcome",
    summary: `Outcome: ${labelOrNone(after.outcome, candidacyOutcomes.label)}`,
    ...link(after),
  }),

  // Not about a candidate.
  "agency.updated": null,
  "demo.seeded": null,
  "agency.setup_completed": null,
  "playbook.saved": null,
  "user.created": null,
  "user.role_changed": null,
  "user.deactivated": null,
  "user.reactivated": null,
  "user.password_reset": null,
  "user.password_set": null,
  "user.session_ended": null,
  "user.other_sessions_ended": null,
  "user.unlock_email_requested": null,
  "user.profile_updated": null,
  "user.password_changed": null,
  // About a recruiter, not a candidate: each moved candidate's own "candidate.reassigned" shows on their timeline.
  "candidates.bulk_reassigned": null,
  "saved_view.created": null,
  "saved_view.renamed": null,
  "saved_view.shared": null,
  "saved_view.deleted": null,
  "recovery.candidate_reminders_set": ({ after }) => ({
    kind: "flag",
    summary: after.on ? "Candidate reminders switched on" : "Candidate reminders switched off",
    detail: after.on ? "The candidate is emailed when one of their steps falls due, at most once a day." : null,
    ...link(after),
  }),
};

/** An event this version doesn't know (or whose payload no longer fits) still shows that something changed. */
export const unrecognisedLine = (storedAction: string): TimelineLine => ({ kind: "candidate", summary: `Changed (${storedAction})` });
