// The outgoing mail connection: one pooled nodemailer transport built from SMTP_URL. No SMTP_URL means capture
// mode: the outbox keeps every message (status "captured") and nothing leaves the server.
import nodemailer from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import { env } from "./env.server";

export type OutgoingMail = {
  from: { name: string; address: string };
  replyTo?: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
};

export type MailTransport = {
  sendMail(mail: OutgoingMail): Promise<{ response?: string }>;
  close(): void;
};

export const CAPTURE_MODE_NOTICE =
  "Email is in capture mode: messages are stored here but not sent. Set SMTP_URL to send them.";

export function isCaptureMode() {
  return !env.SMTP_URL;
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * The transport options for an smtp:// or smtps:// URL; shared with the benchmark so both measure the same thing.
 * A URL with credentials always gets TLS (smtps://, or STARTTLS required: a server that doesn't offer it fails the
 * send before the password is sent), unless SMTP_INSECURE_PLAINTEXT_AUTH=true accepts sending it in clear text.
 */
export function transportOptions(
  smtpUrl: string,
  { allowPlaintextAuth = env.SMTP_INSECURE_PLAINTEXT_AUTH }: { allowPlaintextAuth?: boolean } = {},
): SMTPPool.Options {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const hasCredentials = Boolean(url.username);
  const requireTLS = !secure && hasCredentials && !allowPlaintextAuth;
  return {
    pool: true,
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    requireTLS,
    // A local relay or test sink without credentials speaks plain SMTP; anywhere else STARTTLS is used when offered.
    ignoreTLS: !secure && !requireTLS && LOCAL_HOSTS.has(url.hostname),
    maxConnections: 5,
    maxMessages: Infinity,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  };
}

/** A pooled transport for the URL (the caller closes it). */
export function createMailTransport(smtpUrl: string, options?: { allowPlaintextAuth?: boolean }): MailTransport {
  const transporter = nodemailer.createTransport(transportOptions(smtpUrl, options));
  return {
    sendMail: (mail) => transporter.sendMail(mail),
    close: () => transporter.close(),
  };
}

/** "Rebound <no-reply@example.com>" → "no-reply@example.com". */
export function mailFromAddress(mailFrom = env.MAIL_FROM) {
  const match = /<([^<>]+)>\s*$/.exec(mailFrom.trim());
  return (match ? match[1] : mailFrom).trim();
}
