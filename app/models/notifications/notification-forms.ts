// The forms of /notifications (open, mark read, mark all read) and /profile/notifications (a channel per kind).
import { z } from "zod";
import { notificationChannels, notificationKindList, type NotificationKind } from "./kinds";

export const notificationIntents = ["open", "read", "read-all"] as const;
export const isNotificationIntent = (value: unknown): value is (typeof notificationIntents)[number] =>
  (notificationIntents as readonly unknown[]).includes(value);

const notificationId = z.string({ required_error: "Choose a notification." }).max(64);

export const NotificationActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: notificationId }),
  z.object({ intent: z.literal("read"), id: notificationId }),
  z.object({ intent: z.literal("read-all") }),
]);

const channel = z.enum(notificationChannels, { errorMap: () => ({ message: "Choose in the app, by email, both or off." }) });

/**
 * Every kind is optional: a recruiter's form has no manager-only kinds. The digests are checkboxes: unticked sends
 * nothing, so a missing value is "off" (a recruiter's form has no weekly summary, which they never get).
 */
export const NotificationPreferencesSchema = z.object({
  ...(Object.fromEntries(notificationKindList.map((kind) => [kind, channel.optional()])) as Record<NotificationKind, z.ZodOptional<typeof channel>>),
  morningDigest: z.boolean().default(false),
  weeklySummary: z.boolean().default(false),
});

/** `?page=` of /notifications: a bad value falls back to the first page. */
export function parseNotificationsPage(params: URLSearchParams) {
  const page = z.coerce.number().int().min(1).max(100_000).safeParse(params.get("page") ?? "1");
  return page.success ? page.data : 1;
}
