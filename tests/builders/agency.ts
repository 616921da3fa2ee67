// Test builder for the agency's one settings row.
import { prisma } from "~/utils/db.server";

export async function setAgencyTimeZone(timeZone: string) {
  await prisma.agency.upsert({ where: { id: 1 }, create: { id: 1, timeZone }, update: { timeZone } });
}
