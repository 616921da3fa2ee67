import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, SubmitButton } from "~/components/forms";
import { channelLabels, notificationChannels } from "~/models/notifications/kinds";
import { NotificationPreferencesSchema } from "~/models/notifications/notification-forms";
import { getDigestSwitches, getNotificationPreferences, saveNotificationPreferences } from "~/models/notifications/notifications.server";
import { invalidForm } from "~/utils/form-reply.server";
import { replyFor } from "~/utils/form-reply";
import { redirectWithToast, requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Notifications · My profile · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [preferences, digests] = await Promise.all([getNotificationPreferences(user), getDigestSwitches(user)]);
  return { preferences, digests };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: NotificationPreferencesSchema });
  if (submission.status !== "success") return invalidForm(submission);
  // Only the kinds this user's role gets: a recruiter can't store a manager-only choice.
  const allowed = new Set((await getNotificationPreferences(user)).map((p) => p.kind));
  const { morningDigest, weeklySummary, ...kinds } = submission.value;
  const choices = Object.fromEntries(Object.entries(kinds).filter(([kind, channel]) => channel && allowed.has(kind as never)));
  await saveNotificationPreferences(user, choices, { morningDigest, weeklySummary });
  return redirectWithToast(request, "/profile/notifications", { kind: "success", message: "Your notification choices are saved." });
}

export default function NotificationPreferencesPage() {
  const { preferences, digests } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const result = replyFor(reply);
  const errorsFor = (kind: string) => result?.error?.[kind] ?? null;
  return (
    <div className="stacked">
      <p>
        <Link to="/profile">← My profile</Link>
      </p>
      <h1>Notifications</h1>
      <p className="hint">
        For each kind, choose where Rebound tells you: under the bell in the app, by email, both, or not at all. Emails
        go to your sign-in address.
      </p>
      <Form method="post" className="panel stacked">
        <ErrorList errors={result?.error?.[""] ?? null} alert />
        {preferences.map((pref) => (
          <fieldset key={pref.kind} className="channel-choice" aria-describedby={`${pref.kind}-hint`}>
            <legend>{pref.label}</legend>
            <p className="hint" id={`${pref.kind}-hint`}>
              {pref.description}
            </p>
            <div className="radio-row">
              {notificationChannels.map((channel) => (
                <label key={channel}>
                  <input type="radio" name={pref.kind} value={channel} defaultChecked={pref.channel === channel} /> {channelLabels[channel]}
                </label>
              ))}
            </div>
            <ErrorList errors={errorsFor(pref.kind)} />
          </fieldset>
        ))}
        <fieldset className="channel-choice">
          <legend>Email digests</legend>
          <p className="hint" id="digests-hint">
            Sent only when there is something in them, to your sign-in address.
          </p>
          <label className="checkbox-row digest-switch">
            <input type="checkbox" name="morningDigest" defaultChecked={digests.morningDigest} aria-describedby="digests-hint" />
            <span>
              <strong>Morning digest</strong>, working days at 08:00: your calls due, today&apos;s interviews, overdue steps and
              what your candidates did
            </span>
          </label>
          {digests.weeklySummary !== null ? (
            <label className="checkbox-row digest-switch">
              <input type="checkbox" name="weeklySummary" defaultChecked={digests.weeklySummary} aria-describedby="digests-hint" />
              <span>
                <strong>Weekly summary</strong>, Mondays at 08:00: last week&apos;s flags, closed recoveries, hires after a
                recovery and who has the most overdue work
              </span>
            </label>
          ) : null}
        </fieldset>
        <div>
          <SubmitButton pendingLabel="Saving…">Save notification choices</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
