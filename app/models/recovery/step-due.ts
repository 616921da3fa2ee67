// When a checklist step falls due: calendar arithmetic in the agency's zone, so it needs Luxon. It lives apart from
// rules.ts because the browser loads rules.ts (the candidate's pages among others) and should not download a date
// library for a rule only the server applies.
import { DateTime } from "luxon";
import { LOCAL_TIME } from "./rules";

export type StepTiming = { dueOffsetMinutes: number; dueLocalTime?: string | null };

/**
 * The end of the interview plus the step's offset; with a wall-clock time ("09:00"), the first instant at or after
 * that whose clock in the agency's zone reads that time. "Next morning at 9" stays 09:00 across daylight-saving
 * changes. A time skipped by the spring change (01:30 on a night the clocks jump from 01:00 to 02:00) moves forward
 * by the gap, to 02:30, as people expect; a time the autumn change repeats resolves to its first occurrence that is
 * not before the offset.
 */
export function dueTimeFor(interviewEnded: Date, step: StepTiming, timeZone: string): Date {
  const earliest = DateTime.fromJSDate(interviewEnded, { zone: timeZone }).plus({ minutes: step.dueOffsetMinutes });
  const match = step.dueLocalTime ? LOCAL_TIME.exec(step.dueLocalTime) : null;
  if (!match) return earliest.toJSDate();
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  for (let days = 0; days <= 2; days++) {
    const candidate = earliest.plus({ days }).set({ hour, minute, second: 0, millisecond: 0 });
    if (candidate >= earliest) return candidate.toJSDate();
    // The autumn change repeats an hour: the clock may read this time again 30 or 60 minutes later.
    for (const shift of [30, 60]) {
      const again = candidate.plus({ minutes: shift });
      if (again >= earliest && again.hour === hour && again.minute === minute) return again.toJSDate();
    }
  }
  return earliest.toJSDate();
}
