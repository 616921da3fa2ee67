// "Email me a link to set a new password" on the login page: the way out of the sign-in pause. Sent straight to the
// staff member, not through the candidates' outbox (whose messages every recruiter can read at /emails).
import { render } from "@react-email/render";
import { createElement } from "react";
import { UnlockAccountEmail } from "../../../emails/unlock-account";
import { recordAudit } from "~/models/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { createMailTransport, mailFromAddress, type MailTransport } from "~/utils/mailer.server";
import { RateLimiter } from "~/utils/rate-limit.server";
import { getAgency } from "../agency/agency.server";
import { newMessageId } from "../email/email.server";
import { issuePasswordSetup, PASSWORD_SETUP_HOURS } from "./user.server";

// A few per account and per address an hour: enough for a real person, useless for flooding someone's inbox.
const perAccount = new RateLimiter("unlock-account", 3, 60 * 60_000);
const perAddress = new RateLimiter("unlock-address", 10, 60 * 60_000);

type Options = { transport?: MailTransport; log?: (line: string) => void };

/**
 * Emails a one-time set-password link to an active account with this address. Answers the same way whether or not
 * the account exists; the email goes out after the answer, so timing tells nothing either. Resolves to the delivery
 * (for tests), which never rejects.
 */
export async function requestUnlockEmail(email: string, ip: string, options: Options = {}) {
  const address = email.trim().toLowerCase();
  const refused = { delivery: Promise.resolve(false) };
  // A request one limit refuses doesn't use up the other's; `take` then counts atomically, so requests racing past
  // the first check on several instances still get at most the limit.
  if ((await perAccount.retryAfter(address)) > 0 || (await perAddress.retryAfter(ip)) > 0) return refused;
  if ((await perAccount.take(address)) > 0 || (await perAddress.take(ip)) > 0) return refused;
  const user = await prisma.user.findFirst({ where: { email: address, active: true }, select: { id: true, name: true, email: true } });
  if (!user) return { delivery: Promise.resolve(false) };
  const token = await prisma.$transaction(async (tx) => {
    const issued = await issuePasswordSetup(tx, user.id);
    await recordAudit(tx, { actor: { userId: user.id }, action: "user.unlock_email_requested", entityId: user.id, after: { ip } });
    return issued;
  });
  const delivery = deliver(user, `${env.APP_URL}/set-password/${token}`, options).then(
    () => true,
    (error: unknown) => {
      (options.log ?? console.error)(`Could not send the set-password email to user ${user.id}: ${String(error)}`);
      return false;
    },
  );
  return { delivery };
}

async function deliver(user: { name: string; email: string }, link: string, options: Options) {
  const agency = await getAgency();
  const element = createElement(UnlockAccountEmail, { name: user.name, agencyName: agency.name, link, hours: PASSWORD_SETUP_HOURS });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  const transport = options.transport ?? (env.SMTP_URL ? createMailTransport(env.SMTP_URL) : null);
  if (!transport) {
    // Capture mode: there is no mail server, so the operator (who reads the server log) passes the link on.
    (options.log ?? console.log)(`Capture mode: set-password link for ${user.email}: ${link}`);
    return;
  }
  try {
    await transport.sendMail({
      from: { name: agency.senderName, address: mailFromAddress() },
      to: user.email,
      subject: "Set a new password for Rebound",
      html,
      text,
      messageId: newMessageId(),
      headers: {},
    });
  } finally {
    if (!options.transport) transport.close();
  }
}
