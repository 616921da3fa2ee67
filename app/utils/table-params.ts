// The URL search params ARE a table's state (sort, direction, page, page size, visible columns, filters). Parsed
// with zod; anything unexpected falls back to its default, so a hand-edited or stale link never gives a 500.
// Shared by loaders (parsing) and components (building links), so it must stay browser-safe.
import { RECORD_ID_PATTERN } from "./record-id";
import { z } from "zod";

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export type SortDirection = "asc" | "desc";

/** The param names every table uses. Filters add their own (q, recruiter, status, …). */
export const TABLE_PARAMS = { sort: "sort", direction: "dir", page: "page", pageSize: "pageSize", columns: "cols" } as const;

export type TableConfig<Col extends string> = {
  /** Every column id, in display order. */
  columns: readonly Col[];
  /** Columns the page shows when the URL names none. */
  defaultColumns: readonly Col[];
  sortable: readonly Col[];
  defaultSort: Col;
  defaultDirection: SortDirection;
  /** The direction a column starts in when first clicked (dates and counts read best newest/largest first). */
  firstDirection?: Partial<Record<Col, SortDirection>>;
};

export type TableState<Col extends string> = {
  sort: Col;
  direction: SortDirection;
  page: number;
  pageSize: PageSize;
  columns: Col[];
};

// Generous but bounded: 1,000,000 pages of 100 is far beyond any agency; larger numbers are typos.
const MAX_PAGE = 1_000_000;

export function parseTableState<Col extends string>(params: URLSearchParams, config: TableConfig<Col>): TableState<Col> {
  const sortable = config.sortable as readonly string[];
  const schema = z.object({
    sort: z
      .string()
      .refine((s) => sortable.includes(s))
      .catch(config.defaultSort),
    direction: z.enum(["asc", "desc"]).catch(config.defaultDirection),
    page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1),
    pageSize: z.coerce
      .number()
      .refine((n): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n))
      .catch(PAGE_SIZES[0]),
  });
  const parsed = schema.parse({
    sort: params.get(TABLE_PARAMS.sort) ?? undefined,
    direction: params.get(TABLE_PARAMS.direction) ?? undefined,
    page: params.get(TABLE_PARAMS.page) ?? undefined,
    pageSize: params.get(TABLE_PARAMS.pageSize) ?? undefined,
  });
  // A sort param without a direction takes the column's natural first direction.
  const direction =
    params.get(TABLE_PARAMS.direction) === null && params.get(TABLE_PARAMS.sort) !== null
      ? (config.firstDirection?.[parsed.sort as Col] ?? "asc")
      : parsed.direction;
  const named = params.getAll(TABLE_PARAMS.columns).flatMap((c) => c.split(","));
  const columns = config.columns.filter((c) => named.includes(c));
  return {
    sort: parsed.sort as Col,
    direction,
    page: parsed.page,
    pageSize: parsed.pageSize as PageSize,
    columns: columns.length ? columns : [...config.defaultColumns],
  };
}

const idSchema = z.string().trim().regex(RECORD_ID_PATTERN);
const dateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/);

/** Building blocks for a page's filter schema: each one turns bad input into "no filter" instead of an error. */
export const filterParam = {
  /** Free text, trimmed and capped so a pasted essay can't slow the query. Empty means no filter. */
  text: (max = 100) =>
    z
      .string()
      .transform((s) => s.trim().slice(0, max))
      .transform((s) => s || undefined)
      .optional()
      .catch(undefined),
  id: () => idSchema.optional().catch(undefined),
  /** A calendar day "YYYY-MM-DD" (read in the agency zone by the model). */
  date: () => dateSchema.optional().catch(undefined),
  oneOf: <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined),
  /** A checkbox: "1" (or "on"/"true") means on. */
  flag: () =>
    z
      .string()
      .optional()
      .transform((v) => v === "1" || v === "on" || v === "true")
      .catch(false),
};

/** Parses filters from the URL with a schema built from `filterParam`; unknown params are ignored. */
export function parseFilters<S extends z.ZodRawShape>(params: URLSearchParams, shape: S) {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) raw[key] = params.get(key) ?? undefined;
  return z.object(shape).parse(raw);
}

/** Search params with some values replaced or removed (undefined/null/"" removes), for links and forms. */
export function withParams(params: URLSearchParams, changes: Record<string, string | number | null | undefined>) {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === null || value === "") next.delete(key);
    else next.set(key, String(value));
  }
  // The index route's own marker must never leak into links.
  next.delete("index");
  return next;
}

/** "?a=1&b=2", or "" when there is nothing to say. */
export function toSearch(params: URLSearchParams) {
  const s = params.toString();
  return s ? `?${s}` : "";
}

export function pageCount(total: number, pageSize: number) {
  return Math.max(1, Math.ceil(total / pageSize));
}
