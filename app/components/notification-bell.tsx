// The header's bell: a link to /notifications whose unread count is text ("3 unread"), not a coloured dot alone.
import { NavLink } from "@remix-run/react";

export function NotificationBell({ unread }: { unread: number }) {
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <NavLink to="/notifications" className="notification-bell" aria-label={label}>
      {/* An inline bell: emoji fonts are missing on many machines. */}
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
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
