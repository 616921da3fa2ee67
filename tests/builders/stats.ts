// Builders for the statistics tests: a recovery (flagged interview) with exactly the requests, checklist progress
// and outcome a test needs, made from the entity builders with every date fixed.
import { makeCandidate } from "./candidates";
import { makeChecklistRun, makePlaybookVersion } from "./checklists";
import { makeCompany } from "./companies";
import { makeEmail } from "./emails";
import { closeRecovery, makeFlag } from "./flags";
import { makeInterview } from "./interviews";
import { makeOutcome } from "./outcomes";
import { makeSecondInterviewRequest } from "./second-interviews";
import { makeUser } from "./users";

const at = (iso: string) => new Date(iso);

let playbook: Awaited<ReturnType<typeof makePlaybookVersion>> | undefined;
async function playbookOf4() {
  playbook ??= await makePlaybookVersion([1, 2, 3, 4].map((n) => ({ title: `Step ${n}`, guidance: "Do it.", owner: "candidate" as const })));
  return playbook;
}

/** An interview of a new candidate of this recruiter. */
export async function makeInterviewAt(input: { recruiterId: string; companyId: string; scheduledAt: string; round?: string }) {
  const candidate = await makeCandidate({ recruiterId: input.recruiterId });
  return makeInterview({
    candidateId: candidate.id,
    companyId: input.companyId,
    recruiterId: input.recruiterId,
    scheduledAt: at(input.scheduledAt),
    round: input.round,
  });
}

export async function makeRecovery(input: {
  recruiterId: string;
  companyId: string;
  scheduledAt: string;
  flaggedAt: string;
  severity?: string;
  reasons?: string[];
  removed?: boolean;
  /** Steps done out of 4; undefined = no checklist run. */
  stepsDone?: number;
  requests?: { requestedAt: string; response: string; respondedAt?: string }[];
  /** Hired closes the recovery as "hired" (as recording the outcome does); `closed` closes it for another reason. */
  hired?: boolean;
  closed?: { reason: string; at?: string };
}) {
  const interview = await makeInterviewAt(input);
  const flag = await makeFlag(interview.id, {
    severity: input.severity ?? "serious",
    flaggedById: input.recruiterId,
    flaggedAt: at(input.flaggedAt),
    removedAt: input.removed ? at(input.flaggedAt) : null,
    reasons: input.reasons ?? ["nerves"],
  });
  if (input.stepsDone !== undefined) {
    await makeChecklistRun({
      flag,
      playbookVersion: await playbookOf4(),
      steps: [0, 1, 2, 3].map((i) => ({ dueAt: at(input.flaggedAt), status: i < input.stepsDone! ? "done" : "pending" })),
    });
  }
  for (const r of input.requests ?? []) {
    await makeSecondInterviewRequest(interview.id, {
      requestedAt: at(r.requestedAt),
      response: r.response,
      respondedAt: r.respondedAt ? at(r.respondedAt) : null,
      recordedById: input.recruiterId,
      createdAt: at(r.requestedAt),
    });
  }
  if (input.hired) await makeHire(interview);
  if (!input.removed && (input.hired || input.closed)) {
    await closeRecovery(flag.id, {
      closedAt: at(input.closed?.at ?? "2026-11-28T10:00:00Z"),
      closedReason: input.closed?.reason ?? "hired",
    });
  }
  return { interview, flag };
}

export async function makeHire(interview: { id: string; candidateId: string; companyId: string; recruiterId: string }) {
  await makeOutcome(interview.candidateId, {
    interviewId: interview.id,
    companyId: interview.companyId,
    outcome: "hired",
    decidedAt: at("2026-11-28T10:00:00Z"),
    recordedById: interview.recruiterId,
  });
}

async function makeStatsEmail(input: { candidateId: string; template: string; status: string; createdAt: string }) {
  await makeEmail(input.candidateId, { template: input.template, status: input.status, createdAt: at(input.createdAt), sentAt: null });
}

/**
 * The fixed agency of the statistics tests (November 2026, UTC): Alice has three recoveries, Bob one; one recovery
 * in October, one removed flag, three interviews not flagged (one hired). The hired recoveries and R2 (not hired) are
 * closed, R3 is still in progress. Expected figures are worked out in the test.
 */
export async function makeStatsFixture() {
  const alice = await makeUser({ name: "Alice Recruiter" });
  const bob = await makeUser({ name: "Bob Recruiter" });
  const idle = await makeUser({ name: "Idle Recruiter" });
  const x = await makeCompany({ name: "Xenon Ltd" });
  const y = await makeCompany({ name: "Yarrow plc" });
  const r1 = await makeRecovery({
    recruiterId: alice.id, companyId: x.id, scheduledAt: "2026-11-02T09:00:00Z", flaggedAt: "2026-11-02T10:00:00Z",
    severity: "serious", reasons: ["late", "nerves"], stepsDone: 4,
    requests: [{ requestedAt: "2026-11-03T09:00:00Z", response: "granted", respondedAt: "2026-11-04T10:00:00Z" }],
    hired: true,
  });
  await makeRecovery({
    recruiterId: alice.id, companyId: x.id, scheduledAt: "2026-11-05T10:00:00Z", flaggedAt: "2026-11-05T12:00:00Z",
    severity: "minor", reasons: ["nerves"], stepsDone: 1,
    requests: [{ requestedAt: "2026-11-07T12:00:00Z", response: "declined", respondedAt: "2026-11-08T12:00:00Z" }],
    closed: { reason: "rejected", at: "2026-11-15T10:00:00Z" },
  });
  const r3 = await makeRecovery({
    recruiterId: alice.id, companyId: y.id, scheduledAt: "2026-11-10T09:00:00Z", flaggedAt: "2026-11-10T10:00:00Z",
    severity: "critical", reasons: ["late"],
  });
  await makeRecovery({
    recruiterId: bob.id, companyId: x.id, scheduledAt: "2026-11-20T09:00:00Z", flaggedAt: "2026-11-20T10:00:00Z",
    severity: "serious", reasons: ["blanked"], stepsDone: 2,
    requests: [
      { requestedAt: "2026-11-20T16:00:00Z", response: "granted", respondedAt: "2026-11-22T10:00:00Z" },
      { requestedAt: "2026-11-21T10:00:00Z", response: "pending" },
    ],
    hired: true,
  });
  // Outside November, and a removed flag: neither counts in a November range.
  await makeRecovery({
    recruiterId: bob.id, companyId: y.id, scheduledAt: "2026-10-15T09:00:00Z", flaggedAt: "2026-10-15T10:00:00Z",
    severity: "minor", reasons: ["late"], hired: true,
  });
  await makeRecovery({
    recruiterId: alice.id, companyId: x.id, scheduledAt: "2026-11-12T09:00:00Z", flaggedAt: "2026-11-12T10:00:00Z",
    removed: true, hired: true,
  });
  // Not flagged, in November: three first rounds (one hired) and a second round, which the baseline leaves out.
  const ok1 = await makeInterviewAt({ recruiterId: alice.id, companyId: x.id, scheduledAt: "2026-11-03T09:00:00Z" });
  await makeInterviewAt({ recruiterId: alice.id, companyId: y.id, scheduledAt: "2026-11-04T09:00:00Z" });
  await makeInterviewAt({ recruiterId: bob.id, companyId: x.id, scheduledAt: "2026-11-06T09:00:00Z" });
  await makeInterviewAt({ recruiterId: bob.id, companyId: x.id, scheduledAt: "2026-11-07T09:00:00Z", round: "second" });
  await makeHire(ok1);
  // Emails: two sent/captured "rough_day" (one candidate later granted), one still queued (not counted).
  await makeStatsEmail({ candidateId: r1.interview.candidateId, template: "rough_day", status: "sent", createdAt: "2026-11-02T12:00:00Z" });
  await makeStatsEmail({ candidateId: r3.interview.candidateId, template: "rough_day", status: "captured", createdAt: "2026-11-10T12:00:00Z" });
  await makeStatsEmail({ candidateId: r3.interview.candidateId, template: "keep_going", status: "queued", createdAt: "2026-11-10T12:00:00Z" });
  return { alice, bob, idle, x, y };
}
