// In-app notifications and their email copies: who gets what (each user's choice per kind), the bell's unread
// count, the /notifications page, marking read. Notifications are written inside the transaction of the write (or
// the job) that causes them, so a rolled-back change notifies nobody.
import { createElement } from "react";
import { render } from "@react-email/render";
import { prisma, type Tx } from "~/utils/db.server";
import { lockRow } from "~/utils/sql-dialect.server";
import { env } from "~/utils/env.server";
import { NotificationEmail } from "../../../emails/notification";
import { queueStaffEmailInTx } from "../email/staff-email.server";
import { isNotificationKind, notificationKinds, wantsApp, wantsEmail, type NotificationChannel, type NotificationKind } from "./kinds";

export const NOTIFICATIONS_PAGE_SIZE = 25;
/** Repeats of the same unread notification within this time update it instead of adding another (autosave). */
const COALESCE_MS = 60 * 60_000;

export type NotifyInput = {
  kind: NotificationKind;
  userIds: string[];
  title: string;
  text?: string | null;
  link: string;
  candidateId?: string | null;
  interviewId?: string | null;
  flagId?: string | null;
  /** Merge with an unread notification of the same kind, subject and title from the last hour (no new email). */
  coalesce?: boolean;
};

/** Each user's channel for a kind: their saved choice, else the kind's default. */
export async function channelsFor(client: Tx, userIds: string[], kind: NotificationKind) {
  const saved = await client.notificationPreference.findMany({ where: { userId: { in: userIds }, kind }, select: { userId: true, channel: true } });
  const byUser = new Map(saved.map((p) => [p.userId, p.channel as NotificationChannel]));
  return new Map(userIds.map((id) => [id, byUser.get(id) ?? notificationKinds[kind].defaultChannel]));
}

/**
 * Notifies active users, each as they chose for this kind: a row under the bell, an email through the outbox, both
 * or nothing. Inside the caller's transaction. Returns how many were notified in the app and by email.
 */
export async function notifyInTx(tx: Tx, input: NotifyInput, now = new Date()) {
  const ids = [...new Set(input.userIds)];
  if (!ids.length) return { app: 0, email: 0 };
  const users = await tx.user.findMany({ where: { id: { in: ids }, active: true }, select: { id: true, name: true, email: true } });
  const channels = await channelsFor(tx, users.map((u) => u.id), input.kind);
  let app = 0;
  let email = 0;
  // Emails are rendered before the first write, so the transaction holds SQLite's write lock only for the writes.
  const agency = await tx.agency.findUnique({ where: { id: 1 }, select: { name: true } });
  const emails = new Map<string, RenderedEmail>();
  for (const user of users) {
    if (wantsEmail(channels.get(user.id) ?? "off")) emails.set(user.id, await renderNotificationEmail(user, agency?.name ?? "Rebound", input));
  }
  for (const user of users) {
    const channel = channels.get(user.id) ?? "off";
    if (input.coalesce) {
      const recent = await tx.notification.findFirst({
        where: {
          userId: user.id,
          kind: input.kind,
          title: input.title,
          readAt: null,
          candidateId: input.candidateId ?? null,
          flagId: input.flagId ?? null,
          createdAt: { gte: new Date(now.getTime() - COALESCE_MS) },
        },
        select: { id: true },
      });
      if (recent) {
        await tx.notification.update({ where: { id: recent.id }, data: { createdAt: now, text: input.text ?? null } });
        continue;
      }
    }
    if (wantsApp(channel)) {
      await tx.notification.create({
        data: {
          userId: user.id,
          kind: input.kind,
          title: input.title,
          text: input.text ?? null,
          link: input.link,
          candidateId: input.candidateId ?? null,
          interviewId: input.interviewId ?? null,
          flagId: input.flagId ?? null,
          createdAt: now,
        },
      });
      app += 1;
    }
    const rendered = emails.get(user.id);
    if (rendered) {
      await queueStaffEmailInTx(tx, {
        recipientUserId: user.id,
        toAddress: user.email,
        template: `notification.${input.kind}`,
        subject: input.title,
        html: rendered.html,
        text: rendered.text,
        interviewId: input.interviewId ?? null,
      });
      email += 1;
    }
  }
  return { app, email };
}

type RenderedEmail = { html: string; text: string };

async function renderNotificationEmail(user: { name: string }, agencyName: string, input: NotifyInput): Promise<RenderedEmail> {
  const element = createElement(NotificationEmail, {
    name: user.name,
    agencyName,
    title: input.title,
    text: input.text ?? null,
    link: `${env.APP_URL}${input.link}`,
    kindLabel: notificationKinds[input.kind].label,
    preferencesLink: `${env.APP_URL}/profile/notifications`,
  });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

// ---- The bell and the page ------------------------------------------------------------------------------------

/** The bell's number: one count on the (userId, readAt, createdAt) index. */
export async function unreadNotificationCount(userId: string) {
  // Every staff page's header asks this: raw SQL skips Prisma's query compiler, and the (userId, readAt, createdAt)
  // index answers it.
  const rows = await prisma.$queryRaw<{ n: bigint | number }[]>`
    SELECT COUNT(*) AS n FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`;
  return Number(rows[0]?.n ?? 0);
}

/** One page of the user's notifications, newest first, paginated in the database. */
export async function listNotifications(userId: string, page = 1, pageSize = NOTIFICATIONS_PAGE_SIZE) {
  const [total, unread, items] = await Promise.all([
    prisma.notification.count({ where: { userId } }),
    unreadNotificationCount(userId),
    prisma.notification.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      select: { id: true, kind: true, title: true, text: true, link: true, readAt: true, createdAt: true },
    }),
  ]);
  return { total, unread, page, pageSize, items };
}

/** Marks one of the user's notifications read; another user's id changes nothing. Returns where it leads. */
export async function markNotificationRead(userId: string, id: string, now = new Date()) {
  const found = await prisma.notification.findFirst({ where: { id, userId }, select: { id: true, link: true, readAt: true } });
  if (!found) return null;
  // Conditional: a second tab (or an erasure) may have changed the row since the read, which must not be a 500.
  if (!found.readAt) await prisma.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: now } });
  return { link: found.link };
}

export async function markAllNotificationsRead(userId: string, now = new Date()) {
  const { count } = await prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } });
  return count;
}

// ---- Preferences ---------------------------------------------------------------------------------------------

/** The user's channel for every kind their role gets (managers get every kind), in the kinds' order. */
export async function getNotificationPreferences(user: { id: string; role: string }) {
  const saved = await prisma.notificationPreference.findMany({ where: { userId: user.id }, select: { kind: true, channel: true } });
  const byKind = new Map(saved.filter((p) => isNotificationKind(p.kind)).map((p) => [p.kind, p.channel as NotificationChannel]));
  return (Object.keys(notificationKinds) as NotificationKind[])
    .filter((kind) => user.role === "manager" || notificationKinds[kind].audience === "recruiter")
    .map((kind) => ({ kind, ...notificationKinds[kind], channel: byKind.get(kind) ?? notificationKinds[kind].defaultChannel }));
}

/** The email digests' switches (app/models/digests): the weekly summary only for managers, who get it. */
export async function getDigestSwitches(user: { id: string; role: string }) {
  const found = await prisma.user.findUnique({ where: { id: user.id }, select: { morningDigest: true, weeklySummary: true } });
  return { morningDigest: found?.morningDigest ?? true, weeklySummary: user.role === "manager" ? (found?.weeklySummary ?? true) : null };
}

export async function saveNotificationPreferences(
  user: { id: string; role: string },
  choices: Partial<Record<NotificationKind, NotificationChannel>>,
  digests: { morningDigest: boolean; weeklySummary: boolean },
) {
  const userId = user.id;
  await prisma.$transaction(async (tx) => {
    // Two saves at once (two tabs) take turns, so an upsert never finds its row created meanwhile (a unique violation).
    const lock = lockRow("User", userId);
    if (lock) await tx.$queryRaw(lock);
    await tx.user.update({
      where: { id: userId },
      data: { morningDigest: digests.morningDigest, ...(user.role === "manager" ? { weeklySummary: digests.weeklySummary } : {}) },
    });
    for (const [kind, channel] of Object.entries(choices) as [NotificationKind, NotificationChannel][]) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId, kind } },
        create: { userId, kind, channel },
        update: { channel },
      });
    }
  });
}
