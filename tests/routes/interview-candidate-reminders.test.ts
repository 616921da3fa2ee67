// The interview page's "Remind the candidate" switch, through the route: decision 008's contract (bad input → 400
// at the field, nothing written; a refused rule → 400 with the reason; success → redirect with a toast) and what the
// loader hands the page.
import { expect, test } from "vitest";
import { jobKeys } from "~/models/jobs/kinds";
import { action, loader } from "~/routes/interviews.$interviewId";
import { prisma } from "~/utils/db.server";
import { fieldErrorsOf, makeInterview, signedIn, statusOf } from "../builders/interviews";

async function setup() {
  const session = await signedIn();
  const interview = await makeInterview({ recruiterId: session.user.id, scheduledAt: new Date(Date.now() - 3 * 3600_000) });
  const path = `/interviews/${interview.id}`;
  const act = (fields: Record<string, string | string[]>) =>
    action({ request: session.post(path, fields), params: { interviewId: interview.id }, context: {} });
  const load = async () => {
    const result = await loader({ request: session.get(path), params: { interviewId: interview.id }, context: {} });
    return result as Exclude<Awaited<ReturnType<typeof loader>>, Response>;
  };
  await act({ intent: "flag", reasons: ["late"], severity: "serious", source: "recruiter_observed" });
  const flag = await prisma.interviewFlag.findFirstOrThrow({ where: { interviewId: interview.id } });
  return { session, interview, flag, act, load };
}

const auditCount = (flagId: string) => prisma.auditEvent.count({ where: { action: "recovery.candidate_reminders_set", entityId: flagId } });

test("switching on and off through the page redirects with a toast; the loader shows the state", async () => {
  const { flag, act, load } = await setup();
  expect((await load()).candidateReminders).toMatchObject({ on: false, nextAt: null });

  const on = (await act({ intent: "set-candidate-reminders", flagId: flag.id, on: "on" })) as Response;
  expect(on.status).toBe(302);
  expect(await prisma.job.count({ where: { key: jobKeys.candidateReminder(flag.id) } })).toBe(1);
  const shown = (await load()).candidateReminders;
  expect(shown?.on).toBe(true);
  expect(shown?.nextAt).toBeInstanceOf(Date);

  expect(statusOf(await act({ intent: "set-candidate-reminders", flagId: flag.id, on: "off" }))).toBe(302);
  expect(await prisma.job.count({ where: { key: jobKeys.candidateReminder(flag.id) } })).toBe(0);
  expect((await load()).candidateReminders).toMatchObject({ on: false });
  expect(await auditCount(flag.id)).toBe(2);
});

test.each([
  ["a missing state", {}, "on"],
  ["a made-up state", { on: "maybe" }, "on"],
  ["an over-long recovery id", { on: "on", flagId: "x".repeat(200) }, "flagId"],
])("%s gives 400 at the field and changes nothing", async (_, fields, field) => {
  const { flag, act } = await setup();
  const result = await act({ intent: "set-candidate-reminders", flagId: flag.id, ...fields });
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result)[field]?.length).toBeGreaterThan(0);
  expect(await prisma.interviewFlag.findUniqueOrThrow({ where: { id: flag.id } })).toMatchObject({ remindCandidate: false });
  expect(await auditCount(flag.id)).toBe(0);
});

test("a candidate who unsubscribed: switching on is refused with the reason, and the page says why it's disabled", async () => {
  const { interview, flag, act, load } = await setup();
  await prisma.candidate.update({ where: { id: interview.candidateId }, data: { emailOptOut: true, optedOutAt: new Date() } });
  const result = await act({ intent: "set-candidate-reminders", flagId: flag.id, on: "on" });
  expect(statusOf(result)).toBe(400);
  expect(JSON.stringify(result)).toContain("unsubscribed from our emails");
  expect(await auditCount(flag.id)).toBe(0);
  expect((await load()).candidateReminders).toMatchObject({ on: false, blocked: "the candidate unsubscribed from emails" });
});

test("another interview's recovery can't be switched from this page", async () => {
  const { act } = await setup();
  const other = await setup();
  const result = await act({ intent: "set-candidate-reminders", flagId: other.flag.id, on: "on" });
  expect(statusOf(result)).toBe(400);
  expect(await prisma.interviewFlag.findUniqueOrThrow({ where: { id: other.flag.id } })).toMatchObject({ remindCandidate: false });
});
