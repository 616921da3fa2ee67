// The one-time setup of an empty installation: the agency and its first manager, then the page is gone for good.
import { scheduleDigestsInTx } from "~/models/digests/digests.server";
import { recordAudit } from "~/models/audit/audit.server";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { getAgency } from "./agency.server";
import { keepRollupsOnClock } from "../stats/recovery-rollups.server";

export type SetupInput = { agencyName: string; timeZone: string; name: string; email: string; password: string };

/** Setup is open only while the database has no users at all. */
export async function isSetupOpen() {
  return (await prisma.user.count()) === 0;
}

/**
 * Creates the agency's first manager, or returns null when setup is closed (someone got there first). Race-safe: the
 * agency row is claimed with one guarded UPDATE, which only one of two simultaneous submits can win.
 */
export async function completeSetup(input: SetupInput) {
  if (!(await isSetupOpen())) return null;
  const passwordHash = await hashPassword(input.password);
  await getAgency(); // makes sure the settings row exists
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.agency.updateMany({
      where: { id: 1, setupCompletedAt: null },
      data: { setupCompletedAt: new Date(), name: input.agencyName, senderName: input.agencyName, timeZone: input.timeZone },
    });
    if (claimed.count === 0 || (await tx.user.count()) > 0) {
      // Roll back the claim too, so an installation that already has users isn't left half-changed.
      throw new SetupClosed();
    }
    // The digests were planned on the default zone's clock; the agency's own zone moves them.
    await scheduleDigestsInTx(tx, input.timeZone, new Date(), { replace: true });
    await keepRollupsOnClock(tx, input.timeZone);
    const user = await tx.user.create({
      data: { name: input.name, email: input.email, role: "manager", passwordHash },
      select: { id: true, name: true, email: true },
    });
    await recordAudit(tx, {
      actor: { userId: user.id },
      action: "agency.setup_completed",
     
      entityId: "1",
      after: { agencyName: input.agencyName, timeZone: input.timeZone, managerId: user.id, managerEmail: user.email },
    });
    return user;
  }).catch((error) => {
    if (error instanceof SetupClosed) return null;
    throw error;
  });
}

class SetupClosed extends Error {}
