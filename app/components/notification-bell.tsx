// The header's bell: a link to /notifications whose unread count is text ("3 unread"), not a coloured dot alone.
import { NavLink } from "@remix-run/react";

export function NotificationBell({ unread }: { unread: number }) {
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <NavLink to="/notifications" className="notification-bell" aria-label={label}>
      <span aria-hidden="true">🔔</span>
      {unread > 0 ? (
        <span className="notification-count" aria-hidden="true">
          {unread > 99 ? "99+" : unread} unread
        </span>
      ) : (
        <span className="visually-hidden">Notifications</span>
      )}
    </NavLink>
  );
}
