// The agency's own settings: its name, the time zone every date is shown in, and the email sender.
import type { StaffActor } from "~/models/audit/events";
import { recordAudit } from "~/models/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export type AgencySettings = {
  name: string;
  timeZone: string;
  senderName: string;
  replyTo: string | null;
  recruitersSeeOwnCandidatesOnly: boolean;
};

const fields = { name: true, timeZone: true, senderName: true, replyTo: true, recruitersSeeOwnCandidatesOnly: true } as const;

/** The settings row; created with the server's time zone on first read. */
export async function getAgency(): Promise<AgencySettings> {
  const agency = await prisma.agency.findUnique({ where: { id: 1 }, select: fields });
  if (agency) return agency;
  return prisma.agency.upsert({
    where: { id: 1 },
    create: { id: 1, timeZone: env.defaultTimeZone },
    update: {},
    select: fields,
  });
}

export async function updateAgency(input: AgencySettings, actor: StaffActor) {
  const before = await getAgency();
  return prisma.$transaction(async (tx) => {
    const after = await tx.agency.update({ where: { id: 1 }, data: input, select: fields });
    await recordAudit(tx, { actor, action: "agency.updated", entityId: "1", before, after });
    return after;
  });
}
