// The candidate's check-in on the interview page, in one line: planned for when, off and why, sent, or their answer.
import { checkInAnswers, checkInReasons } from "~/models/enums";
import { formatDateTime } from "~/utils/dates";

type CheckIn = {
  status: string;
  dueAt: string | Date;
  sentAt: string | Date | null;
  skippedReason: string | null;
  answer: string | null;
  answeredAt: string | Date | null;
  reasons: string | null;
  note: string | null;
};

export function CheckInStatus({ checkIn, timeZone }: { checkIn: CheckIn | null; timeZone: string }) {
  if (!checkIn) return <>None: the interview was logged before Rebound asked candidates</>;
  const at = (d: string | Date) => formatDateTime(new Date(d), timeZone);
  switch (checkIn.status) {
    case "planned":
      return <>Goes out {at(checkIn.dueAt)}</>;
    case "off":
    case "skipped":
      return <>Not sent: {checkIn.skippedReason ?? "switched off"}</>;
    case "sent":
      return <>Sent {checkIn.sentAt ? at(checkIn.sentAt) : ""}; no answer yet</>;
    default: {
      const reasons = (checkIn.reasons ?? "").split(",").filter(Boolean).map((r) => checkInReasons.label(r));
      return (
        <>
          <strong>{checkInAnswers.label(checkIn.answer ?? "")}</strong>
          {checkIn.answeredAt ? <span className="muted"> (answered {at(checkIn.answeredAt)})</span> : null}
          {reasons.length ? <> — {reasons.join("; ")}</> : null}
          {checkIn.note ? <q className="check-in-note">{checkIn.note}</q> : null}
        </>
      );
    }
  }
}
