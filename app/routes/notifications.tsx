import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, SubmitButton } from "~/components/forms";
import { isNotificationKind, notificationKinds } from "~/models/notifications/kinds";
import { isNotificationIntent, NotificationActionSchema, parseNotificationsPage } from "~/models/notifications/notification-forms";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "~/models/notifications/notifications.server";
import { formatDateTime } from "~/utils/dates";
import { formRefused, invalidForm } from "~/utils/form-reply.server";
import { buttonFormErrors } from "~/utils/form-reply";
import { redirectWithToast, requireUser } from "~/utils/session.server";
import { useTimeZone } from "~/utils/use-time-zone";

export const meta: MetaFunction = () => [{ title: "Notifications · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = parseNotificationsPage(new URL(request.url).searchParams);
  return listNotifications(user.id, page);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isNotificationIntent(intent)) return formRefused();
  const submission = parseWithZod(formData, { schema: NotificationActionSchema });
  if (submission.status !== "success") return invalidForm(submission, intent);
  const value = submission.value;
  const back = new URL(request.url).search || "";
  switch (value.intent) {
    case "open": {
      const opened = await markNotificationRead(user.id, value.id);
      // Only paths inside the app: a notification's link is ours, but never trust a stored value as a redirect.
      if (opened && opened.link.startsWith("/") && !opened.link.startsWith("//")) return redirect(opened.link);
      return redirectWithToast(request, `/notifications${back}`, { kind: "error", message: "That notification no longer exists." });
    }
    case "read": {
      const read = await markNotificationRead(user.id, value.id);
      return redirectWithToast(request, `/notifications${back}`, read ? { kind: "success", message: "Marked as read." } : { kind: "error", message: "That notification no longer exists." });
    }
    case "read-all": {
      const count = await markAllNotificationsRead(user.id);
      return redirectWithToast(request, `/notifications${back}`, {
        kind: "success",
        message: count === 1 ? "1 notification marked as read." : `${count} notifications marked as read.`,
      });
    }
  }
}

export default function NotificationsPage() {
  const { items, total, unread, page, pageSize } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const timeZone = useTimeZone();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="stacked">
      <div className="page-heading">
        <h1>Notifications</h1>
        <p>
          {unread === 0 ? "Nothing unread." : unread === 1 ? "1 unread." : `${unread} unread.`}{" "}
          <Link to="/profile/notifications">Choose what you are told, and how</Link>
        </p>
      </div>
      <ErrorList errors={buttonFormErrors(reply)} alert />
      {unread > 0 ? (
        <Form method="post">
          <SubmitButton name="intent" value="read-all" className="secondary" pendingLabel="Marking…">
            Mark all as read
          </SubmitButton>
        </Form>
      ) : null}
      {items.length === 0 ? (
        <p className="empty-state">No notifications yet. Rebound tells you here when a recovery needs you.</p>
      ) : (
        <ul className="notification-list">
          {items.map((item) => (
            <li key={item.id} className={item.readAt ? "notification read" : "notification unread"}>
              <div className="notification-body">
                <p className="notification-meta">
                  <strong>{item.readAt ? "Read" : "Unread"}</strong> ·{" "}
                  {isNotificationKind(item.kind) ? notificationKinds[item.kind].label : "Notification"} ·{" "}
                  {formatDateTime(item.createdAt, timeZone)}
                </p>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={item.id} />
                  <SubmitButton name="intent" value="open" subject={{ name: "id", value: item.id }} className="button-link notification-title">
                    {item.title}
                  </SubmitButton>
                </Form>
                {item.text ? <p>{item.text}</p> : null}
              </div>
              {item.readAt ? null : (
                <Form method="post">
                  <input type="hidden" name="id" value={item.id} />
                  <SubmitButton name="intent" value="read" subject={{ name: "id", value: item.id }} className="secondary" pendingLabel="Marking…">
                    Mark as read<span className="visually-hidden">: {item.title}</span>
                  </SubmitButton>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav aria-label="Pagination" className="pagination">
          <p className="pagination-position">
            Page {page} of {pages}
          </p>
          <ul className="pagination-links">
            <li>{page > 1 ? <Link to={page === 2 ? "?" : `?page=${page - 1}`} rel="prev">Previous page</Link> : null}</li>
            <li>{page < pages ? <Link to={`?page=${page + 1}`} rel="next">Next page</Link> : null}</li>
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
