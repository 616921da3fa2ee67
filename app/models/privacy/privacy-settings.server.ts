// The agency's privacy settings: who candidates contact about their data (the footer of recovery emails) and the
// retention limits. Kept apart from agency.server.ts so the data-rights work has one home; the columns are Agency's.
import { recordAudit } from "~/models/audit/audit.server";
import type { StaffActor } from "~/models/audit/events";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { lockRow } from "~/utils/sql-dialect.server";
import type { PrivacySettingsInput } from "./privacy-forms";

const fields = { privacyContact: true, retainCandidatesMonths: true, retainEmailBodiesMonths: true } as const;
export type PrivacySettings = { privacyContact: string | null; retainCandidatesMonths: number; retainEmailBodiesMonths: number };

export async function getPrivacySettings(): Promise<PrivacySettings> {
  const agency = await prisma.agency.findUnique({ where: { id: 1 }, select: fields });
  if (agency) return agency;
  return prisma.agency.upsert({ where: { id: 1 }, create: { id: 1 }, update: {}, select: fields }).catch((error: unknown) => {
    // Another request created the row a moment ago (as in getAgency: PostgreSQL runs these side by side).
    if (isUniqueViolation(error)) return prisma.agency.findUniqueOrThrow({ where: { id: 1 }, select: fields });
    throw error;
  });
}

export async function getPrivacyContact(): Promise<string | null> {
  return (await getPrivacySettings()).privacyContact;
}

export async function updatePrivacySettings(input: PrivacySettingsInput, actor: StaffActor) {
  await getPrivacySettings(); // makes sure the row exists
  return prisma.$transaction(async (tx) => {
    // Two saves at once: the second's audited "before" is the first's "after".
    const lock = lockRow("Agency", 1);
    if (lock) await tx.$queryRaw(lock);
    const before = await tx.agency.findUniqueOrThrow({ where: { id: 1 }, select: fields });
    const after = await tx.agency.update({ where: { id: 1 }, data: input, select: fields });
    await recordAudit(tx, { actor, action: "privacy.settings_updated", entityId: "1", before, after });
    return after;
  });
}
