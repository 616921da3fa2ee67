import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms";
import { roles } from "~/models/enums";
import { ProfileSessionActionSchema } from "~/models/users/profile-forms";
import { endOtherOwnSessions, endOwnSession, listUserSessions } from "~/models/users/user-session.server";
import { formatDateTime } from "~/utils/dates";
import { RuleViolation } from "~/utils/errors.server";
import { redirectWithToast, requireSession } from "~/utils/session.server";
import { useTimeZone } from "~/utils/use-time-zone";

export const meta: MetaFunction = () => [{ title: "My profile · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  return { user, sessions: await listUserSessions(user.id, sessionId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  const submission = parseWithZod(await request.formData(), { schema: ProfileSessionActionSchema });
  if (submission.status !== "success") throw new Response("Unknown action", { status: 400 });
  try {
    switch (submission.value.intent) {
      case "end-session":
        await endOwnSession(user.id, submission.value.session, sessionId);
        return redirectWithToast(request, "/profile", { kind: "success", message: "That session has ended." });
      case "end-other-sessions": {
        const ended = await endOtherOwnSessions(user.id, sessionId);
        return redirectWithToast(request, "/profile", {
          kind: "success",
          message: ended === 1 ? "1 other session ended." : `${ended} other sessions ended.`,
        });
      }
    }
  } catch (error) {
    if (error instanceof RuleViolation) return redirectWithToast(request, "/profile", { kind: "error", message: error.message });
    throw error;
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

export default function ProfilePage() {
  const { user, sessions } = useLoaderData<typeof loader>();
  const timeZone = useTimeZone();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="stacked">
      <h1>My profile</h1>
      <section className="panel" aria-labelledby="me-title">
        <h2 id="me-title">{user.name}</h2>
        <p>
          {user.email} · {roles.label(user.role)}
        </p>
      </section>
      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where you are signed in</h2>
        <p className="hint">Sessions last 12 hours. End any you don't recognise; a new password ends them all.</p>
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
                  <SubmitButton name="intent" value="end-session" className="secondary" pendingLabel="Ending…">
                    End session<span className="visually-hidden"> on {describeDevice(session.userAgent)}</span>
                  </SubmitButton>
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
