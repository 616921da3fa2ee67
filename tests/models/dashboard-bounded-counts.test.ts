// The dashboard counts each section no further than its cap ("99+"), so its cost doesn't grow with the agency
// (issue 17); the full lists and the digests still count exactly.
import { expect, test } from "vitest";
import { callsDue, getInboxSection, getTodayDashboard, INBOX_SECTION_SIZE, upcomingInterviews } from "~/models/dashboard/inbox.server";
import { candidateStepsNotDone, overdueRecruiterSteps } from "~/models/recovery/checklist.server";
import { queueRules } from "~/models/recovery/lifecycle.server";
import { pendingRequestsOlderThan } from "~/models/second-interviews/second-interview.server";
import { workQueueCounts } from "~/models/dashboard/dashboard.server";
import { DASHBOARD_COUNT_CAP } from "~/utils/bounded-count.server";
import { makeCandidate } from "../builders/candidates";
import { makeFlaggedInterviewWithChecklist } from "../builders/checklists";
import { makeInterview } from "../builders/interviews";
import { makeSecondInterviewRequest } from "../builders/second-interviews";
import { makeUser } from "../builders/users";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

test("calls due: a cap below the total says 'capped' at the cap; at or above it, the exact total", async () => {
  const riley = await makeUser();
  for (const hoursAgo of [2, 4, 6]) await makeFlaggedInterviewWithChecklist({ recruiterId: riley.id, scheduledAt: new Date(Date.now() - hoursAgo * HOUR) });
  const rules = await queueRules();
  expect(await callsDue({ recruiterId: riley.id, rules, countCap: 2 })).toMatchObject({ total: 2, capped: true });
  expect(await callsDue({ recruiterId: riley.id, rules, countCap: 3 })).toMatchObject({ total: 3, capped: false });
  const exact = await callsDue({ recruiterId: riley.id, rules });
  expect(exact).toMatchObject({ total: 3, capped: false });
  expect(exact.items).toHaveLength(3);
  // The items shown don't depend on the cap.
  expect((await callsDue({ recruiterId: riley.id, rules, countCap: 1 })).items.map((i) => i.flagId)).toEqual(exact.items.map((i) => i.flagId));
});

test("steps, requests and upcoming interviews stop counting at the cap too", async () => {
  const riley = await makeUser();
  // Two recoveries whose checklists are long overdue (interviews 12 days ago), with their requests waiting well past REQUEST_WAITING_DAYS.
  for (const daysAgo of [12, 13]) {
    const { interview } = await makeFlaggedInterviewWithChecklist({ recruiterId: riley.id, scheduledAt: new Date(Date.now() - daysAgo * DAY) });
    await makeSecondInterviewRequest(interview.id, { requestedAt: new Date(Date.now() - (daysAgo - 1) * DAY) });
  }
  const rules = await queueRules();
  const overdue = await overdueRecruiterSteps({ recruiterId: riley.id, rules });
  expect(overdue.total).toBeGreaterThan(1);
  expect(await overdueRecruiterSteps({ recruiterId: riley.id, rules, countCap: 1 })).toMatchObject({ total: 1, capped: true });
  expect(await overdueRecruiterSteps({ recruiterId: riley.id, rules, countCap: overdue.total })).toMatchObject({ total: overdue.total, capped: false });

  const candidateSteps = await candidateStepsNotDone({ recruiterId: riley.id, rules });
  expect(candidateSteps.total).toBeGreaterThan(1);
  expect(await candidateStepsNotDone({ recruiterId: riley.id, rules, countCap: 1 })).toMatchObject({ total: 1, capped: true });

  const requests = await pendingRequestsOlderThan({ recruiterId: riley.id, rules });
  expect(requests).toMatchObject({ total: 2, capped: false });
  expect(await pendingRequestsOlderThan({ recruiterId: riley.id, rules, countCap: 1 })).toMatchObject({ total: 1, capped: true });

  const now = new Date("2026-11-20T09:00:00Z");
  for (let h = 0; h < 3; h++) await makeInterview({ recruiterId: riley.id, scheduledAt: new Date(now.getTime() + h * HOUR) });
  expect(await upcomingInterviews({ recruiterId: riley.id, timeZone: "UTC", now, countCap: 2 })).toMatchObject({ total: 2, capped: true });
  expect(await upcomingInterviews({ recruiterId: riley.id, timeZone: "UTC", now, countCap: 3 })).toMatchObject({ total: 3, capped: false });
});

test("the dashboard caps its sections at DASHBOARD_COUNT_CAP; the full list counts everything", async () => {
  const riley = await makeUser();
  const now = new Date();
  const interviews = DASHBOARD_COUNT_CAP + 2;
  // Interviews later today and tomorrow in UTC: more than the cap, so the dashboard says "99+".
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 8));
  for (let i = 0; i < interviews; i++) await makeInterview({ recruiterId: riley.id, scheduledAt: new Date(start.getTime() + i * 60_000) });
  const dashboard = await getTodayDashboard({ user: { id: riley.id, role: "recruiter" }, timeZone: "UTC", now });
  expect(dashboard.inbox.upcoming).toMatchObject({ total: DASHBOARD_COUNT_CAP, capped: true });
  expect(dashboard.inbox.upcoming.items).toHaveLength(INBOX_SECTION_SIZE);
  expect(dashboard.inbox.calls).toMatchObject({ total: 0, capped: false });
  const full = await getInboxSection("upcoming", { recruiterId: riley.id, rules: await queueRules(now), timeZone: "UTC", seenAt: null, page: 1 });
  expect(full.total).toBe(interviews);
});

test("the open-candidates figure counts a recruiter's open and recovering candidates, up to its cap", async () => {
  const recruiter = await makeUser();
  const other = await makeUser();
  for (const status of ["open", "recovering", "open", "hired", "closed"]) await makeCandidate({ recruiterId: recruiter.id, status });
  await makeCandidate({ recruiterId: other.id, status: "open" });
  const rules = await queueRules();
  expect(await workQueueCounts({ recruiterId: recruiter.id, rules })).toMatchObject({ candidates: 3 });
  expect(await workQueueCounts({ recruiterId: recruiter.id, rules, candidatesCap: 3 })).toMatchObject({
    candidates: 3,
    candidatesCapped: false,
  });
  expect(await workQueueCounts({ recruiterId: recruiter.id, rules, candidatesCap: 2 })).toMatchObject({
    candidates: 2,
    candidatesCapped: true,
  });
});
