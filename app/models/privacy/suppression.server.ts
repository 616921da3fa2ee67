// The suppression list: erased candidates' addresses as a one-way hash, so the agency never emails them again by
// accident. Only the hash is stored; the outbox refuses a suppressed address and the candidate forms warn about one.
import { createHash } from "node:crypto";
import { prisma, type Tx } from "~/utils/db.server";

/** The same address however it was typed: trimmed and lower-cased, as candidates' emails are stored. */
export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/** SHA-256 of the normalised address, under a fixed label so the hash is useless in any other table or system. */
export function suppressionHash(email: string) {
  return createHash("sha256").update(`rebound-suppression:${normaliseEmail(email)}`).digest("hex");
}

export async function suppressEmailInTx(tx: Tx, email: string, now: Date) {
  const emailHash = suppressionHash(email);
  await tx.suppressedEmail.upsert({ where: { emailHash }, create: { emailHash, createdAt: now }, update: {} });
}

export async function isEmailSuppressed(email: string, db: Tx | typeof prisma = prisma) {
  if (!email.trim()) return false;
  return (await db.suppressedEmail.count({ where: { emailHash: suppressionHash(email) } })) > 0;
}

/** What the candidate forms say when someone adds an address that was erased. */
export const SUPPRESSED_WARNING =
  "This address belongs to a candidate who was erased: Rebound will not send any email to it. Check that they asked to be added again.";
