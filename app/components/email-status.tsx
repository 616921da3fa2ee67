// An email's delivery status in words (the colour only adds to it).
import { emailStatuses } from "~/models/enums";

export function EmailStatusBadge({ status }: { status: string }) {
  return <span className={`badge email-status email-status-${status}`}>{emailStatuses.label(status)}</span>;
}
