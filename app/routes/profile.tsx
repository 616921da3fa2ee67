import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, SubmitButton } from "~/components/forms";
import { roles } from "~/models/enums";
import { isProfileIntent, ProfileSessionActionSchema } from "~/models/users/profile-forms";
import { endOtherOwnSessions, endOwnSession, listUserSessions } from "~/models/users/user-session.server";
import { formatDateTime } from "~/utils/dates";
import { formRefused, invalidForm, unlessRefused } from "~/utils/form-reply.server";
import { buttonFormErrors, type FormReply } from "~/utils/form-reply";
import { redirectWithToast, requireSession } from "~/utils/session.server";
import { useTimeZone } from "~/utils/use-time-zone";

export const meta: MetaFunction = () => [{ title: "My profile · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  return { user, sessions: await listUserSessions(user.id, sessionId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isProfileIntent(intent)) return formRefused();
  const submission = parseWithZod(formData, { schema: ProfileSessionActionSchema });
  if (submission.status !== "success") return invalidForm(submission, intent);
  const value = submission.value;
  switch (value.intent) {
    case "end-session":
      return unlessRefused(
        submission,
        async () => {
          await endOwnSession(user.id, value.session, sessionId);
          return redirectWithToast(request, "/profile", { kind: "success", message: "That session has ended." });
        },
        value.intent,
      );
    case "end-other-sessions":
      return unlessRefused(
        submission,
        async () => {
          const ended = await endOtherOwnSessions(user.id, sessionId);
          return redirectWithToast(request, "/profile", {
            kind: "success",
            message: ended === 1 ? "1 other session ended." : `${ended} other sessions ended.`,
          });
        },
        value.intent,
      );
  }
}

/** A short readable name for a browser's user agent ("Firefox on Windows"); the full string stays in the title. */
function describeDevice(userAgent: string | null) {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent)
      ? "Edge"
      : /Firefox\//.test(userAgent)
        ? "Firefox"
        : /Chrom(e|ium)\//.test(userAgent)
          ? "Chrome"
          : /Safari\//.test(userAgent)
            ? "Safari"
            : null;
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
}

/** Which session a refused "end session" was about, from the values the reply hands back. */
function refusedSession(reply: FormReply) {
  const session = reply.result.initialValue?.session;
  return typeof session === "string" ? session : null;
}

export default function ProfilePage() {
  const { user, sessions } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const others = sessions.filter((s) => !s.current).length;
  const reply = useActionData<typeof action>();
  // A refused "end session" shows at its own row; anything else (end all, a stale page) above the list.
  const refusedKey = reply?.intent === "end-session" ? refusedSession(reply) : null;
  const listErrors = refusedKey && sessions.some((s) => s.key === refusedKey) ? null : buttonFormErrors(reply);
  return (
    <div className="stacked">
      <h1>My profile</h1>
      <section className="panel" aria-labelledby="me-title">
        <h2 id="me-title">{user.name}</h2>
        <p>
          {user.email} · {roles.label(user.role)}
        </p>
        <p><Link to="/profile/notifications">Notifications: choose what Rebound tells you, and how</Link></p>
      </section>
      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where you are signed in</h2>
        <p className="hint">Sessions last 12 hours. End any you don't recognise; a new password ends them all.</p>
        <ErrorList errors={listErrors} alert />
        <ul className="session-list">
          {sessions.map((session) => (
            <li key={session.key}>
              <div>
                <strong title={session.userAgent ?? undefined}>{describeDevice(session.userAgent)}</strong>
                {session.current ? (
                  <>
                    {" "}
                    <span className="role-badge">This browser</span>
                  </>
                ) : null}
                <br />
                <span className="hint">
                  Signed in {formatDateTime(session.createdAt, timeZone)} · last seen {formatDateTime(session.lastSeenAt, timeZone)}
                </span>
              </div>
              {session.current ? null : (
                <Form method="post">
                  <input type="hidden" name="session" value={session.key} />
                  <SubmitButton
                    name="intent"
                    value="end-session"
                    subject={{ name: "session", value: session.key }}
                    className="secondary"
                    pendingLabel="Ending…"
                  >
                    End session<span className="visually-hidden"> on {describeDevice(session.userAgent)}</span>
                  </SubmitButton>
                  {refusedKey === session.key ? <ErrorList errors={buttonFormErrors(reply)} alert /> : null}
                </Form>
              )}
            </li>
          ))}
        </ul>
        {others > 0 ? (
          <Form method="post">
            <SubmitButton name="intent" value="end-other-sessions" pendingLabel="Ending…">
              End all other sessions
            </SubmitButton>
          </Form>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
