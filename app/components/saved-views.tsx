// Saved views above a table: a tab per view (the user's own, then those teammates shared), "Save this view", and a
// folded "Manage views" to rename, share or delete one's own. Every form posts to the page itself (decision 008).
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link } from "@remix-run/react";
import { SavedViewActionSchema } from "~/models/tables/saved-view-forms";
import { buttonFormErrors, replyFor, type FormReply } from "~/utils/form-reply";
import { ErrorList, Field, SubmitButton } from "./forms";

export type SavedViewTabData = {
  id: string;
  name: string;
  shared: boolean;
  own: boolean;
  ownerName: string;
  query: string;
  stale: boolean;
};

export function SavedViews({
  table,
  views,
  currentQuery,
  reply,
}: {
  table: "candidates" | "interviews";
  views: SavedViewTabData[];
  /** The table's current query as a view would store it: the tab showing exactly this is the current one. */
  currentQuery: string;
  reply: FormReply | null | undefined;
}) {
  const own = views.filter((v) => v.own);
  const manageReply = reply && reply.intent !== "save-view" ? reply : null;
  return (
    <div className="saved-views">
      {views.length ? (
        <nav aria-label="Saved views" className="saved-view-tabs">
          <ul>
            {views.map((v) => {
              const current = v.query === currentQuery;
              return (
                <li key={v.id}>
                  <Link to={`/${table}?${v.query}`} aria-current={current ? "page" : undefined} className={current ? "active" : undefined}>
                    {v.name}
                    {v.own ? null : <span className="hint"> · {v.ownerName}</span>}
                    {v.own && v.shared ? <span className="role-badge">Shared</span> : null}
                  </Link>
                  {v.stale ? <span className="hint"> (some of its filters no longer apply)</span> : null}
                </li>
              );
            })}
          </ul>
        </nav>
      ) : null}
      <SaveViewForm currentQuery={currentQuery} reply={reply} />
      {own.length ? (
        <details className="manage-views" open={manageReply ? true : undefined}>
          <summary>Manage my views</summary>
          <ErrorList errors={manageReply && !refusedViewId(manageReply) ? buttonFormErrors(manageReply) : null} alert />
          <ul className="manage-view-list">
            {own.map((v) => (
              <ManageViewRow key={v.id} view={v} reply={manageReply && refusedViewId(manageReply) === v.id ? manageReply : null} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function refusedViewId(reply: FormReply) {
  const id = reply.result.initialValue?.viewId;
  return typeof id === "string" ? id : null;
}

function SaveViewForm({ currentQuery, reply }: { currentQuery: string; reply: FormReply | null | undefined }) {
  const lastResult = replyFor(reply, "save-view");
  const [form, fields] = useForm({
    id: "save-view",
    constraint: getZodConstraint(SavedViewActionSchema),
    lastResult,
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SavedViewActionSchema }),
  });
  return (
    <details className="save-view" open={lastResult?.error ? true : undefined}>
      <summary>Save this view</summary>
      <Form method="post" className="save-view-form" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} alert />
        <input type="hidden" name="query" value={currentQuery} />
        <Field label="View name" inputProps={{ ...getInputProps(fields.name, { type: "text" }), maxLength: 60 }} errors={fields.name.errors} />
        <div className="field field-checkbox">
          <input id="save-view-shared" type="checkbox" name="shared" value="1" />
          <label htmlFor="save-view-shared">Share with the team</label>
        </div>
        <SubmitButton name="intent" value="save-view" pendingLabel="Saving…">
          Save view
        </SubmitButton>
      </Form>
    </details>
  );
}

function ManageViewRow({ view, reply }: { view: SavedViewTabData; reply: FormReply | null }) {
  const nameErrors = reply?.result.error?.name ?? null;
  const otherErrors = reply ? Object.entries(reply.result.error ?? {}).filter(([k]) => k !== "name").flatMap(([, v]) => v ?? []) : null;
  const id = `rename-view-${view.id}`;
  return (
    <li>
      <Form method="post" className="inline-form">
        <input type="hidden" name="viewId" value={view.id} />
        <div className="field">
          <label htmlFor={id}>Name of “{view.name}”</label>
          <input
            id={id}
            name="name"
            defaultValue={typeof reply?.result.initialValue?.name === "string" ? reply.result.initialValue.name : view.name}
            maxLength={60}
            required
            aria-invalid={nameErrors ? true : undefined}
            aria-describedby={nameErrors ? `${id}-error` : undefined}
          />
          <ErrorList id={`${id}-error`} errors={nameErrors} />
        </div>
        <SubmitButton name="intent" value="rename-view" subject={{ name: "viewId", value: view.id }} className="secondary" pendingLabel="Renaming…">
          Rename
        </SubmitButton>
      </Form>
      <Form method="post" className="inline-form">
        <input type="hidden" name="viewId" value={view.id} />
        <input type="hidden" name="shared" value={view.shared ? "0" : "1"} />
        <SubmitButton name="intent" value="share-view" subject={{ name: "viewId", value: view.id }} className="secondary" pendingLabel="Saving…">
          {view.shared ? "Stop sharing" : "Share with the team"}
          <span className="visually-hidden"> “{view.name}”</span>
        </SubmitButton>
      </Form>
      <Form method="post" className="inline-form">
        <input type="hidden" name="viewId" value={view.id} />
        <SubmitButton name="intent" value="delete-view" subject={{ name: "viewId", value: view.id }} className="secondary" pendingLabel="Deleting…">
          Delete<span className="visually-hidden"> “{view.name}”</span>
        </SubmitButton>
      </Form>
      <ErrorList errors={otherErrors} alert />
    </li>
  );
}
