// The candidate's own page, opened from a link without logging in: their steps, and the reflection worksheet.
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type LinksFunction, type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  useActionData,
  useLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { TOKEN_NOT_VALID, TOKEN_TOO_MANY, TokenPageError, TokenPageLayout } from "~/components/token-page";
import { ErrorList, SubmitButton } from "~/components/forms";
import { ReflectionWorksheet, type ReflectionReply } from "~/components/reflection-worksheet";
import { getAgency } from "~/models/agency/agency.server";
import { CoachActionSchema, isCoachIntent, parseWithZod } from "~/utils/candidate-page-forms.server";
import { findCoachingRun, markCandidateStepDone, saveReflection } from "~/models/recovery/coaching.server";
import { coachRequestRetryAfter } from "~/utils/coach-rate-limit.server";
import { describeTimeZone, formatDateTime } from "~/utils/dates";
import { RuleViolation } from "~/utils/errors.server";
import { buttonFormErrors } from "~/utils/form-reply";
import { formRefused, invalidForm, ruleViolationReply, tooManyRequestsReply } from "~/utils/form-reply.server";
import { clientIp } from "~/utils/http.server";
import tablesWorkspaceStyles from "~/styles/tables-workspace.css";

// The token is in the URL: never send it on as a referrer, never let it be indexed or cached.
// "strict-origin" sends at most the bare origin, never the path. Not "no-referrer": with it browsers send
// `Origin: null` on form posts, and Remix then refuses the no-JavaScript form submissions as a CSRF attempt.
const REFERRER_POLICY = "strict-origin";
const pageHeaders = {
  "Referrer-Policy": REFERRER_POLICY,
  "X-Robots-Tag": "noindex, nofollow",
  "Cache-Control": "no-store",
};

export const headers: HeadersFunction = () => pageHeaders;

/** Lets the root layout leave out the staff app shell (nav, log out) on this page. */
export const handle = { shell: "none" };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? "Your next steps after the interview" : "This link is not valid" },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: REFERRER_POLICY },
];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: tablesWorkspaceStyles }];

// Wrong, expired, revoked or cancelled: one answer for all, so the page gives away nothing about the token.
const notValid = () => new Response(TOKEN_NOT_VALID, { status: 404, statusText: "Not Found", headers: pageHeaders });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const wait = await coachRequestRetryAfter(clientIp(context), "view");
  if (wait) throw new Response(TOKEN_TOO_MANY, { status: 429, headers: { ...pageHeaders, "Retry-After": String(wait) } });
  const page = await findCoachingRun(params.token ?? "");
  if (!page) throw notValid();
  const agency = await getAgency();
  return data(
    { page, agency: { name: agency.name, timeZone: agency.timeZone }, now: new Date() },
    { headers: pageHeaders },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const formData = await request.formData();
  const intent = formData.get("intent");
  const known = isCoachIntent(intent) ? intent : null;
  const submission = parseWithZod(formData, { schema: CoachActionSchema });
  // `at` tells the worksheet which of two answers (an autosave, the button) is newer.
  const at = { at: Date.now() };
  const wait = await coachRequestRetryAfter(clientIp(context), "save");
  if (wait) {
    return tooManyRequestsReply(submission, {
      message: TOKEN_TOO_MANY,
      retryAfterSeconds: wait,
      intent: known,
      extra: at,
      headers: pageHeaders,
    });
  }
  if (!known) return withPageHeaders(formRefused());
  if (submission.status !== "success") return withPageHeaders(invalidForm(submission, known, at));
  const value = submission.value;
  switch (value.intent) {
    case "mark-done": {
      try {
        const result = await markCandidateStepDone(token, value.stepStateId);
        if (!result) throw notValid();
      } catch (error) {
        if (error instanceof RuleViolation) return withPageHeaders(ruleViolationReply(submission, error, value.intent, at));
        throw error;
      }
      return redirect(`/coach/${encodeURIComponent(token)}#your-steps`, { headers: pageHeaders });
    }
    case "save-reflection": {
      const { wentWell, wentWrong, questions, doDifferently } = value;
      const saved = await saveReflection(token, { wentWell, wentWrong, questions, doDifferently });
      if (!saved) throw notValid();
      const reply: ReflectionReply = { intent: value.intent, ...at, savedAt: saved.savedAt };
      return data(reply, { headers: pageHeaders });
    }
  }
}

/** A refusal is an answer of this page too: it must not be cached, indexed or pass the token on. */
function withPageHeaders<T extends { init: ResponseInit | null }>(reply: T) {
  reply.init = { ...reply.init, headers: { ...pageHeaders, ...Object.fromEntries(new Headers(reply.init?.headers ?? {})) } };
  return reply;
}

// Autosaves change nothing else on the page, so they don't reload it (and don't count as page views).
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("autosave") ? false : defaultShouldRevalidate;

export default function CoachPage() {
  const { page, agency, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const zone = describeTimeZone(agency.timeZone);
  const doneCount = page.steps.filter((s) => s.status !== "pending").length;
  // A refused step (or a request the page didn't understand) shows above the steps.
  const refusal = actionData?.result ? { intent: actionData.intent, result: actionData.result } : null;
  const stepError = refusal && refusal.intent !== "save-reflection" ? buttonFormErrors(refusal) : null;
  const reflectionReply: ReflectionReply | null =
    actionData?.intent === "save-reflection"
      ? {
          intent: "save-reflection",
          at: "at" in actionData ? actionData.at : undefined,
          savedAt: "savedAt" in actionData ? actionData.savedAt : undefined,
          result: actionData.result,
        }
      : null;
  return (
    <TokenPageLayout from={`From your recruiter at ${agency.name}`}>
      <h1>Hi {page.firstName}, let’s get you back on track</h1>
      <p className="coach-lede">
        This is your plan after your <strong>{page.roleTitle}</strong> interview at <strong>{page.companyName}</strong>.
        One difficult interview doesn’t decide your career. Work through the steps below at your own pace, and
        tick each one off when you have done it.
      </p>
      <p className="muted">Times are shown in {zone}.</p>
      {page.recruiter ? (
        <section className="coach-recruiter" aria-labelledby="your-recruiter">
          <h2 id="your-recruiter">Your recruiter: {page.recruiter.name}</h2>
          <p>Get in touch any time if you want to talk something through.</p>
          <ul>
            <li>
              Email: <a href={`mailto:${page.recruiter.email}`}>{page.recruiter.email}</a>
            </li>
            {page.recruiter.phone ? (
              <li>
                Phone: <a href={`tel:${page.recruiter.phone.replace(/[^\d+]/g, "")}`}>{page.recruiter.phone}</a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      <section className="coach-section" aria-labelledby="your-steps">
        <h2 id="your-steps">Your steps</h2>
        {page.steps.length ? (
          <p>
            {doneCount} of {page.steps.length} done
          </p>
        ) : (
          <p className="empty-state">There are no steps for you right now.</p>
        )}
        <ErrorList errors={stepError} alert />
        <ol className="coach-steps">
          {page.steps.map((step) => {
            const pastDue = step.status === "pending" && new Date(step.dueAt) < new Date(now);
            return (
              <li key={step.id} className={`coach-step coach-step-${step.status}`}>
                <h3>{step.title}</h3>
                <p className="coach-guidance">{step.guidance}</p>
                {step.status === "done" ? (
                  <p className="coach-state">
                    <span className="badge coach-done">✓ Done</span>
                    {step.completedAt ? ` on ${formatDateTime(step.completedAt, agency.timeZone)}` : null}
                  </p>
                ) : step.status === "skipped" ? (
                  <p className="coach-state">
                    <span className="badge">Skipped</span> No need to do this one.
                  </p>
                ) : step.status === "not_needed" ? (
                  <p className="coach-state">
                    <span className="badge">Not needed</span> Things have moved on: no need to do this one any more.
                  </p>
                ) : (
                  <>
                    <p className="coach-state">
                      Best done by <strong>{formatDateTime(step.dueAt, agency.timeZone)}</strong>
                      {pastDue ? " — that time has passed, but it is still worth doing." : null}
                    </p>
                    <Form method="post">
                      <input type="hidden" name="intent" value="mark-done" />
                      <SubmitButton
                        className="coach-button"
                        name="stepStateId"
                        value={step.id}
                        aria-label={`Mark done: ${step.title}`}
                        pendingLabel="Saving…"
                      >
                        Mark done
                      </SubmitButton>
                    </Form>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      </section>

      <ReflectionWorksheet
        initial={page.reflection}
        lastSavedAt={page.reflectionUpdatedAt}
        timeZone={agency.timeZone}
        reply={reflectionReply}
      />
      <p className="coach-footnote muted">
        This page is just for you: please don’t forward the link. It stops working after 30 days, or sooner if your
        recruiter sends you a new one.
      </p>
    </TokenPageLayout>
  );
}

export function ErrorBoundary() {
  return <TokenPageError notValidHelp="The link may be mistyped, or it may no longer work. Please ask your recruiter for a new one." />;
}
