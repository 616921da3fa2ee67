// The agency's own settings: its name, the time zone every date is shown in, the email sender and the recovery
// lifecycle's two knobs (when a quiet recovery closes, the grace for steps already late when the flag is logged) and
// the candidate's check-in after each interview.
import type { StaffActor } from "~/models/audit/events";
import { recordAudit } from "~/models/audit/audit.server";
import { scheduleDigestsInTx } from "~/models/digests/digests.server";
import { keepRollupsOnClock } from "~/models/stats/recovery-rollups.server";
import { scheduleJob } from "~/models/jobs/schedule.server";
import { jobKeys } from "~/models/jobs/kinds";
import { isUniqueViolation, prisma } from "~/utils/db.server";
import { lockRow, readBoolean } from "~/utils/sql-dialect.server";
import { env } from "~/utils/env.server";
import { memoForRequest } from "~/utils/request-memo.server";

export type AgencySettings = {
  name: string;
  timeZone: string;
  senderName: string;
  replyTo: string | null;
  recruitersSeeOwnCandidatesOnly: boolean;
  quietAfterDays: number;
  overdueGraceHours: number;
  checkInEnabled: boolean;
  checkInAfterHours: number;
};

const fields = {
  name: true,
  timeZone: true,
  senderName: true,
  replyTo: true,
  recruitersSeeOwnCandidatesOnly: true,
  quietAfterDays: true,
  overdueGraceHours: true,
  checkInEnabled: true,
  checkInAfterHours: true,
} as const;

/** The settings row; created with the server's time zone on first read. Read once per page request. */
export function getAgency(): Promise<AgencySettings> {
  return memoForRequest("agency", readAgency);
}

async function readAgency(): Promise<AgencySettings> {
  // Every page reads this: raw SQL skips Prisma's query compiler (about a millisecond a query).
  const [row] = await prisma.$queryRaw<(Omit<AgencySettings, "recruitersSeeOwnCandidatesOnly" | "checkInEnabled"> & { recruitersSeeOwnCandidatesOnly: unknown; checkInEnabled: unknown })[]>`
    SELECT "name", "timeZone", "senderName", "replyTo", "recruitersSeeOwnCandidatesOnly", "quietAfterDays", "overdueGraceHours",
      "checkInEnabled", "checkInAfterHours"
    FROM "Agency" WHERE "id" = 1`;
  if (row) {
    return {
      name: row.name,
      timeZone: row.timeZone,
      senderName: row.senderName,
      replyTo: row.replyTo,
      recruitersSeeOwnCandidatesOnly: readBoolean(row.recruitersSeeOwnCandidatesOnly),
      quietAfterDays: Number(row.quietAfterDays),
      overdueGraceHours: Number(row.overdueGraceHours),
      checkInEnabled: readBoolean(row.checkInEnabled),
      checkInAfterHours: Number(row.checkInAfterHours),
    };
  }
  let created: AgencySettings;
  try {
    created = await prisma.agency.upsert({
      where: { id: 1 },
      create: { id: 1, timeZone: env.defaultTimeZone },
      update: {},
      select: fields,
    });
  } catch (error) {
    // Another request or instance created it a moment ago (PostgreSQL runs these reads and writes side by side).
    if (isUniqueViolation(error)) return prisma.agency.findUniqueOrThrow({ where: { id: 1 }, select: fields });
    throw error;
  }
  // The rollups were set up before the agency had a zone: keep them on its clock from the start.
  await prisma.$transaction((tx) => keepRollupsOnClock(tx, created.timeZone));
  return created;
}

/** The lifecycle settings are optional here: a caller that leaves them out keeps them as they are. */
type OptionalSettings = "quietAfterDays" | "overdueGraceHours" | "checkInEnabled" | "checkInAfterHours";
type AgencyUpdate = Omit<AgencySettings, OptionalSettings> & Partial<Pick<AgencySettings, OptionalSettings>>;

export async function updateAgency(input: AgencyUpdate, actor: StaffActor) {
  await getAgency(); // makes sure the row exists
  return prisma.$transaction(async (tx) => {
    // Two saves at once: the second waits, so its "before" (the audit, the digests' time zone) is the first's "after".
    const lock = lockRow("Agency", 1);
    if (lock) await tx.$queryRaw(lock);
    const before = await tx.agency.findUniqueOrThrow({ where: { id: 1 }, select: fields });
    const after = await tx.agency.update({ where: { id: 1 }, data: input, select: fields });
    await recordAudit(tx, { actor, action: "agency.updated", entityId: "1", before, after });
    // The digests go out at 08:00 on the agency's clock: a new zone moves their next run.
    if (after.timeZone !== before.timeZone) await scheduleDigestsInTx(tx, after.timeZone, new Date(), { replace: true });
    // /stats' daily rollups are days on the agency's clock: the worker rebuilds them for a new zone (a long
    // transaction at a large agency, so not in this request); /stats reads the facts until then.
    if (after.timeZone !== before.timeZone) {
      await scheduleJob(tx, { kind: "stats.rollups", runAt: new Date(), payload: {}, key: jobKeys.statsRollups() });
    }
    return after;
  });
}
