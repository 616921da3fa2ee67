// The recruiter's side of the candidate's page, on /interviews/:id: the link's state and buttons, and the
// candidate's reflection (read-only).
import { Form } from "@remix-run/react";
import type { CoachingPanelData } from "~/models/recovery/coaching.server";
import { reflectionQuestions } from "~/models/recovery/coaching-forms";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { useTimeZone } from "~/utils/use-time-zone";
import { ErrorList, SubmitButton } from "./forms";

export function CoachingPanel({
  interviewId,
  coaching,
  refusal,
}: {
  interviewId: string;
  coaching: CoachingPanelData;
  /** Why the page refused the last press of one of these buttons. */
  refusal?: string[] | null;
}) {
  const timeZone = useTimeZone();
  const zone = describeTimeZone(timeZone);
  const action = `/interviews/${interviewId}`;
  const { run, link, reflection, reflectionUpdatedAt } = coaching;
  const answered = reflection ? reflectionQuestions.filter((q) => reflection[q.name]) : [];
  return (
    <section className="panel coaching-panel" aria-labelledby="coaching-title">
      <h2 id="coaching-title">Candidate's page</h2>
      {!run ? (
        <p className="empty-state">The candidate's page opens once the interview is flagged and its checklist starts.</p>
      ) : (
        <>
          <p>
            A private page where the candidate sees their own steps (not yours, and none of your notes) and fills in
            their reflection. No login: whoever has the link can open it, so send it only to the candidate.
          </p>
          <p className="coaching-link-status">
            <strong>Link: </strong>
            {!link
              ? "No link yet."
              : link.status === "active"
                ? `Link active until ${formatDateTime(link.expiresAt, timeZone)} (${zone}).`
                : link.status === "revoked"
                  ? `Link revoked on ${formatDateTime(link.revokedAt ?? link.createdAt, timeZone)} (${zone}).`
                  : `Link expired on ${formatDateTime(link.expiresAt, timeZone)} (${zone}).`}
          </p>
          {run.status === "cancelled" ? (
            <p>The checklist was cancelled, so the candidate's page is closed and no new link can be made.</p>
          ) : (
            <>
              <p className="hint">
                The full link is shown only once, right after you create it; we keep no copy. Creating a new link
                stops the previous ones from working (including those in emails), and so does revoking. Links work
                for 30 days.
              </p>
              <ErrorList errors={refusal} alert />
              <div className="row-actions">
                <Form method="post" action={action}>
                  <input type="hidden" name="runId" value={run.id} />
                  <SubmitButton name="intent" value="create-link" pendingLabel="Creating…">
                    Create a new link
                  </SubmitButton>
                </Form>
                {link?.status === "active" ? (
                  <Form method="post" action={action}>
                    <input type="hidden" name="linkId" value={link.id} />
                    <SubmitButton className="danger" name="intent" value="revoke-link" pendingLabel="Revoking…">
                      Revoke link
                    </SubmitButton>
                  </Form>
                ) : null}
              </div>
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
