import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, SubmitButton } from "~/components/forms";
import { channelLabels, notificationChannels } from "~/models/notifications/kinds";
import { NotificationPreferencesSchema } from "~/models/notifications/notification-forms";
import { getNotificationPreferences, saveNotificationPreferences } from "~/models/notifications/notifications.server";
import { invalidForm } from "~/utils/form-reply.server";
import { replyFor } from "~/utils/form-reply";
import { redirectWithToast, requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Notifications · My profile · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { preferences: await getNotificationPreferences(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: NotificationPreferencesSchema });
  if (submission.status !== "success") return invalidForm(submission);
  // Only the kinds this user's role gets: a recruiter can't store a manager-only choice.
  const allowed = new Set((await getNotificationPreferences(user)).map((p) => p.kind));
  const choices = Object.fromEntries(Object.entries(submission.value).filter(([kind, channel]) => channel && allowed.has(kind as never)));
  await saveNotificationPreferences(user.id, choices);
  return redirectWithToast(request, "/profile/notifications", { kind: "success", message: "Your notification choices are saved." });
}

export default function NotificationPreferencesPage() {
  const { preferences } = useLoaderData<typeof loader>();
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
