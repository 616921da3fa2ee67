import { beforeEach, expect, test } from "vitest";
import { reassignQuestion } from "~/components/reassign-confirmation";
import { planReassign } from "~/models/tables/candidate-table.server";
import { action } from "~/routes/candidates._index";
import { prisma } from "~/utils/db.server";
import { buttonFormErrors, type FormReply } from "~/utils/form-reply";
import { makeCandidate } from "../builders/candidates";
import { signedInRequest } from "../builders/session";
import { makeUser } from "../builders/users";

let me: { id: string };
let jamie: { id: string };
let kim: { id: string };

beforeEach(async () => {
  await prisma.auditEvent.deleteMany();
  await prisma.candidate.deleteMany();
  await prisma.user.deleteMany();
  me = await makeUser({ name: "Rita Recruiter" });
  jamie = await makeUser({ name: "Jamie Osei" });
  kim = await makeUser({ name: "Kim Lee" });
});

const post = async (pairs: [string, string][]) => {
  const request = await signedInRequest(me.id, "http://localhost/candidates?index&status=open", { method: "POST", body: new URLSearchParams(pairs) });
  return (await action({ request, params: {}, context: {} })) as unknown;
};
const ids = (list: { id: string }[]) => list.map((c): [string, string] => ["candidateIds", c.id]);
type Plan = Awaited<ReturnType<typeof planReassign>>;

test("the review names whose candidates move to whom, and moves nothing", async () => {
  const ann = await makeCandidate({ name: "Ann", recruiterId: jamie.id });
  const ben = await makeCandidate({ name: "Ben", recruiterId: jamie.id });
  const reply = (await post([["intent", "review-reassign"], ["recruiterId", me.id], ...ids([ann, ben])])) as { reassignPlan: Plan };
  const plan = reply.reassignPlan;
  expect(reassignQuestion(plan, me.id)).toBe("Move 2 of Jamie Osei’s candidates to you?");
  expect(plan.moving).toEqual([{ ownerId: jamie.id, ownerName: "Jamie Osei", candidates: [{ id: ann.id, name: "Ann" }, { id: ben.id, name: "Ben" }] }]);
  expect(await prisma.candidate.count({ where: { recruiterId: jamie.id } })).toBe(2);
  expect(await prisma.auditEvent.count()).toBe(0);
});

test("the question reads right for several owners, one's own candidates and a colleague as the target", async () => {
  const ann = await makeCandidate({ name: "Ann", recruiterId: jamie.id });
  const cat = await makeCandidate({ name: "Cat", recruiterId: kim.id });
  const mine = await makeCandidate({ name: "Mine", recruiterId: me.id });
  const several = await planReassign({ candidateIds: [ann.id, cat.id, mine.id], recruiterId: me.id }, { userId: me.id });
  expect(reassignQuestion(several, me.id)).toBe("Move 2 candidates to you?");
  expect(several.unchanged).toEqual([{ id: mine.id, name: "Mine" }]);
  const givingAway = await planReassign({ candidateIds: [mine.id], recruiterId: kim.id }, { userId: me.id });
  expect(reassignQuestion(givingAway, me.id)).toBe("Move 1 of your candidates to Kim Lee?");
  const nothing = await planReassign({ candidateIds: [mine.id], recruiterId: me.id }, { userId: me.id });
  expect(reassignQuestion(nothing, me.id)).toBe(null);
});

test("a hand-made request without the confirmation step, or with a forged one, moves nothing", async () => {
  const ann = await makeCandidate({ name: "Ann", recruiterId: jamie.id });
  for (const extra of [[], [["confirmation", "forged"]]] as [string, string][][]) {
    const refused = (await post([["intent", "reassign"], ["recruiterId", me.id], ...ids([ann]), ...extra])) as { init: ResponseInit | null; data: FormReply };
    expect(refused.init?.status).toBe(400);
    expect(buttonFormErrors(refused.data)?.join(" ")).toMatch(/Review the move|changed since you reviewed/);
  }
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: ann.id } })).recruiterId).toBe(jamie.id);
  expect(await prisma.auditEvent.count()).toBe(0);
});

test("confirming moves them, and each previous owner gets an event about them naming what left", async () => {
  const ann = await makeCandidate({ name: "Ann", recruiterId: jamie.id });
  const ben = await makeCandidate({ name: "Ben", recruiterId: jamie.id });
  const cat = await makeCandidate({ name: "Cat", recruiterId: kim.id });
  const { reassignPlan } = (await post([["intent", "review-reassign"], ["recruiterId", me.id], ...ids([ann, ben, cat])])) as { reassignPlan: Plan };
  const done = (await post([
    ["intent", "reassign"],
    ["recruiterId", me.id],
    ["confirmation", reassignPlan.confirmation],
    ...ids([ann, ben, cat]),
  ])) as Response;
  expect(done.status).toBe(302);
  expect(done.headers.get("Location")).toBe("/candidates?status=open");
  expect(await prisma.candidate.count({ where: { recruiterId: me.id } })).toBe(3);
  const events = await prisma.auditEvent.findMany({ where: { action: "candidates.bulk_reassigned" } });
  const byOwner = Object.fromEntries(events.map((e) => [e.entityId, { actorId: e.actorId, after: JSON.parse(e.after!) }]));
  expect(byOwner[jamie.id]).toEqual({
    actorId: me.id,
    after: { previousOwnerId: jamie.id, toRecruiterId: me.id, toRecruiterName: "Rita Recruiter", candidateIds: [ann.id, ben.id], count: 2 },
  });
  expect(byOwner[kim.id].after).toMatchObject({ previousOwnerId: kim.id, candidateIds: [cat.id], count: 1 });
  expect(events).toHaveLength(2);
  // Each candidate's own timeline event is still written.
  expect(await prisma.auditEvent.count({ where: { action: "candidate.reassigned" } })).toBe(3);
});

test("a confirmation is refused when an owner changed after the review", async () => {
  const ann = await makeCandidate({ name: "Ann", recruiterId: jamie.id });
  const plan = await planReassign({ candidateIds: [ann.id], recruiterId: me.id }, { userId: me.id });
  await prisma.candidate.update({ where: { id: ann.id }, data: { recruiterId: kim.id } });
  const refused = (await post([["intent", "reassign"], ["recruiterId", me.id], ["confirmation", plan.confirmation], ...ids([ann])])) as {
    init: ResponseInit | null;
    data: FormReply;
  };
  expect(refused.init?.status).toBe(400);
  expect(buttonFormErrors(refused.data)).toEqual(["These candidates changed since you reviewed the move. Review it again."]);
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: ann.id } })).recruiterId).toBe(kim.id);
});
