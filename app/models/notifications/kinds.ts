// The kinds of notification a user can get, each with its label, who gets it, and its default channel. Shared by the
// server and the preferences page. A user's choice per kind lives in NotificationPreference.

export const notificationChannels = ["app", "email", "both", "off"] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

export const channelLabels: Record<NotificationChannel, string> = {
  app: "In the app",
  email: "By email",
  both: "In the app and by email",
  off: "Off",
};

export const notificationKinds = {
  window_closing: {
    label: "Recovery window closing",
    description: "A recovery's 24-hour window closes in 2 hours and no call to the company is recorded.",
    audience: "recruiter",
    defaultChannel: "both",
  },
  window_missed: {
    label: "Recovery window missed",
    description: "A recovery went past its 24-hour window with nothing done (managers).",
    audience: "manager",
    defaultChannel: "both",
  },
  candidate_activity: {
    label: "Candidate activity",
    description: "Your candidate ticks a step, writes or updates their reflection, or unsubscribes from emails.",
    audience: "recruiter",
    defaultChannel: "app",
  },
  checkin_badly: {
    label: "Check-in: it went badly",
    description: "A candidate's check-in says their interview went badly: the interview is flagged and its recovery has started.",
    audience: "recruiter",
    defaultChannel: "both",
  },
  request_waiting: {
    label: "Second-interview request waiting",
    description: "A second-interview request has waited 7 days for the company's answer.",
    audience: "recruiter",
    defaultChannel: "app",
  },
  reassigned: {
    label: "Candidate reassigned",
    description: "A candidate is reassigned to you, or away from you.",
    audience: "recruiter",
    defaultChannel: "app",
  },
} as const satisfies Record<string, { label: string; description: string; audience: "recruiter" | "manager"; defaultChannel: NotificationChannel }>;

export type NotificationKind = keyof typeof notificationKinds;
export const notificationKindList = Object.keys(notificationKinds) as NotificationKind[];

export function isNotificationKind(kind: string): kind is NotificationKind {
  return Object.hasOwn(notificationKinds, kind);
}

export const wantsApp = (channel: NotificationChannel) => channel === "app" || channel === "both";
export const wantsEmail = (channel: NotificationChannel) => channel === "email" || channel === "both";
