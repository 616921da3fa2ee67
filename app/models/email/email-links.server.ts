// Links an email carries (the candidate's coaching page, their check-in, unsubscribing) exist only on the wire: the stored body holds
// placeholders, the sender worker mints the tokens when it delivers, and only their SHA-256 is kept. So nobody who
// can read the outbox (/emails/:id, a backup) can act as the candidate. docs/decisions/005-email-outbox.md.
import { createHash, randomBytes } from "node:crypto";
import { prisma, type Tx } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { COACHING_LINK_DAYS, hashCoachingToken } from "../recovery/coaching.server";
import { CHECK_IN_LINK_DAYS, CHECK_IN_TEMPLATE } from "../check-in/check-in-rules";

/** What stored bodies (and staff) see in place of the tokens; the pages these reach say "not valid". */
export const COACHING_TOKEN_PLACEHOLDER = "REDACTED-COACHING-TOKEN";
export const UNSUBSCRIBE_TOKEN_PLACEHOLDER = "REDACTED-UNSUBSCRIBE-TOKEN";
export const CHECK_IN_TOKEN_PLACEHOLDER = "REDACTED-CHECK-IN-TOKEN";

/** Long enough to unsubscribe from an old email (the law asks for at least 30 days), not forever. */
export const UNSUBSCRIBE_LINK_DAYS = 365;
const DAY_MS = 24 * 3600_000;
/** Rows made by the migration from the old plain tokens ("legacy:<token>"); they expire 60 days after it. */
const LEGACY_PREFIX = "legacy:";

export const coachingUrl = (token: string) => `${env.APP_URL}/coach/${token}`;
export const unsubscribeUrl = (token: string) => `${env.APP_URL}/unsubscribe/${token}`;
export const checkInUrl = (token: string) => `${env.APP_URL}/check-in/${token}`;

export function hashUnsubscribeToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export function hashCheckInToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

const newToken = () => randomBytes(32).toString("base64url");

export type MintedLinks = {
  /** Null for an email to staff. */
  unsubscribe: { id: string; token: string } | null;
  coaching: { id: string; token: string; runId: string; interviewId: string; expiresAt: Date } | null;
  checkIn: { id: string; token: string } | null;
};

/**
 * Creates the unsubscribe link (always: the List-Unsubscribe header needs one) and, when the message is for a
 * checklist, a coaching link, inside the worker's transaction just before sending. The tokens live only in the
 * returned value; a send that fails discards the rows (discardEmailLinksInTx).
 */
export async function mintEmailLinksInTx(
  tx: Tx,
  message: { id: string; candidateId: string | null; coachingRunId: string | null; sentById: string | null; template?: string; interviewId?: string | null },
  now: Date,
): Promise<MintedLinks> {
  // An email to staff (no candidate) carries no candidate links.
  if (!message.candidateId) return { unsubscribe: null, coaching: null, checkIn: null };
  const unsubscribeToken = newToken();
  const unsubscribe = await tx.unsubscribeLink.create({
    data: {
      candidateId: message.candidateId,
      emailMessageId: message.id,
      tokenHash: hashUnsubscribeToken(unsubscribeToken),
      expiresAt: new Date(now.getTime() + UNSUBSCRIBE_LINK_DAYS * DAY_MS),
      createdAt: now,
    },
    select: { id: true },
  });
  let coaching: MintedLinks["coaching"] = null;
  const run = message.coachingRunId
    ? await tx.checklistRun.findUnique({ where: { id: message.coachingRunId }, select: { id: true, interviewId: true } })
    : null;
  if (run) {
    const token = newToken();
    const link = await tx.coachingLink.create({
      data: {
        runId: run.id,
        tokenHash: hashCoachingToken(token),
        expiresAt: new Date(now.getTime() + COACHING_LINK_DAYS * DAY_MS),
        createdById: message.sentById,
        createdAt: now,
      },
      select: { id: true, expiresAt: true },
    });
    coaching = { id: link.id, token, runId: run.id, interviewId: run.interviewId, expiresAt: link.expiresAt };
  }
  let checkIn: MintedLinks["checkIn"] = null;
  const planned =
    message.template === CHECK_IN_TEMPLATE && message.interviewId
      ? await tx.checkIn.findUnique({ where: { interviewId: message.interviewId }, select: { id: true } })
      : null;
  if (planned) {
    const token = newToken();
    const link = await tx.checkInLink.create({
      data: {
        checkInId: planned.id,
        tokenHash: hashCheckInToken(token),
        expiresAt: new Date(now.getTime() + CHECK_IN_LINK_DAYS * DAY_MS),
        createdAt: now,
      },
      select: { id: true },
    });
    checkIn = { id: link.id, token };
  }
  return { unsubscribe: { id: unsubscribe.id, token: unsubscribeToken }, coaching, checkIn };
}

/** The links of an attempt the mail server did not accept: nobody ever saw their tokens. */
export async function discardEmailLinksInTx(tx: Tx, links: MintedLinks) {
  if (links.unsubscribe) await tx.unsubscribeLink.deleteMany({ where: { id: links.unsubscribe.id } });
  if (links.coaching) await tx.coachingLink.deleteMany({ where: { id: links.coaching.id } });
  if (links.checkIn) await tx.checkInLink.deleteMany({ where: { id: links.checkIn.id } });
}

/** A stored body with the placeholders replaced by this delivery's tokens. */
export function fillEmailLinks(body: string, links: MintedLinks) {
  let filled = links.unsubscribe
    ? body.replaceAll(`/unsubscribe/${UNSUBSCRIBE_TOKEN_PLACEHOLDER}`, `/unsubscribe/${links.unsubscribe.token}`)
    : body;
  if (links.coaching) filled = filled.replaceAll(`/coach/${COACHING_TOKEN_PLACEHOLDER}`, `/coach/${links.coaching.token}`);
  if (links.checkIn) filled = filled.replaceAll(`/check-in/${CHECK_IN_TOKEN_PLACEHOLDER}`, `/check-in/${links.checkIn.token}`);
  return filled;
}

const plausibleToken = (token: string) => /^[A-Za-z0-9_-]{1,64}$/.test(token);

/** The candidate an unsubscribe token belongs to; null when it is unknown or expired. */
export async function findUnsubscribeCandidateId(client: Tx, token: string, now: Date = new Date()) {
  if (!plausibleToken(token)) return null;
  const link =
    (await client.unsubscribeLink.findUnique({ where: { tokenHash: hashUnsubscribeToken(token) }, select: { candidateId: true, expiresAt: true } })) ??
    (await client.unsubscribeLink.findUnique({ where: { tokenHash: LEGACY_PREFIX + token }, select: { candidateId: true, expiresAt: true } }));
  if (!link || link.expiresAt <= now) return null;
  return link.candidateId;
}

/** Drops expired unsubscribe links (the legacy plain tokens among them); the worker calls it when it starts. */
export async function pruneExpiredUnsubscribeLinks(now: Date = new Date()) {
  const { count } = await prisma.unsubscribeLink.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
