// The candidate's check-in after an interview ("How did it go?"), opened from an email on a phone without logging in.
// Works without JavaScript: one form, answered once.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { TOKEN_NOT_VALID, TOKEN_TOO_MANY, TokenPageError, TokenPageLayout } from "~/components/token-page";
import { ErrorList, SubmitButton } from "~/components/forms";
import { getAgency } from "~/models/agency/agency.server";
import { CHECK_IN_NOTE_MAX, CHECK_IN_OTHER_MAX } from "~/models/check-in/check-in-rules";
import { CheckInActionSchema, isCheckInIntent, parseWithZod } from "~/utils/candidate-page-forms.server";
import { answerCheckIn, findCheckIn, openCoachingFromCheckIn } from "~/models/check-in/check-in.server";
import { checkInAnswers, checkInReasons } from "~/models/enums";
import { coachRequestRetryAfter } from "~/utils/coach-rate-limit.server";
import { formatDate, formatDateTime } from "~/utils/dates";
import { RuleViolation } from "~/utils/errors.server";
import { fieldFromReply, formErrorsFromReply, type FormReply } from "~/utils/form-reply";
import { formRefused, invalidForm, ruleViolationReply, tooManyRequestsReply } from "~/utils/form-reply.server";
import { clientIp } from "~/utils/http.server";

// As on the coaching page: the token is in the URL, so no referrer path, no indexing, no caching.
const REFERRER_POLICY = "strict-origin";
const pageHeaders = { "Referrer-Policy": REFERRER_POLICY, "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store" };

export const headers: HeadersFunction = () => pageHeaders;
export const handle = { shell: "none" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? "How did your interview go?" : "This link is not valid" },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: REFERRER_POLICY },
];

const notValid = () => new Response(TOKEN_NOT_VALID, { status: 404, statusText: "Not Found", headers: pageHeaders });

export async function loader({ params, context }: LoaderFunctionArgs) {
  // The coaching page's limits: both pages are reached by a token alone, so both are kept from being probed at speed.
  const wait = await coachRequestRetryAfter(clientIp(context), "view");
  if (wait) throw new Response(TOKEN_TOO_MANY, { status: 429, headers: { ...pageHeaders, "Retry-After": String(wait) } });
  const page = await findCheckIn(params.token ?? "");
  if (!page) throw notValid();
  const agency = await getAgency();
  return data({ page, agency: { name: agency.name, timeZone: agency.timeZone } }, { headers: pageHeaders });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  const known = isCheckInIntent(intent) ? intent : null;
  const submission = parseWithZod(formData, { schema: CheckInActionSchema });
  const wait = await coachRequestRetryAfter(clientIp(context), "save");
  if (wait) return tooManyRequestsReply(submission, { message: TOKEN_TOO_MANY, retryAfterSeconds: wait, intent: known, headers: pageHeaders });
  if (!known) return formRefused();
  if (submission.status !== "success") return invalidForm(submission, known);
  const value = submission.value;
  if (value.intent === "open-coaching") {
    const coachingToken = await openCoachingFromCheckIn(token);
    if (!coachingToken) throw notValid();
    return redirect(`/coach/${encodeURIComponent(coachingToken)}`, { headers: pageHeaders });
  }
  try {
    const answered = await answerCheckIn(token, {
      answer: value.answer,
      reasons: value.reasons,
      otherReason: value.otherReason,
      note: value.note,
    });
    if (!answered) throw notValid();
    // The coaching link is in this one answer only (it is stored as a hash): the page shows it right away.
    return data({ intent: value.intent, result: null, answered }, { headers: pageHeaders });
  } catch (error) {
    if (error instanceof RuleViolation) return ruleViolationReply(submission, error, value.intent);
    throw error;
  }
}

export default function CheckInPage() {
  const { page, agency } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const answered = actionData && "answered" in actionData ? actionData.answered : null;
  const recruiter = page.recruiter.name;
  return (
    <TokenPageLayout from={`From your recruiter at ${agency.name}`}>
      {answered ? (
        <Thanks answer={answered.answer} coaching={answered.coaching} recruiter={recruiter} timeZone={agency.timeZone} />
      ) : page.answered ? (
        <AlreadyAnswered page={page} timeZone={agency.timeZone} />
      ) : (
        <>
          <h1>Hi {page.firstName}, how did it go?</h1>
          <p className="coach-lede">
            Your interview for <strong>{page.roleTitle}</strong> at <strong>{page.companyName}</strong> on{" "}
            {formatDate(page.scheduledAt, agency.timeZone)}. Your answer goes to {recruiter}, your recruiter.
          </p>
          <AnswerForm recruiter={recruiter} reply={actionData?.result ? (actionData as FormReply) : null} />
        </>
      )}
      <RecruiterContact recruiter={page.recruiter} />
    </TokenPageLayout>
  );
}

// Checked on the server only: this page loads no form library, for candidates on mobile data (`npm run bench:js`).
function AnswerForm({ recruiter, reply }: { recruiter: string; reply: FormReply | null }) {
  const formRef = useRef<HTMLFormElement>(null);
  const answer = fieldFromReply(reply, "answer");
  const reasons = fieldFromReply(reply, "reasons");
  const otherReason = fieldFromReply(reply, "otherReason");
  const note = fieldFromReply(reply, "note");
  const formErrors = formErrorsFromReply(reply);
  const sentReasons = ([] as unknown[]).concat(reasons.sent ?? []);
  // After a refused answer, take the candidate to the first thing to fix.
  useEffect(() => {
    if (reply) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [reply]);
  return (
    <Form method="post" className="stacked" id="check-in" ref={formRef} noValidate>
      <input type="hidden" name="intent" value="answer" />
      <ErrorList id="check-in-errors" errors={formErrors} alert />
      <fieldset aria-describedby={answer.errors ? "answer-errors" : undefined}>
        <legend>How did the interview go?</legend>
        {checkInAnswers.values.map((value, index) => (
          <div className="radio-row check-in-choice" key={value}>
            <input
              type="radio"
              name="answer"
              value={value}
              id={`answer-${value}`}
              defaultChecked={answer.sent === value}
              aria-invalid={answer.errors && index === 0 ? true : undefined}
            />
            <label htmlFor={`answer-${value}`}>{checkInAnswers.label(value)}</label>
          </div>
        ))}
        <ErrorList id="answer-errors" errors={answer.errors} />
      </fieldset>
      <fieldset aria-describedby={reasons.errors ? "reasons-errors" : undefined}>
        <legend>If it didn’t go well, what happened? Tick any that fit.</legend>
        {checkInReasons.values.map((value, index) => (
          <div className="checkbox-row" key={value}>
            <input
              type="checkbox"
              name="reasons"
              value={value}
              id={`reason-${value}`}
              defaultChecked={sentReasons.includes(value)}
              aria-invalid={reasons.errors && index === 0 ? true : undefined}
            />
            <label htmlFor={`reason-${value}`}>{checkInReasons.label(value)}</label>
          </div>
        ))}
        <ErrorList id="reasons-errors" errors={reasons.errors} />
      </fieldset>
      <div className="field">
        <label htmlFor="check-in-other">Something else? In a few words (optional)</label>
        <input
          type="text"
          name="otherReason"
          id="check-in-other"
          defaultValue={typeof otherReason.sent === "string" ? otherReason.sent : undefined}
          maxLength={CHECK_IN_OTHER_MAX}
          aria-invalid={otherReason.errors ? true : undefined}
          aria-describedby={otherReason.errors ? "other-errors" : undefined}
        />
        <ErrorList id="other-errors" errors={otherReason.errors} />
      </div>
      <div className="field">
        <label htmlFor="check-in-note">Anything else you’d like {recruiter} to know? (optional)</label>
        <textarea
          name="note"
          id="check-in-note"
          rows={4}
          defaultValue={typeof note.sent === "string" ? note.sent : undefined}
          maxLength={CHECK_IN_NOTE_MAX}
          aria-invalid={note.errors ? true : undefined}
          aria-describedby={note.errors ? "note-errors" : undefined}
        />
        <ErrorList id="note-errors" errors={note.errors} />
      </div>
      <SubmitButton className="coach-button" pendingLabel="Sending…">
        Send to {recruiter}
      </SubmitButton>
    </Form>
  );
}

type Answered = NonNullable<Awaited<ReturnType<typeof answerCheckIn>>>;

function Thanks({ answer, coaching, recruiter, timeZone }: { answer: Answered["answer"]; coaching: Answered["coaching"]; recruiter: string; timeZone: string }) {
  if (answer !== "badly") {
    return (
      <div className="coach-message" role="status">
        <h1>Thank you</h1>
        <p>
          {answer === "well" ? "Good to hear it went well." : "Thanks for being honest: mixed is normal."} {recruiter} will
          see your answer and be in touch about what comes next.
        </p>
      </div>
    );
  }
  return (
    <div className="coach-message" role="status">
      <h1>Thank you for telling us</h1>
      <p>
        A rough interview can often still be turned around, and the next day is what counts most. {recruiter} has been
        told and will be in touch. Here is what to do first:
      </p>
      {coaching?.steps.length ? (
        <ol className="coach-steps">
          {coaching.steps.map((step) => (
            <li key={step.title} className="coach-step">
              <h2 className="coach-step-title">{step.title}</h2>
              <p className="coach-state">Best done by {formatDateTime(new Date(step.dueAt), timeZone)}</p>
            </li>
          ))}
        </ol>
      ) : null}
      {coaching ? (
        <p>
          <a className="button coach-button" href={`/coach/${coaching.token}`}>
            Open your coaching page
          </a>
        </p>
      ) : null}
      <p className="muted">Your coaching page has every step, with what to say and a short worksheet. Keep its link to yourself.</p>
    </div>
  );
}

function AlreadyAnswered({ page, timeZone }: { page: NonNullable<Awaited<ReturnType<typeof findCheckIn>>>; timeZone: string }) {
  return (
    <div className="coach-message">
      <h1>You’ve already told us how it went</h1>
      <p>
        You answered “{checkInAnswers.label(page.answer ?? "").toLowerCase()}”
        {page.answeredAt ? ` on ${formatDateTime(new Date(page.answeredAt), timeZone)}` : ""}. Thank you.
      </p>
      {page.answer === "badly" && page.hasCoachingPage ? (
        <Form method="post">
          <input type="hidden" name="intent" value="open-coaching" />
          <SubmitButton className="coach-button" pendingLabel="Opening…">
            Open your coaching page
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

function RecruiterContact({ recruiter }: { recruiter: { name: string; email: string; phone: string | null } }) {
  return (
    <p className="coach-footnote muted">
      Your recruiter: {recruiter.name}, <a href={`mailto:${recruiter.email}`}>{recruiter.email}</a>
      {recruiter.phone ? (
        <>
          , <a href={`tel:${recruiter.phone.replace(/[^+\d]/g, "")}`}>{recruiter.phone}</a>
        </>
      ) : null}
      . This page is just for you: please don’t forward the link.
    </p>
  );
}

export function ErrorBoundary() {
  return <TokenPageError notValidHelp="The link may be mistyped, or it may have expired (it works for 7 days). Your recruiter is happy to hear from you directly." />;
}
