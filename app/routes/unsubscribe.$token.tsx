// /unsubscribe/:token: the link (and List-Unsubscribe header) in every email. No login: GET asks to confirm, POST
// records the opt-out. Mail providers' RFC 8058 one-click POST ("List-Unsubscribe=One-Click") lands on the same action.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { TOKEN_NOT_VALID, TOKEN_TOO_MANY, TokenPageError, TokenPageLayout } from "~/components/token-page";
import { ErrorList, SubmitButton } from "~/components/forms";
import { getAgency } from "~/models/agency/agency.server";
import { unsubscribe, unsubscribeInfo } from "~/models/email/email.server";
import { isUnsubscribeIntent, parseWithZod, UnsubscribeSchema } from "~/utils/candidate-page-forms.server";
import { buttonFormErrors } from "~/utils/form-reply";
import { formRefused, invalidForm } from "~/utils/form-reply.server";
import { clientIp } from "~/utils/http.server";
import { unsubscribeRetryAfter } from "~/utils/unsubscribe-rate-limit.server";

// The token is in the URL: never pass it on as a referrer, never let it be indexed or cached.
const pageHeaders = {
  "Referrer-Policy": "no-referrer",
  "X-Robots-Tag": "noindex, nofollow",
  "Cache-Control": "no-store",
};

export const headers: HeadersFunction = () => pageHeaders;

/** Lets the root layout leave out the staff app shell (nav, log out) on this page. */
export const handle = { shell: "none" };

export const meta: MetaFunction = () => [
  { title: "Unsubscribe from recovery emails" },
  { name: "robots", content: "noindex, nofollow" },
  { name: "referrer", content: "no-referrer" },
];

const notValid = () => new Response(TOKEN_NOT_VALID, { status: 404, statusText: "Not Found", headers: pageHeaders });

async function limit(context: unknown) {
  const wait = await unsubscribeRetryAfter(clientIp(context));
  if (wait) throw new Response(TOKEN_TOO_MANY, { status: 429, headers: { ...pageHeaders, "Retry-After": String(wait) } });
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  await limit(context);
  const info = await unsubscribeInfo(params.token ?? "");
  if (!info) throw notValid();
  const agency = await getAgency();
  return data({ ...info, agencyName: agency.name }, { headers: pageHeaders });
}

// No CSRF token on purpose: the unguessable token in the URL is the authority, and RFC 8058 one-click senders
// can't fetch one. Unsubscribing is idempotent and only ever reduces what we send.
export async function action({ request, params, context }: ActionFunctionArgs) {
  await limit(context);
  const formData = await formDataOf(request);
  if (!formData) return withPageHeaders(formRefused("That request was not a form."));
  if (!isUnsubscribeIntent(formData.get("intent"))) return withPageHeaders(formRefused());
  const submission = parseWithZod(formData, { schema: UnsubscribeSchema });
  if (submission.status !== "success") return withPageHeaders(invalidForm(submission, "unsubscribe"));
  const result = await unsubscribe(params.token ?? "");
  if (!result) throw notValid();
  return data({ unsubscribed: true }, { headers: pageHeaders });
}

/**
 * The body as a form. This route alone takes posts of any content type (see server/http-guards.ts): an empty body is
 * a one-click without fields, and anything that isn't a form is refused rather than failing.
 */
async function formDataOf(request: Request) {
  if (!request.headers.get("Content-Type") && !(await request.clone().text())) return new FormData();
  return request.formData().catch(() => null);
}

/** A refusal is an answer of this page too: it must not be cached, indexed or pass the token on. */
function withPageHeaders<T extends { init: ResponseInit | null }>(reply: T) {
  reply.init = { ...reply.init, headers: { ...pageHeaders, ...Object.fromEntries(new Headers(reply.init?.headers ?? {})) } };
  return reply;
}

export default function UnsubscribePage() {
  const info = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const refusal = actionData && "result" in actionData ? actionData : null;
  if ((actionData && "unsubscribed" in actionData) || info.optedOut) {
    return (
      <TokenPageLayout className="unsubscribe-page" from={info.agencyName}>
        <div role="status">
          <h1>You have been unsubscribed</h1>
          <p>
            {info.agencyName} will not send recovery emails to {info.maskedEmail} any more. Your recruiter can still
            reach you by phone.
          </p>
        </div>
      </TokenPageLayout>
    );
  }
  return (
    <TokenPageLayout className="unsubscribe-page" from={info.agencyName}>
      <h1>Stop recovery emails?</h1>
      <p>
        {info.firstName ? `Hi ${info.firstName}, ` : ""}if you no longer want emails with interview recovery guidance
        from {info.agencyName}, confirm below.
      </p>
      <Form method="post">
        <ErrorList errors={buttonFormErrors(refusal)} alert />
        <input type="hidden" name="intent" value="unsubscribe" />
        <SubmitButton intent="unsubscribe" className="coach-button" pendingLabel="Unsubscribing…">
          Unsubscribe {info.maskedEmail} from recovery emails from {info.agencyName}
        </SubmitButton>
      </Form>
    </TokenPageLayout>
  );
}

export function ErrorBoundary() {
  return <TokenPageError className="unsubscribe-page" notValidHelp="The link may be mistyped or cut short. Please copy the whole link from the email, or reply to it." />;
}
