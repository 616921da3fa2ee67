// The recruiter's side of the candidate's page, on /interviews/:id: the link's state and buttons, and the
// candidate's reflection (read-only). A new link opens in a dialog with Copy and "Email it to the candidate".
import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import type { CoachingPanelData } from "~/models/recovery/coaching.server";
import { reflectionQuestions } from "~/models/recovery/reflection";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { useTimeZone } from "~/utils/use-time-zone";
import { useFocusAfterSubmit } from "./announcer";
import { ErrorList, SubmitButton } from "./forms";

/** A link just created: the only time its token is ever shown. */
export type CreatedLink = { url: string; expiresAt: string; replacedPrevious: boolean };
type CoachingReply = { intent?: string | null; createdLink?: CreatedLink; result?: { error?: Record<string, string[] | null | undefined> } };

export function CoachingPanel({
  interviewId,
  coaching,
  refusal,
  createdLink,
}: {
  interviewId: string;
  coaching: CoachingPanelData;
  /** Why the page refused the last press of one of these buttons. */
  refusal?: string[] | null;
  /** Without JavaScript: the link the page just created, shown in the panel itself. */
  createdLink?: CreatedLink | null;
}) {
  const timeZone = useTimeZone();
  const zone = describeTimeZone(timeZone);
  const here = `/interviews/${interviewId}`;
  // Without JavaScript the browser posts to the fragment, so the answer opens at this panel.
  const action = `${here}#coaching`;
  const { run, link, lastOpenedAt, reflection, reflectionUpdatedAt } = coaching;
  const answered = reflection ? reflectionQuestions.filter((q) => reflection[q.name]) : [];
  const create = useFetcher<CoachingReply>();
  const revoke = useFetcher<CoachingReply>();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const fetcherErrors = [create, revoke].flatMap((f) =>
    f.state === "idle" && f.data?.result?.error ? Object.values(f.data.result.error).flatMap((e) => e ?? []) : [],
  );
  const errors = fetcherErrors.length ? fetcherErrors : refusal;
  useFocusAfterSubmit(revoke, statusRef, () => "Revoked: the candidate's page no longer opens with that link.");
  const fresh = create.state === "idle" ? create.data?.createdLink : undefined;
  const lastOpened = lastOpenedAt ? `last opened ${formatDateTime(lastOpenedAt, timeZone)}` : "not opened yet";
  return (
    <section id="coaching" className="panel coaching-panel" aria-labelledby="coaching-title">
      <h2 id="coaching-title">Candidate's page</h2>
      {!run ? (
        <p className="empty-state">The candidate's page opens once the interview is flagged and its checklist starts.</p>
      ) : (
        <>
          <p className="hint">
            A private page where the candidate sees their own steps (not yours, and none of your notes) and fills in
            their reflection. No login: whoever has the link can open it, so send it only to the candidate. A new
            link or Revoke stops earlier links (those in emails too); links work for 30 days.
          </p>
          <p className="coaching-link-status" ref={statusRef} tabIndex={-1}>
            {!link
              ? "No link yet."
              : link.status === "active"
                ? `Link active, expires ${formatDateTime(link.expiresAt, timeZone)} (${zone}), ${lastOpened}.`
                : link.status === "revoked"
                  ? `Link revoked on ${formatDateTime(link.revokedAt ?? link.createdAt, timeZone)} (${zone}), ${lastOpened}.`
                  : `Link expired on ${formatDateTime(link.expiresAt, timeZone)} (${zone}), ${lastOpened}.`}
          </p>
          {run.status === "cancelled" ? (
            <p>The checklist was cancelled, so the candidate's page is closed and no new link can be made.</p>
          ) : (
            <>
              <ErrorList errors={errors} alert />
              {createdLink ? <CreatedLinkBox link={createdLink} here={here} inline /> : null}
              <div className="row-actions">
                <create.Form method="post" action={action} preventScrollReset>
                  <input type="hidden" name="runId" value={run.id} />
                  <SubmitButton fetcher={create} name="intent" value="create-link" pendingLabel="Creating…">
                    {link ? "New link" : "Create a link"}
                  </SubmitButton>
                </create.Form>
                {link?.status === "active" ? (
                  <revoke.Form method="post" action={action} preventScrollReset>
                    <input type="hidden" name="linkId" value={link.id} />
                    <SubmitButton fetcher={revoke} className="danger" name="intent" value="revoke-link" pendingLabel="Revoking…">
                      Revoke<span className="visually-hidden"> link</span>
                    </SubmitButton>
                  </revoke.Form>
                ) : null}
              </div>
              <LinkDialog link={fresh} here={here} />
            </>
          )}
          <h3 id="reflection-heading">Candidate's reflection</h3>
          {!answered.length ? (
            <p className="empty-state">Not filled in yet.</p>
          ) : (
            <>
              {reflectionUpdatedAt ? (
                <p className="muted">
                  Last saved by the candidate on {formatDateTime(reflectionUpdatedAt, timeZone)} ({zone}).
                </p>
              ) : null}
              <dl className="details reflection-answers" aria-labelledby="reflection-heading">
                {reflectionQuestions.map((q) => (
                  <div key={q.name}>
                    <dt>{q.label}</dt>
                    <dd className="notes">{reflection?.[q.name] || <span className="muted">(left empty)</span>}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** The new link in a modal dialog: the browser traps focus and Escape closes it; focus goes back to the button. */
function LinkDialog({ link, here }: { link: CreatedLink | undefined; here: string }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (link && dialog && !dialog.open) dialog.showModal();
  }, [link]);
  return (
    <dialog ref={dialogRef} className="coaching-dialog" aria-labelledby="coaching-dialog-title">
      {link ? (
        <>
          <h3 id="coaching-dialog-title">The candidate's link</h3>
          <CreatedLinkBox link={link} here={here} />
          <form method="dialog" className="row-actions">
            <button type="submit" className="secondary">
              Close
            </button>
          </form>
        </>
      ) : null}
    </dialog>
  );
}

function CreatedLinkBox({ link, here, inline }: { link: CreatedLink; here: string; inline?: boolean }) {
  const timeZone = useTimeZone();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string>("");
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  async function copy() {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied("Copied");
    } catch {
      // No clipboard permission: leave the link selected so Ctrl+C (or ⌘C) copies it.
      inputRef.current?.select();
      setCopied("Couldn't copy here: the link is selected, press Ctrl+C to copy it.");
    }
  }
  return (
    <div className={inline ? "notice coaching-created" : "coaching-created"}>
      <p>
        {link.replacedPrevious ? "New link created; the previous link no longer works. " : "Link created. "}
        It works until {formatDateTime(link.expiresAt, timeZone)} ({describeTimeZone(timeZone)}). This is the only time
        it is shown: we keep no copy.
      </p>
      <div className="field">
        <label htmlFor={inline ? "coaching-link-inline" : "coaching-link-url"}>Candidate link</label>
        <input
          ref={inputRef}
          id={inline ? "coaching-link-inline" : "coaching-link-url"}
          type="text"
          readOnly
          value={link.url}
          onFocus={(e) => e.currentTarget.select()}
          className="coaching-link-input"
        />
      </div>
      <div className="row-actions">
        {scripted ? (
          <button type="button" onClick={copy}>
            Copy<span className="visually-hidden"> the link</span>
          </button>
        ) : null}
        <Link className="button secondary" to={`${here}/email`}>
          Email it to the candidate
        </Link>
      </div>
      <p className="hint">The email carries a link of its own to the same page.</p>
      <p role="status" aria-live="polite" className="copy-status">
        {copied}
      </p>
    </div>
  );
}
