// The saved-view forms' action, shared by /candidates and /interviews (each posts to its own page, decision 008).
import { parseWithZod } from "@conform-to/zod";
import { invalidForm, unlessRefused } from "~/utils/form-reply.server";
import { redirectWithToast } from "~/utils/session.server";
import { toSearch, withParams } from "~/utils/table-params";
import { SavedViewActionSchema, type SavedViewIntent, type SavedViewTable } from "./saved-view-forms";
import { deleteView, renameView, saveView, shareView } from "./saved-views.server";

export async function savedViewAction(request: Request, userId: string, table: SavedViewTable, formData: FormData, intent: SavedViewIntent) {
  const submission = parseWithZod(formData, { schema: SavedViewActionSchema });
  if (submission.status !== "success") return invalidForm(submission, intent);
  const value = submission.value;
  const here = `/${table}${toSearch(withParams(new URL(request.url).searchParams, {}))}`;
  return unlessRefused(
    submission,
    async () => {
      switch (value.intent) {
        case "save-view": {
          const view = await saveView(userId, table, value);
          return redirectWithToast(request, `/${table}?${view.query}`, {
            kind: "success",
            message: `Saved the view “${view.name}”${value.shared ? ", shared with the team" : ""}.`,
          });
        }
        case "rename-view": {
          const view = await renameView(userId, table, value.viewId, value.name);
          return redirectWithToast(request, here, { kind: "success", message: `Renamed the view to “${view.name}”.` });
        }
        case "share-view": {
          const view = await shareView(userId, table, value.viewId, value.shared);
          return redirectWithToast(request, here, {
            kind: "success",
            message: value.shared ? `“${view.name}” is shared with the team.` : `“${view.name}” is no longer shared.`,
          });
        }
        case "delete-view": {
          const view = await deleteView(userId, table, value.viewId);
          return redirectWithToast(request, here, { kind: "success", message: `Deleted the view “${view.name}”.` });
        }
      }
    },
    value.intent,
  );
}
