// The scheduler's vocabulary: every job kind with the zod schema of its payload, as the audit log's events.ts does
// for audit events. scheduleJob only takes these kinds with their payload's shape; the worker parses stored payloads
// before running them, so a row this version doesn't understand fails visibly instead of running with bad data.
import { z } from "zod";

const flagRef = z.object({ flagId: z.string() });

export const jobKinds = {
  /** Closes recoveries that went quiet; reschedules itself hourly (one live job, key "recovery.quiet_sweep"). */
  "recovery.quiet_sweep": z.object({}),
  /** The recovery window closes in 2 hours and no call to the company is recorded: tell the recruiter. */
  "alert.window_closing": flagRef,
  /** The window closed with nothing done: tell the managers. */
  "alert.window_missed": flagRef,
  /** A second-interview request has waited 7 days for an answer: tell the recruiter. */
  "alert.request_waiting": z.object({ requestId: z.string() }),
  /** The candidate's "How did it go?" after an interview (app/models/check-in); the rules are checked again then. */
  "checkin.send": z.object({ checkInId: z.string() }),
  /** The recruiters' morning digest, working days at 08:00 in the agency's zone; reschedules itself (one live job). */
  "digest.morning": z.object({}),
  /** The managers' weekly summary, Mondays at 08:00 in the agency's zone; reschedules itself (one live job). */
  "digest.weekly": z.object({}),
  /** Email the candidate the steps of theirs that fell due (app/models/recovery/candidate-reminders.server.ts). */
  "reminder.candidate_step": flagRef,
  /** Retention (app/models/privacy/retention.server.ts): anonymises candidates past the limit, strips old email bodies; daily. */
  "privacy.retention": z.object({}),
  /** Deletes expired rate-limit counts (app/utils/rate-limit.server.ts), so a quiet install keeps none; hourly. */
  "ratelimit.sweep": z.object({}),
  /** Rebuilds /stats' rollups on the agency's clock after its time zone changed (recovery-rollups.server.ts). */
  "stats.rollups": z.object({}),
} satisfies Record<string, z.ZodTypeAny>;

export type JobKind = keyof typeof jobKinds;
export type JobPayload<K extends JobKind> = z.input<(typeof jobKinds)[K]>;

export function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(jobKinds, kind);
}

/** The stored payload parsed for its kind; throws (and the job fails) when the row no longer fits. */
export function parseJobPayload<K extends JobKind>(kind: K, payload: string): z.output<(typeof jobKinds)[K]> {
  return jobKinds[kind].parse(JSON.parse(payload)) as z.output<(typeof jobKinds)[K]>;
}

/** Keys that name one job per subject, so writers schedule and cancel the same job. */
export const jobKeys = {
  quietSweep: () => "recovery.quiet_sweep",
  windowClosing: (flagId: string) => `alert.window_closing:${flagId}`,
  windowMissed: (flagId: string) => `alert.window_missed:${flagId}`,
  requestWaiting: (requestId: string) => `alert.request_waiting:${requestId}`,
  checkIn: (interviewId: string) => `checkin.send:${interviewId}`,
  morningDigest: () => "digest.morning",
  weeklySummary: () => "digest.weekly",
  candidateReminder: (flagId: string) => `reminder.candidate_step:${flagId}`,
  retention: () => "privacy.retention",
  rateLimitSweep: () => "ratelimit.sweep",
  statsRollups: () => "stats.rollups",
};
