import { expect, test } from "vitest";
import { getAgency } from "~/models/agency/agency.server";
import { getDashboard, interviewsTodayAndTomorrow, recoveryQueue, workQueueCounts } from "~/models/dashboard/dashboard.server";
import { updateCandidate } from "~/models/candidates/candidate-profile.server";
import { callsDue, teamLoad } from "~/models/dashboard/inbox.server";
import { queueRules } from "~/models/recovery/lifecycle.server";
import { pendingRequestsOlderThan } from "~/models/second-interviews/second-interview.server";
import { prisma } from "~/utils/db.server";
import { setAgencyTimeZone } from "../builders/agency";
import { makeCandidate } from "../builders/candidates";
import { makeFlag } from "../builders/flags";
import { makeInterview } from "../builders/interviews";
import { makeSecondInterviewRequest } from "../builders/second-interviews";
import { makeUser } from "../builders/users";

const HOUR = 3600_000;

async function flag(interviewId: string, flaggedById: string, data: { hoursAgo: number; resolved?: boolean; removed?: boolean }, now = Date.now()) {
  return makeFlag(interviewId, {
    flaggedById,
    flaggedAt: new Date(now - data.hoursAgo * HOUR),
    closedAt: data.resolved ? new Date(now) : null,
    removedAt: data.removed ? new Date(now) : null,
  });
}

test("counts a recruiter's own work, and the whole agency's for a manager", async () => {
  const riley = await makeUser();
  const casey = await makeUser();
  const rileyCandidate = await makeCandidate({ recruiterId: riley.id, status: "recovering" });
  await makeCandidate({ recruiterId: riley.id, status: "hired" });
  await makeCandidate({ recruiterId: casey.id, status: "open" });

  // The window closes 24 hours after the interview's end (60 minutes after it starts).
  const fresh = await makeInterview({ candidateId: rileyCandidate.id, scheduledAt: new Date(Date.now() - 4 * HOUR) });
  const old = await makeInterview({ candidateId: rileyCandidate.id, scheduledAt: new Date(Date.now() - 31 * HOUR) });
  const resolved = await makeInterview({ candidateId: rileyCandidate.id });
  const removed = await makeInterview({ candidateId: rileyCandidate.id });
  const caseys = await makeInterview({ recruiterId: casey.id, scheduledAt: new Date(Date.now() - 2 * HOUR) });
  await flag(fresh.id, riley.id, { hoursAgo: 3 });
  await flag(old.id, riley.id, { hoursAgo: 30 });
  await flag(resolved.id, riley.id, { hoursAgo: 2, resolved: true });
  await flag(removed.id, riley.id, { hoursAgo: 2, removed: true });
  await flag(caseys.id, casey.id, { hoursAgo: 1 });
  await prisma.secondInterviewRequest.create({
    data: { interviewId: old.id, candidateId: rileyCandidate.id, requestedAt: new Date(), requestedBy: "candidate", channel: "phone", recordedById: riley.id, recruiterId: riley.id },
  });
  await prisma.secondInterviewRequest.create({
    data: { interviewId: fresh.id, candidateId: rileyCandidate.id, requestedAt: new Date(), requestedBy: "candidate", channel: "phone", response: "granted", recordedById: riley.id, recruiterId: riley.id },
  });

  // caseys interview's candidate was made by makeInterview with Casey as recruiter: one more open candidate.
  expect(await workQueueCounts({ recruiterId: riley.id, rules: await queueRules() })).toEqual({ candidates: 1, openFlags: 2, insideWindow: 1, pendingRequests: 1 });
  expect(await workQueueCounts({ recruiterId: casey.id, rules: await queueRules() })).toEqual({ candidates: 2, openFlags: 1, insideWindow: 1, pendingRequests: 0 });
  expect(await workQueueCounts({ rules: await queueRules() })).toEqual({ candidates: 3, openFlags: 3, insideWindow: 2, pendingRequests: 1 });
});

test("a reassigned candidate's recoveries and requests move to the new recruiter's queue and counts, closed ones too", async () => {
  const riley = await makeUser();
  const casey = await makeUser();
  const candidate = await makeCandidate({ recruiterId: riley.id, status: "recovering" });
  const open = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(Date.now() - 4 * HOUR) });
  const closed = await makeInterview({ candidateId: candidate.id, scheduledAt: new Date(Date.now() - 30 * 24 * HOUR) });
  const openFlag = await flag(open.id, riley.id, { hoursAgo: 3 });
  const closedFlag = await flag(closed.id, riley.id, { hoursAgo: 700, resolved: true });
  const request = await makeSecondInterviewRequest(open.id, { requestedAt: new Date(Date.now() - 2 * HOUR) });
  const rules = await queueRules();
  expect(await workQueueCounts({ recruiterId: riley.id, rules })).toMatchObject({ pendingRequests: 1 });
  const callsOf = async (recruiterId: string) => (await callsDue({ recruiterId, rules })).items.map((q) => q.flagId);
  expect(await callsOf(riley.id)).toEqual([openFlag.id]);

  await updateCandidate(candidate.id, { recruiterId: casey.id }, { userId: riley.id });

  expect(await callsOf(riley.id)).toEqual([]);
  expect(await callsOf(casey.id)).toEqual([openFlag.id]);
  expect((await teamLoad({ rules, people: [riley, casey].map((p) => ({ id: p.id, name: p.name, role: "recruiter" })) })).map((row) => [row.recruiter.id, row.openRecoveries, row.callsDue])).toEqual([
    [casey.id, 1, 1],
    [riley.id, 0, 0],
  ]);
  expect(await workQueueCounts({ recruiterId: riley.id, rules })).toMatchObject({ openFlags: 0, insideWindow: 0, pendingRequests: 0 });
  expect(await workQueueCounts({ recruiterId: casey.id, rules })).toMatchObject({ openFlags: 1, insideWindow: 1, pendingRequests: 1 });
  const owners = await prisma.interviewFlag.findMany({ where: { id: { in: [openFlag.id, closedFlag.id] } }, select: { recruiterId: true } });
  expect(owners).toEqual([{ recruiterId: casey.id }, { recruiterId: casey.id }]);
  expect(await prisma.secondInterviewRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ recruiterId: casey.id });
});

test("the recovery queue puts the least time left first, then the most recently overdue, and only open flags", async () => {
  await prisma.interview.deleteMany(); // agency-wide views below must not see other tests' rows
  const now = new Date("2026-11-20T12:00:00Z");
  const t = now.getTime();
  const riley = await makeUser({ name: "Riley Stone" });
  const casey = await makeUser({ name: "Casey Brook" });
  const manager = await makeUser({ role: "manager" });
  // The window closes 24 hours after the interview's end: an interview that ended 20 hours ago has 4 hours left.
  const interviewFor = async (recruiterId: string, name: string, endedHoursAgo: number) => {
    const candidate = await makeCandidate({ recruiterId, name });
    return makeInterview({ candidateId: candidate.id, scheduledAt: new Date(t - (endedHoursAgo + 1) * HOUR) });
  };
  const fourHoursLeft = await interviewFor(riley.id, "Ada Four", 20);
  const manyHoursLeft = await interviewFor(riley.id, "Ben Many", 2);
  const justOverdue = await interviewFor(riley.id, "Cleo Just", 30);
  const longOverdue = await interviewFor(riley.id, "Dev Long", 100);
  const resolved = await interviewFor(riley.id, "Eve Resolved", 5);
  const removed = await interviewFor(riley.id, "Finn Removed", 5);
  const caseys = await interviewFor(casey.id, "Gus Casey", 10);
  await flag(manyHoursLeft.id, riley.id, { hoursAgo: 2 }, t);
  await flag(longOverdue.id, riley.id, { hoursAgo: 100 }, t);
  await flag(fourHoursLeft.id, riley.id, { hoursAgo: 20 }, t);
  await flag(justOverdue.id, riley.id, { hoursAgo: 30 }, t);
  await flag(resolved.id, riley.id, { hoursAgo: 5, resolved: true }, t);
  await flag(removed.id, riley.id, { hoursAgo: 5, removed: true }, t);
  await flag(caseys.id, casey.id, { hoursAgo: 10 }, t);

  const mine = await recoveryQueue({ recruiterId: riley.id, rules: await queueRules(now) });
  expect(mine.map((i) => [i.candidate.name, i.timeLeft, i.overdue])).toEqual([
    ["Ada Four", "4 h left", false],
    ["Ben Many", "22 h left", false],
    ["Cleo Just", "overdue by 6 h", true],
    ["Dev Long", "overdue by 3 d 4 h", true],
  ]);
  expect(mine[0]).toMatchObject({ interviewId: fourHoursLeft.id, severity: "serious", reasons: ["Arrived late or transport trouble"] });

  const agency = await recoveryQueue({ rules: await queueRules(now) });
  expect(agency.map((i) => i.candidate.name)).toEqual(["Ada Four", "Gus Casey", "Ben Many", "Cleo Just", "Dev Long"]);
  expect((await recoveryQueue({ rules: await queueRules(now), limit: 3 })).map((i) => i.candidate.name)).toEqual(["Ada Four", "Gus Casey", "Ben Many"]);

  // A manager can narrow to one recruiter; a recruiter can't widen their view with the same parameter.
  const filtered = await getDashboard({ user: manager, recruiterFilter: casey.id, timeZone: "UTC", now });
  expect(filtered.queue.map((i) => i.candidate.name)).toEqual(["Gus Casey"]);
  expect(filtered.recruiterId).toBe(casey.id);
  expect(filtered.counts.openFlags).toBe(1);
  const everyone = await getDashboard({ user: manager, recruiterFilter: "someone-unknown", timeZone: "UTC", now });
  expect(everyone.recruiterId).toBeNull();
  expect(everyone.queue).toHaveLength(5);
  const asRiley = await getDashboard({ user: riley, recruiterFilter: casey.id, timeZone: "UTC", now });
  expect(asRiley.queue.map((i) => i.candidate.name)).not.toContain("Gus Casey");
  expect(asRiley.recruiters).toEqual([]);
});

test("today and tomorrow are the agency's calendar days, not UTC's", async () => {
  await prisma.interview.deleteMany(); // agency-wide views below must not see other tests' rows
  await setAgencyTimeZone("Pacific/Auckland");
  const { timeZone } = await getAgency();
  expect(timeZone).toBe("Pacific/Auckland");
  // 09:00 on Saturday 21 November in Auckland (UTC+13), still Friday 20 November in UTC.
  const now = new Date("2026-11-20T20:00:00Z");
  const riley = await makeUser();
  const casey = await makeUser();
  const candidate = await makeCandidate({ recruiterId: riley.id, name: "Ada Lovell" });
  const at = async (iso: string, recruiterId = riley.id) =>
    (await makeInterview({ candidateId: recruiterId === riley.id ? candidate.id : undefined, recruiterId, scheduledAt: new Date(iso) })).id;
  await at("2026-11-20T10:59:00Z"); // 23:59 on the 20th in Auckland: yesterday
  const earlyToday = await at("2026-11-20T11:00:00Z"); // 00:00 on the 21st
  const lateToday = await at("2026-11-21T10:59:00Z"); // 23:59 on the 21st
  const tomorrow = await at("2026-11-21T11:00:00Z"); // 00:00 on the 22nd
  await at("2026-11-22T11:00:00Z"); // the 23rd: too far
  const caseys = await at("2026-11-21T01:00:00Z", casey.id);

  const mine = await interviewsTodayAndTomorrow({ recruiterId: riley.id, timeZone, now });
  expect(mine.today.start.toISOString()).toBe("2026-11-20T11:00:00.000Z");
  expect(mine.today.interviews.map((i) => i.id)).toEqual([earlyToday, lateToday]);
  expect(mine.tomorrow.interviews.map((i) => i.id)).toEqual([tomorrow]);
  expect(mine.today.interviews[0]).toMatchObject({ candidate: { name: "Ada Lovell" }, round: "first" });

  const all = await interviewsTodayAndTomorrow({ timeZone, now });
  expect(all.today.interviews.map((i) => i.id)).toEqual([earlyToday, caseys, lateToday]);
  expect(all.truncated).toBe(false);
  expect((await interviewsTodayAndTomorrow({ timeZone, now, limit: 2 })).truncated).toBe(true);
});

test("lists pending second-interview requests older than 7 days, oldest first, scoped to the candidate's owner", async () => {
  const now = new Date("2027-03-20T12:00:00Z");
  const DAY = 24 * HOUR;
  const owner = await makeUser();
  const colleague = await makeUser();
  const candidate = await makeCandidate({ recruiterId: owner.id });
  // Logged by a colleague, but the candidate is the owner's: it is the owner's to chase.
  const interview = await makeInterview({ candidateId: candidate.id, recruiterId: colleague.id });
  const ask = async (daysAgo: number, response = "pending", interviewId = interview.id, candidateId = candidate.id) => {
    const { recruiterId } = await prisma.candidate.findUniqueOrThrow({ where: { id: candidateId } });
    return prisma.secondInterviewRequest.create({
      data: { interviewId, candidateId, requestedAt: new Date(now.getTime() - daysAgo * DAY), requestedBy: "candidate", channel: "phone", response, recordedById: colleague.id, recruiterId },
    });
  };
  const nine = await ask(9);
  const twenty = await ask(20);
  await ask(7); // exactly 7 days: not yet more than 7
  await ask(30, "granted");
  const elsewhere = await makeInterview({ recruiterId: colleague.id });
  const colleagues = await ask(10, "pending", elsewhere.id, elsewhere.candidateId);

  const mine = await pendingRequestsOlderThan({ recruiterId: owner.id, rules: await queueRules(now) });
  expect(mine.requests.map((r) => r.id)).toEqual([twenty.id, nine.id]);
  expect(mine.total).toBe(2);
  expect(mine.requests[0]).toMatchObject({ interviewId: interview.id, daysWaiting: 20, candidate: { id: candidate.id } });
  expect((await pendingRequestsOlderThan({ recruiterId: colleague.id, rules: await queueRules(now) })).requests.map((r) => r.id)).toEqual([colleagues.id]);
  const bounded = await pendingRequestsOlderThan({ rules: await queueRules(now), limit: 1 });
  expect(bounded.requests).toHaveLength(1);
  expect(bounded.total).toBeGreaterThanOrEqual(3);

  const asManager = await getDashboard({ user: { id: "m", role: "manager" }, recruiterFilter: owner.id, timeZone: "UTC", now });
  expect(asManager.waitingRequests.requests.map((r) => r.id)).toEqual([twenty.id, nine.id]);
  const asOwner = await getDashboard({ user: owner, timeZone: "UTC", now });
  expect(asOwner.waitingRequests.total).toBe(2);
});
