// Form schemas of saved table views (the tabs above /candidates and /interviews). Shared by the actions and forms.
import { z } from "zod";
import { recordIdField } from "~/utils/record-id";
import { singleLineText } from "~/utils/text";

export const SAVED_VIEW_NAME_MAX = 60;
/** A view stores a query string; the table's own param schema re-reads it on every load. */
export const SAVED_VIEW_QUERY_MAX = 2000;

export const savedViewTables = ["candidates", "interviews"] as const;
export type SavedViewTable = (typeof savedViewTables)[number];

export const savedViewIntents = ["save-view", "rename-view", "share-view", "delete-view"] as const;
export type SavedViewIntent = (typeof savedViewIntents)[number];
export const isSavedViewIntent = (value: unknown): value is SavedViewIntent =>
  (savedViewIntents as readonly unknown[]).includes(value);

const viewName = singleLineText(
  z
    .string({ required_error: "Name the view." })
    .trim()
    .min(1, "Name the view.")
    .max(SAVED_VIEW_NAME_MAX, `A view's name is at most ${SAVED_VIEW_NAME_MAX} characters.`),
);
const viewId = recordIdField("Choose a view.");

export const SavedViewActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save-view"),
    name: viewName,
    query: z.string().max(SAVED_VIEW_QUERY_MAX).optional().default(""),
    shared: z.literal("1").optional().transform(Boolean),
  }),
  z.object({ intent: z.literal("rename-view"), viewId, name: viewName }),
  z.object({ intent: z.literal("share-view"), viewId, shared: z.enum(["1", "0"]).transform((v) => v === "1") }),
  z.object({ intent: z.literal("delete-view"), viewId }),
]);
