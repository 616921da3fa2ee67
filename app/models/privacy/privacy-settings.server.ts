// The agency's privacy settings: who candidates contact about their data (the footer of recovery emails) and the
// retention limits. Kept apart from agency.server.ts so the data-rights work has one home; the columns are Agency's.
import { recordAudit } from "~/models/audit/audit.server";
import type { StaffActor } from "~/models/audit/events";
import { prisma } from "~/utils/db.server";
import type { PrivacySettingsInput } from "./privacy-forms";

const fields = { privacyContact: true, retainCandidatesMonths: true, retainEmailBodiesMonths: true } as const;
export type PrivacySettings = { privacyContact: string | null; retainCandidatesMonths: number; retainEmailBodiesMonths: number };

export async function getPrivacySettings(): Promise<PrivacySettings> {
  const agency = await prisma.agency.findUnique({ where: { id: 1 }, select: fields });
  return agency ?? prisma.agency.upsert({ where: { id: 1 }, create: { id: 1 }, update: {}, select: fields });
}

export async function getPrivacyContact(): Promise<string | null> {
  return (await getPrivacySettings()).privacyContact;
}

export async function updatePrivacySettings(input: PrivacySettingsInput, actor: StaffActor) {
  return prisma.$transaction(async (tx) => {
    const before = (await tx.agency.findUnique({ where: { id: 1 }, select: fields })) ?? (await tx.agency.create({ data: { id: 1 }, select: fields }));
    const after = await tx.agency.update({ where: { id: 1 }, data: input, select: fields });
    await recordAudit(tx, { actor, action: "privacy.settings_updated", entityId: "1", before, after });
    return after;
  });
}
