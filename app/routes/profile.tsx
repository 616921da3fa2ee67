import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SubmitButton, TextareaField } from "~/components/forms";
import { NewPasswordFields } from "~/components/new-password-fields";
import { roles } from "~/models/enums";
import {
  ChangePasswordSchema,
  isProfileIntent,
  ProfileDetailsSchema,
  ProfileSessionActionSchema,
  SIGNATURE_MAX,
} from "~/models/users/profile-forms";
import { changeOwnPassword, getOwnProfile, updateOwnProfile } from "~/models/users/profile.server";
import { loginThrottle } from "~/utils/login-throttle.server";
import { clientIp } from "~/utils/http.server";
import { tooManyRequestsReply } from "~/utils/form-reply.server";
import { RuleViolation } from "~/utils/errors.server";
import { endOtherOwnSessions, endOwnSession, listUserSessions } from "~/models/users/user-session.server";
import { formatDateTime } from "~/utils/dates";
import { formRefused, invalidForm, unlessRefused } from "~/utils/form-reply.server";
import { buttonFormErrors, replyFor, type FormReply } from "~/utils/form-reply";
import { redirectWithToast, requireSession } from "~/utils/session.server";
import { useTimeZone } from "~/utils/use-time-zone";

export const meta: MetaFunction = () => [{ title: "My profile · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  const [profile, sessions] = await Promise.all([getOwnProfile(user.id), listUserSessions(user.id, sessionId)]);
  return { user: profile, sessions };
}

// Passwords never travel back to the browser in a refusal.
const PASSWORD_FIELDS = ["current", "password", "confirm"];

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, sessionId } = await requireSession(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isProfileIntent(intent)) return formRefused();
  if (intent === "update-details") {
    const submission = parseWithZod(formData, { schema: ProfileDetailsSchema });
    if (submission.status !== "success") return invalidForm(submission, intent);
    return unlessRefused(
      submission,
      async () => {
        const changed = await updateOwnProfile(user.id, submission.value);
        return redirectWithToast(request, "/profile", {
          kind: "success",
          message: changed ? "Your details are saved." : "Nothing to save: your details are unchanged.",
        });
      },
      intent,
    );
  }
  if (intent === "change-password") {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
    // Guessing the current password from a stolen session is slowed down like guessing it at the sign-in page.
    const wait = await loginThrottle.retryAfterSeconds(user.email, clientIp(context));
    if (wait) {
      return tooManyRequestsReply(submission, {
        message: `Too many wrong passwords. Try again in ${wait} seconds.`,
        retryAfterSeconds: wait,
        intent,
        hideFields: PASSWORD_FIELDS,
      });
    }
    if (submission.status !== "success") return invalidForm(submission, intent, undefined, PASSWORD_FIELDS);
    return unlessRefused(
      submission,
      async () => {
        try {
          const { sessionsEnded } = await changeOwnPassword(user.id, sessionId, submission.value);
          return redirectWithToast(request, "/profile", {
            kind: "success",
            message:
              "Your password is changed." +
              (sessionsEnded ? ` ${sessionsEnded === 1 ? "1 other session" : `${sessionsEnded} other sessions`} ended.` : ""),
          });
        } catch (error) {
          if (error instanceof RuleViolation && error.field === "current") await loginThrottle.recordFailure(user.email, clientIp(context));
          throw error;
        }
      },
      intent,
      PASSWORD_FIELDS,
    );
  }
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
  const sessionReply = reply && (reply.intent === null || reply.intent.endsWith("session") || reply.intent.endsWith("sessions")) ? reply : undefined;
  const listErrors = refusedKey && sessions.some((s) => s.key === refusedKey) ? null : buttonFormErrors(sessionReply);
  return (
    <div className="stacked">
      <h1>My profile</h1>
      <section className="panel" aria-labelledby="me-title">
        <h2 id="me-title">{user.name}</h2>
        <p>
          {user.email} · {roles.label(user.role)}
        </p>
        <p><Link to="/profile/notifications">Notifications: choose what Rebound tells you, and how</Link></p>
        <DetailsForm user={user} reply={reply} />
      </section>
      <section className="panel" aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <PasswordForm email={user.email} reply={reply} />
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

type Profile = { name: string; phone: string | null; emailSignature: string | null };

function DetailsForm({ user, reply }: { user: Profile; reply: FormReply | undefined }) {
  const [form, fields] = useForm({
    id: "profile-details",
    constraint: getZodConstraint(ProfileDetailsSchema),
    lastResult: replyFor(reply, "update-details"),
    defaultValue: { name: user.name, phone: user.phone ?? "", emailSignature: user.emailSignature ?? "" },
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileDetailsSchema }),
  });
  return (
    <Form method="post" className="stacked" {...getFormProps(form)}>
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <Field label="Name" inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }} errors={fields.name.errors} />
      <Field
        label="Phone (optional)"
        hint="Your candidates see it on their coaching page, with your name and email."
        inputProps={{ ...getInputProps(fields.phone, { type: "tel" }), autoComplete: "tel" }}
        errors={fields.phone.errors}
      />
      <TextareaField
        label="Email signature (optional)"
        hint={`Closes the recovery emails your candidates receive. Plain text, up to ${SIGNATURE_MAX} characters.`}
        textareaProps={{ ...getTextareaProps(fields.emailSignature), rows: 4 }}
        errors={fields.emailSignature.errors}
      />
      <SubmitButton name="intent" value="update-details" pendingLabel="Saving…">
        Save details
      </SubmitButton>
    </Form>
  );
}

function PasswordForm({ email, reply }: { email: string; reply: FormReply | undefined }) {
  const [form, fields] = useForm({
    id: "change-password",
    constraint: getZodConstraint(ChangePasswordSchema),
    lastResult: replyFor(reply, "change-password"),
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  });
  return (
    <Form method="post" className="stacked" {...getFormProps(form)}>
      <p className="hint">Changing it signs you out everywhere else.</p>
      <ErrorList id={form.errorId} errors={form.errors} alert />
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field
        label="Current password"
        inputProps={{ ...getInputProps(fields.current, { type: "password" }), autoComplete: "current-password" }}
        errors={fields.current.errors}
      />
      <NewPasswordFields label="New password" password={fields.password} confirm={fields.confirm} />
      <SubmitButton name="intent" value="change-password" pendingLabel="Saving…">
        Change password
      </SubmitButton>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
