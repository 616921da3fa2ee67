// "Export this candidate's data" (a subject access request): everything held about one candidate as a ZIP with
// data.json (every record, as stored) and index.html (the same, readable, every value escaped, times in the agency's
// zone). The export itself is audited.
import { strToU8, zipSync } from "fflate";
import { recordAudit } from "~/models/audit/audit.server";
import { parseAuditEvent, type StaffActor } from "~/models/audit/events";
import { getAgency } from "~/models/agency/agency.server";
import { describeTimeZone, formatDateTime, toDateInputValue } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";

/** Every record held about the candidate, as stored (token hashes left out: they identify nothing and open nothing). */
export async function collectCandidateData(candidateId: string) {
  const candidate = await prisma.candidate.findUnique({ where: { id: candidateId }, include: { recruiter: { select: { id: true, name: true } } } });
  if (!candidate) return null;
  const linkFields = { id: true, createdAt: true, expiresAt: true } as const;
  const [interviews, secondInterviewRequests, outcomes, emails, unsubscribeLinks, notifications, auditEvents] = await Promise.all([
    prisma.interview.findMany({
      where: { candidateId },
      orderBy: { scheduledAt: "asc" },
      include: {
        company: { select: { id: true, name: true } },
        recruiter: { select: { id: true, name: true } },
        flags: {
          orderBy: { flaggedAt: "asc" },
          include: {
            reasons: { select: { reason: true } },
            checklistRun: {
              include: {
                steps: { orderBy: { dueAt: "asc" }, include: { step: { select: { title: true, owner: true } } } },
                coachingLinks: { select: { ...linkFields, revokedAt: true, lastOpenedAt: true } },
              },
            },
          },
        },
        checkIn: { include: { links: { select: linkFields } } },
      },
    }),
    prisma.secondInterviewRequest.findMany({ where: { candidateId }, orderBy: { requestedAt: "asc" } }),
    prisma.candidacyOutcome.findMany({ where: { candidateId }, orderBy: { decidedAt: "asc" }, include: { company: { select: { name: true } } } }),
    prisma.emailMessage.findMany({ where: { candidateId }, orderBy: { createdAt: "asc" } }),
    prisma.unsubscribeLink.findMany({ where: { candidateId }, orderBy: { createdAt: "asc" }, select: { ...linkFields, emailMessageId: true } }),
    prisma.notification.findMany({
      where: { candidateId },
      orderBy: { createdAt: "asc" },
      select: { id: true, kind: true, title: true, text: true, createdAt: true, readAt: true, user: { select: { name: true } } },
    }),
    prisma.auditEvent.findMany({ where: { candidateId }, orderBy: { at: "asc" }, include: { actor: { select: { name: true } } } }),
  ]);
  return {
    candidate,
    interviews,
    secondInterviewRequests,
    outcomes,
    emails,
    unsubscribeLinks,
    notifications,
    auditEvents: auditEvents.map((e) => {
      const parsed = parseAuditEvent(e);
      return {
        id: e.id,
        at: e.at,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        actor: e.actor?.name ?? e.actorLabel,
        before: parsed.action === "unrecognised" ? e.before : parsed.before,
        after: parsed.action === "unrecognised" ? e.after : parsed.after,
      };
    }),
  };
}
export type CandidateData = NonNullable<Awaited<ReturnType<typeof collectCandidateData>>>;

export function escapeHtml(value: unknown) {
  return String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A value for a person: dates in the agency's zone, nested records as their own small tables, nothing unescaped. */
function cell(value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === "") return "<span class=none>—</span>";
  if (value instanceof Date) return `<time datetime="${value.toISOString()}">${escapeHtml(formatDateTime(value, timeZone))}</time>`;
  if (Array.isArray(value)) {
    if (!value.length) return "<span class=none>none</span>";
    return `<ol>${value.map((v) => `<li>${cell(v, timeZone)}</li>`).join("")}</ol>`;
  }
  if (typeof value === "object") return record(value as Record<string, unknown>, timeZone);
  return escapeHtml(value);
}

function record(value: Record<string, unknown>, timeZone: string) {
  const rows = Object.entries(value)
    .map(([key, v]) => `<tr><th scope=row>${escapeHtml(key)}</th><td>${cell(v, timeZone)}</td></tr>`)
    .join("");
  return `<table>${rows}</table>`;
}

const sections: [keyof CandidateData, string][] = [
  ["candidate", "The candidate"],
  ["interviews", "Interviews, with their flags, checklists, reflections and check-ins"],
  ["secondInterviewRequests", "Second-interview requests"],
  ["outcomes", "Outcomes"],
  ["emails", "Emails, with what they said"],
  ["unsubscribeLinks", "Unsubscribe links sent"],
  ["notifications", "Notifications to staff about them"],
  ["auditEvents", "Changes recorded about them (audit log)"],
];

export function renderExportHtml(data: CandidateData, context: { agencyName: string; timeZone: string; exportedAt: Date }) {
  const body = sections
    .map(([key, title]) => `<section><h2>${escapeHtml(title)}</h2>${cell(data[key], context.timeZone)}</section>`)
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Data held about ${data.candidate.name}`)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; line-height: 1.4; color: #1f2933; }
table { border-collapse: collapse; margin: 0.25rem 0; }
th, td { border: 1px solid #d9e2ec; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f1f5f9; font-weight: 600; }
ol { margin: 0; padding-left: 1.25rem; }
.none { color: #52606d; }
</style>
</head>
<body>
<h1>${escapeHtml(`Data held about ${data.candidate.name}`)}</h1>
<p>By ${escapeHtml(context.agencyName)}, exported ${escapeHtml(formatDateTime(context.exportedAt, context.timeZone))}. Times are in ${escapeHtml(
    describeTimeZone(context.timeZone, context.exportedAt),
  )}. The same records, as stored, are in data.json.</p>
${body}
</body>
</html>
`;
}

/** The ZIP of one candidate's data, and its audit event. Refuses an unknown candidate. */
export async function exportCandidateData(candidateId: string, actor: StaffActor, now: Date = new Date()) {
  const [data, agency] = await Promise.all([collectCandidateData(candidateId), getAgency()]);
  if (!data) throw new RuleViolation("This candidate no longer exists.");
  const exportedAt = now;
  const json = JSON.stringify({ exportedAt, agency: { name: agency.name, timeZone: agency.timeZone }, ...data }, null, 2);
  const html = renderExportHtml(data, { agencyName: agency.name, timeZone: agency.timeZone, exportedAt });
  const zip = zipSync({ "data.json": strToU8(json), "index.html": strToU8(html) }, { level: 6, mtime: now });
  const records =
    1 +
    data.interviews.length +
    data.secondInterviewRequests.length +
    data.outcomes.length +
    data.emails.length +
    data.unsubscribeLinks.length +
    data.notifications.length +
    data.auditEvents.length;
  await prisma.$transaction((tx) =>
    recordAudit(tx, { actor, action: "candidate.exported", entityId: candidateId, candidateId, after: { records, bytes: zip.byteLength } }),
  );
  const day = toDateInputValue(now, agency.timeZone);
  return { zip, filename: `candidate-${candidateId}-${day}.zip` };
}
