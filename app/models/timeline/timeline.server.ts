// A candidate's timeline, newest first: typed entries from each fact table plus the audit events that no fact row
// shows, rendered through the audit vocabulary. A fixed number of bounded queries, whatever the history.
import { prisma } from "~/utils/db.server";
import { toDateInputValue } from "~/utils/dates";
import { isAuditAction, parseAuditEvent, type AuditAction, type KnownAuditEvent } from "~/models/audit/events";
import { listProfileInterviews, type ProfileInterview, type ProfileOutcome } from "~/models/candidates/candidate-profile.server";
import { getCandidateOutcomes } from "~/models/second-interviews/second-interview.server";
import { auditLines, unrecognisedLine } from "./audit-lines";
import type { TimelineEntry, TimelineLine } from "./entry";
import { actorLabels, AuditLedger, timelineSources, type AuditRow, type TimelineContext } from "./sources.server";

export type { TimelineEntry } from "./entry";

/** The timeline shows the newest entries; each source reads at most this many rows. */
export const TIMELINE_LIMIT = 200;

/** Kinds a fact source claims though they never render from the audit log themselves. */
const claimedOnly: AuditAction[] = ["candidate.created"];
/** Kinds never read for the timeline: they neither render nor get claimed. */
const neverShown = (Object.keys(auditLines) as AuditAction[]).filter((a) => auditLines[a] === null && !claimedOnly.includes(a));

function lineFor(event: KnownAuditEvent, entityId: string): TimelineLine | null {
  const render = auditLines[event.action] as ((e: KnownAuditEvent, id: string) => TimelineLine | null) | null;
  return render ? render(event, entityId) : null;
}

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

export async function candidateTimeline(
  candidateId: string,
  {
    limit = TIMELINE_LIMIT,
    timeZone = "UTC",
    now = new Date(),
    interviews,
    outcomes,
  }: { limit?: number; timeZone?: string; now?: Date; interviews?: ProfileInterview[]; outcomes?: ProfileOutcome[] } = {},
) {
  const [events, readInterviews, readOutcomes] = await Promise.all([
    prisma.auditEvent.findMany({
      where: { candidateId, action: { notIn: neverShown } },
      orderBy: { at: "desc" },
      take: limit,
      select: { id: true, at: true, action: true, entityId: true, before: true, after: true, actorLabel: true, actor: { select: { name: true } } },
    }),
    interviews ?? listProfileInterviews(candidateId),
    outcomes ?? getCandidateOutcomes(candidateId),
  ]);
  const audit = new AuditLedger(
    events.map(({ actor, actorLabel, ...e }) => ({
      ...e,
      actor: actor?.name ?? (actorLabel ? (actorLabels[actorLabel] ?? actorLabel) : null),
    })),
  );
  const ctx: TimelineContext = { candidateId, limit, timeZone, now, audit, interviews: readInterviews, outcomes: readOutcomes };
  const fromFacts = (await Promise.all(timelineSources.map((source) => source(ctx)))).flat();
  const fromAudit = collapseReflectionSaves(audit.unclaimed(), timeZone).flatMap((row): TimelineEntry[] => {
    const event = parseAuditEvent(row);
    const line = event.action === "unrecognised" ? unrecognisedLine(event.storedAction) : lineFor(event, row.entityId);
    // A known kind that renders nothing (e.g. a claimed-only kind left unclaimed) stays off the timeline.
    if (!line && isAuditAction(row.action)) return [];
    return line ? [{ ...line, key: `audit:${row.id}`, at: row.at, actor: row.actor }] : [];
  });
  return [...fromFacts, ...fromAudit]
    .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
    .slice(0, limit);
}
