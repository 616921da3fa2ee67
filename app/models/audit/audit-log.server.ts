// The audit log as managers read it (/settings/audit and its CSV): every event, newest first, filtered by actor, kind,
// candidate and a date range in the agency's zone, paginated in the database (an index serves each filter).
import { z } from "zod";
import { resolveCandidateText } from "~/models/candidates/candidate.server";
import { parseLocalDate } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { RECORD_ID_PATTERN } from "~/utils/record-id";
import { PAGE_SIZES } from "~/utils/table-params";
import { auditEvents, isAuditAction, personalFields, type AuditAction } from "./events";

export const AUDIT_PAGE_SIZE = 50;
/** What a CSV export holds at most; narrow the filters for more. */
export const AUDIT_CSV_LIMIT = 100_000;
export const ACTOR_LABELS = { system: "Rebound (automatic)", candidate: "The candidate", cli: "An administrator (command line)" } as const;
const ERASED = "[erased]";

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const querySchema = z.object({
  // A user's id, or one of the labels of actors without an account.
  actor: z.string().trim().regex(RECORD_ID_PATTERN).optional().catch(undefined),
  kind: z
    .string()
    .trim()
    .refine((v) => isAuditAction(v))
    .optional()
    .catch(undefined),
  candidate: z.string().trim().regex(RECORD_ID_PATTERN).optional().catch(undefined),
  /** What someone typed in the candidate box: an email, "Name <email>" or a name only one candidate has. */
  who: z.string().trim().max(300).optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  pageSize: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(AUDIT_PAGE_SIZE),
});

export type AuditLogQuery = z.output<typeof querySchema>;

/** The page's URL as filters; anything odd means "no filter" (never a 500). */
export function parseAuditLogQuery(params: URLSearchParams): AuditLogQuery {
  const get = (key: string) => params.get(key) || undefined;
  return querySchema.parse({
    actor: get("actor"),
    kind: get("kind"),
    candidate: get("candidate"),
    who: get("who"),
    from: get("from"),
    to: get("to"),
    page: get("page"),
    pageSize: get("pageSize"),
  });
}

/** The Prisma filter, with the typed candidate resolved; `unknownCandidate` when the text names nobody. */
async function whereOf(query: AuditLogQuery, timeZone: string) {
  let candidateId = query.candidate;
  let unknownCandidate = false;
  if (!candidateId && query.who) {
    const found = await resolveCandidateText(query.who);
    if (found) candidateId = found.id;
    else unknownCandidate = true;
  }
  const from = query.from ? parseLocalDate(query.from, timeZone) : null;
  const to = query.to ? parseLocalDate(query.to, timeZone, { end: true }) : null;
  const actor = query.actor
    ? Object.hasOwn(ACTOR_LABELS, query.actor)
      ? { actorLabel: query.actor }
      : { actorId: query.actor }
    : {};
  const where = {
    ...actor,
    ...(query.kind ? { action: query.kind } : {}),
    ...(candidateId ? { candidateId } : {}),
    ...(from || to ? { at: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } } : {}),
  };
  return { where, candidateId: candidateId ?? null, unknownCandidate };
}

const rowSelect = {
  id: true,
  at: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  actorLabel: true,
  actor: { select: { id: true, name: true } },
  candidate: { select: { id: true, name: true, erasedAt: true } },
} as const;

type StoredRow = {
  id: string;
  at: Date;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  actorLabel: string | null;
  actor: { id: string; name: string } | null;
  candidate: { id: string; name: string; erasedAt: Date | null } | null;
};

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (value === ERASED) return "erased";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function parse(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { value: text };
  }
}

/**
 * "name: Priya → erased; status: open → hired": the payload in one line. The personal fields of an erased candidate's
 * events read "erased" even if a value survived somewhere, so this page never shows what the erasure removed.
 */
export function describePayload(row: Pick<StoredRow, "action" | "before" | "after"> & { candidateErased: boolean }) {
  const before = parse(row.before);
  const after = parse(row.after);
  const hidden = new Set<string>();
  if (row.candidateErased) {
    if (isAuditAction(row.action)) {
      const fields = personalFields(row.action as AuditAction);
      for (const key of [...fields.before, ...fields.after]) hidden.add(key);
    } else return "erased";
  }
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .map((key) => {
      const shown = (v: unknown) => (hidden.has(key) && v !== null && v !== undefined ? "erased" : show(v));
      if (before && after && key in before && key in after) return `${key}: ${shown(before[key])} → ${shown(after[key])}`;
      return `${key}: ${shown((after && key in after ? after : before)?.[key])}`;
    })
    .join("; ");
}

function present(row: StoredRow) {
  return {
    id: row.id,
    at: row.at,
    action: row.action,
    entity: `${row.entityType} ${row.entityId}`,
    actor: row.actor?.name ?? (row.actorLabel ? (ACTOR_LABELS as Record<string, string>)[row.actorLabel] ?? row.actorLabel : "Unknown"),
    candidate: row.candidate ? { id: row.candidate.id, name: row.candidate.name, erased: Boolean(row.candidate.erasedAt) } : null,
    change: describePayload({ ...row, candidateErased: Boolean(row.candidate?.erasedAt) }),
  };
}
export type AuditLogRow = ReturnType<typeof present>;

/** One page of events, newest first, and how many match; a page past the end gives the last page. */
export async function listAuditEvents(query: AuditLogQuery, timeZone: string) {
  const { where, candidateId, unknownCandidate } = await whereOf(query, timeZone);
  if (unknownCandidate) return { rows: [], total: 0, page: 1, pageSize: query.pageSize, candidateId, unknownCandidate };
  const total = await prisma.auditEvent.count({ where });
  const lastPage = Math.max(1, Math.ceil(total / query.pageSize));
  const page = Math.min(query.page, lastPage);
  const rows = await prisma.auditEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * query.pageSize,
    take: query.pageSize,
    select: rowSelect,
  });
  return { rows: rows.map(present), total, page, pageSize: query.pageSize, candidateId, unknownCandidate };
}

/** Every matching event (up to AUDIT_CSV_LIMIT), newest first, read in keyset batches for the CSV. */
export async function* auditEventsForCsv(query: AuditLogQuery, timeZone: string): AsyncGenerator<AuditLogRow> {
  const { where, unknownCandidate } = await whereOf(query, timeZone);
  if (unknownCandidate) return;
  let sent = 0;
  let after: { at: Date; id: string } | null = null;
  while (sent < AUDIT_CSV_LIMIT) {
    const cursor: object = after ? { OR: [{ at: { lt: after.at } }, { at: after.at, id: { lt: after.id } }] } : {};
    const batch: StoredRow[] = await prisma.auditEvent.findMany({
      where: { AND: [where, cursor] },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: Math.min(500, AUDIT_CSV_LIMIT - sent),
      select: rowSelect,
    });
    if (!batch.length) return;
    for (const row of batch) yield present(row);
    sent += batch.length;
    const last = batch[batch.length - 1];
    after = { at: last.at, id: last.id };
  }
}

/** The filter choices: every kind, every user, and the actors without an account. */
export async function auditLogFilterOptions() {
  const users = await prisma.user.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
  return {
    kinds: Object.keys(auditEvents).sort(),
    actors: [...users.map((u) => ({ value: u.id, label: u.name })), ...Object.entries(ACTOR_LABELS).map(([value, label]) => ({ value, label }))],
  };
}
