// Saved table views: a named query string of /candidates or /interviews, owned by one user and optionally shared
// with the team. The stored query is never trusted: each load re-reads it with the table's own param schema, so a
// view saved before a filter value or column went away still opens (on what still applies) instead of failing.
import { recordAudit } from "~/models/audit/audit.server";
import { prisma, type Tx } from "~/utils/db.server";
import { lockRow, readBoolean } from "~/utils/sql-dialect.server";
import { RuleViolation } from "~/utils/errors.server";
import type { TableConfig } from "~/utils/table-params";
import { OWNERSHIP_PARAM } from "./ownership";
import { parseCandidateQuery } from "./candidate-table.server";
import { parseInterviewQuery } from "./interview-table.server";
import type { SavedViewTable } from "./saved-view-forms";
import { candidateFilterParams, candidateTable, interviewFilterParams, interviewTable } from "./table-columns";

/** Most views one user keeps per table: tabs, not an archive. */
export const SAVED_VIEWS_PER_TABLE = 20;

type Parsed = { state: { sort: string; direction: string; pageSize: number; columns: string[] }; filters: object };
type TableSpec = { parse: (params: URLSearchParams) => Parsed; filterParams: readonly string[]; config: TableConfig<string> };

const tables: Record<SavedViewTable, TableSpec> = {
  candidates: { parse: parseCandidateQuery, filterParams: candidateFilterParams, config: candidateTable },
  interviews: { parse: parseInterviewQuery, filterParams: interviewFilterParams, config: interviewTable },
};

/**
 * The query string a table's schema makes of these params: only the filters, sort, page size and columns it
 * accepts, in a fixed order, defaults left out (the page is not part of a view).
 */
export function canonicalViewQuery(table: SavedViewTable, params: URLSearchParams) {
  const { parse, filterParams, config } = tables[table];
  const { state, filters } = parse(params);
  const out = new URLSearchParams();
  const values = filters as Record<string, unknown>;
  for (const key of filterParams) {
    const value = values[key];
    if (value === true) out.set(key, "1");
    else if (typeof value === "string" && value) out.set(key, value);
  }
  if (params.get(OWNERSHIP_PARAM) === "all") out.set(OWNERSHIP_PARAM, "all");
  if (state.sort !== config.defaultSort || state.direction !== config.defaultDirection) {
    out.set("sort", state.sort);
    out.set("dir", state.direction);
  }
  if (state.pageSize !== 25) out.set("pageSize", String(state.pageSize));
  if (state.columns.join(",") !== config.defaultColumns.join(",")) out.set("cols", state.columns.join(","));
  return out.toString();
}

/**
 * The user's own views and those teammates shared, for the tabs: each with the link it opens. Every view of a table
 * reads these, so in one raw statement (a nested Prisma read was two statements and its query compiler: 0.9 ms).
 */
export async function listSavedViews(userId: string, table: SavedViewTable) {
  const views = await prisma.$queryRaw<{ id: string; name: string; query: string; shared: unknown; ownerId: string; ownerName: string }[]>`
    SELECT v."id", v."name", v."query", v."shared", v."ownerId", u."name" AS "ownerName"
    FROM "SavedView" v JOIN "User" u ON u."id" = v."ownerId"
    WHERE v."table" = ${table} AND (v."ownerId" = ${userId} OR (v."shared" = ${true} AND u."active" = ${true}))
    ORDER BY v."name", v."id"`;
  return views
    .map((v) => {
      const query = canonicalViewQuery(table, new URLSearchParams(v.query));
      return {
        id: v.id,
        name: v.name,
        shared: readBoolean(v.shared),
        own: v.ownerId === userId,
        ownerName: v.ownerName,
        query,
        // Something saved in it no longer applies (a removed filter value or column): the tab says so.
        stale: query !== v.query,
      };
    })
    .sort((a, b) => Number(b.own) - Number(a.own));
}

export type SavedViewTab = Awaited<ReturnType<typeof listSavedViews>>[number];

/**
 * Every change to a user's views first locks the user's row, then checks its rules in the same transaction: two saves
 * at once (two tabs) would otherwise both pass, and the second hit the unique index (a 500) or exceed the limit.
 */
async function lockOwner(tx: Tx, ownerId: string) {
  const lock = lockRow("User", ownerId);
  if (lock) await tx.$queryRaw(lock);
}

async function assertNameFree(tx: Tx, ownerId: string, table: SavedViewTable, name: string, exceptId?: string) {
  const mine = await tx.savedView.findMany({ where: { ownerId, table }, select: { id: true, name: true } });
  if (mine.some((v) => v.id !== exceptId && v.name.toLowerCase() === name.toLowerCase())) {
    throw new RuleViolation("You already have a view with this name. Choose another.", "name");
  }
  return mine.length;
}

export async function saveView(userId: string, table: SavedViewTable, input: { name: string; query: string; shared: boolean }) {
  const query = canonicalViewQuery(table, new URLSearchParams(input.query));
  return prisma.$transaction(async (tx) => {
    await lockOwner(tx, userId);
    const count = await assertNameFree(tx, userId, table, input.name);
    if (count >= SAVED_VIEWS_PER_TABLE) {
      throw new RuleViolation(`You can keep ${SAVED_VIEWS_PER_TABLE} views per table. Delete one first.`, "name");
    }
    const view = await tx.savedView.create({
      data: { ownerId: userId, table, name: input.name, query, shared: input.shared },
      select: { id: true, name: true, query: true },
    });
    await recordAudit(tx, {
      actor: { userId },
      action: "saved_view.created",
      entityId: view.id,
      after: { table, name: view.name, query, shared: input.shared },
    });
    return view;
  });
}

async function ownView(tx: Tx, userId: string, table: SavedViewTable, viewId: string) {
  const view = await tx.savedView.findFirst({ where: { id: viewId, table, ownerId: userId }, select: { id: true, name: true, query: true, shared: true } });
  // A teammate's shared view, or one already deleted: either way not this user's to change.
  if (!view) throw new RuleViolation("That view no longer exists or is not yours to change.");
  return view;
}

export async function renameView(userId: string, table: SavedViewTable, viewId: string, name: string) {
  return prisma.$transaction(async (tx) => {
    await lockOwner(tx, userId);
    const view = await ownView(tx, userId, table, viewId);
    if (view.name === name) return view;
    await assertNameFree(tx, userId, table, name, viewId);
    const renamed = await tx.savedView.update({ where: { id: viewId }, data: { name }, select: { id: true, name: true } });
    await recordAudit(tx, { actor: { userId }, action: "saved_view.renamed", entityId: viewId, before: { name: view.name }, after: { name } });
    return renamed;
  });
}

export async function shareView(userId: string, table: SavedViewTable, viewId: string, shared: boolean) {
  return prisma.$transaction(async (tx) => {
    await lockOwner(tx, userId);
    const view = await ownView(tx, userId, table, viewId);
    if (view.shared === shared) return view;
    const updated = await tx.savedView.update({ where: { id: viewId }, data: { shared }, select: { id: true, name: true } });
    await recordAudit(tx, { actor: { userId }, action: "saved_view.shared", entityId: viewId, before: { shared: view.shared }, after: { shared } });
    return updated;
  });
}

export async function deleteView(userId: string, table: SavedViewTable, viewId: string) {
  return prisma.$transaction(async (tx) => {
    await lockOwner(tx, userId);
    const view = await ownView(tx, userId, table, viewId);
    await tx.savedView.delete({ where: { id: viewId } });
    await recordAudit(tx, {
      actor: { userId },
      action: "saved_view.deleted",
      entityId: viewId,
      before: { table, name: view.name, query: view.query, shared: view.shared },
    });
    return view;
  });
}
