import { beforeEach, expect, test } from "vitest";
import { buttonFormErrors, type FormReply } from "~/utils/form-reply";
import { listCandidates, parseCandidateQuery, reassignCandidates } from "~/models/tables/candidate-table.server";
import { action, loader } from "~/routes/candidates._index";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { makeCompany } from "../builders/companies";
import { makeFlag } from "../builders/flags";
import { makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";
import { signedInRequest } from "../builders/session";

const TZ = "Europe/London";
const list = (search: string) => listCandidates(parseCandidateQuery(new URLSearchParams(search)), TZ);
const names = async (search: string) => (await list(search)).rows.map((r) => r.name);

let ada: { id: string };
let bob: { id: string };

beforeEach(async () => {
  await prisma.auditEvent.deleteMany();
  await prisma.candidate.deleteMany();
  await prisma.company.deleteMany();
  await prisma.user.deleteMany();
  ada = await makeUser({ name: "Ada Recruiter" });
  bob = await makeUser({ name: "Bob Recruiter" });
});

test("searches name, email or phone through the search index, case-insensitively, with % and _ matching themselves", async () => {
  await makeCandidate({ name: "Carla Jones", email: "carla@example.net", recruiterId: ada.id });
  await makeCandidate({ name: "Dev Patel", email: "dev.jones@example.net", phone: "07700 900123", recruiterId: ada.id });
  await makeCandidate({ name: "Eve 100% Ready", email: "eve_r@example.net", recruiterId: ada.id });
  expect(await names("q=JONES")).toEqual(["Carla Jones", "Dev Patel"]);
  expect(await names("q=100%25")).toEqual(["Eve 100% Ready"]);
  expect(await names("q=e_r")).toEqual(["Eve 100% Ready"]);
  expect(await names("q=900123")).toEqual(["Dev Patel"]);
  // Every word must match, in any order.
  expect(await names("q=jones carla")).toEqual(["Carla Jones"]);
  // Too short to search: the page says so at the field, and nothing is filtered.
  expect(await names("q=_")).toHaveLength(3);
});

test("filters by recruiter, status, open flags, client company and interview dates in the agency zone", async () => {
  const acme = await makeCompany({ name: "Acme" });
  const other = await makeCompany({ name: "Other" });
  const carla = await makeCandidate({ name: "Carla", recruiterId: ada.id, status: "recovering" });
  const dev = await makeCandidate({ name: "Dev", recruiterId: bob.id });
  await makeCandidate({ name: "Finn", recruiterId: bob.id, status: "hired" });
  // 23:30 UTC on 1 July is 00:30 on 2 July in London (BST).
  const late = await makeInterview({ candidateId: carla.id, companyId: acme.id, scheduledAt: new Date("2026-07-01T23:30:00Z") });
  await makeInterview({ candidateId: dev.id, companyId: other.id, scheduledAt: new Date("2026-07-01T12:00:00Z") });
  await makeFlag(late.id);

  expect(await names(`recruiter=${bob.id}`)).toEqual(["Dev", "Finn"]);
  expect(await names("status=hired")).toEqual(["Finn"]);
  expect(await names("flagged=1")).toEqual(["Carla"]);
  expect(await names(`company=${acme.id}`)).toEqual(["Carla"]);
  expect(await names("from=2026-07-02&to=2026-07-02")).toEqual(["Carla"]);
  expect(await names("from=2026-07-01&to=2026-07-01")).toEqual(["Dev"]);
  expect(await names(`company=${other.id}&from=2026-07-02`)).toEqual([]);
  expect((await list("status=recovering&flagged=1")).total).toBe(1);
});

test("sorts on every column, both ways, with the recruiter's name", async () => {
  await makeCandidate({ name: "Zed", email: "a@example.net", recruiterId: ada.id });
  await makeCandidate({ name: "Amy", email: "z@example.net", recruiterId: bob.id });
  await makeCandidate({ name: "Max", email: "m@example.net", recruiterId: ada.id });
  expect(await names("sort=name&dir=asc")).toEqual(["Amy", "Max", "Zed"]);
  expect(await names("sort=name&dir=desc")).toEqual(["Zed", "Max", "Amy"]);
  expect(await names("sort=email&dir=asc")).toEqual(["Zed", "Max", "Amy"]);
  expect(await names("sort=recruiter&dir=asc")).toEqual(["Max", "Zed", "Amy"]);
  expect(await names("sort=recruiter&dir=desc")).toEqual(["Amy", "Zed", "Max"]);
  expect(await names(`sort=recruiter&dir=asc&recruiter=${ada.id}`)).toEqual(["Max", "Zed"]);
  for (const sort of ["phone", "status", "lastInterviewAt", "openFlagCount", "createdAt"]) {
    expect((await list(`sort=${sort}&dir=desc`)).rows).toHaveLength(3);
  }
});

test("sorts by last interview and open flags from the summary columns", async () => {
  const old = await makeCandidate({ name: "Old", recruiterId: ada.id });
  const recent = await makeCandidate({ name: "Recent", recruiterId: ada.id });
  await makeInterview({ candidateId: old.id, scheduledAt: new Date("2026-01-01T10:00:00Z") });
  const i = await makeInterview({ candidateId: recent.id, scheduledAt: new Date("2026-06-01T10:00:00Z") });
  await makeFlag(i.id);
  expect(await names("sort=lastInterviewAt&dir=desc")).toEqual(["Recent", "Old"]);
  expect(await names("sort=openFlagCount&dir=asc")).toEqual(["Old", "Recent"]);
});

test("pages hold exactly pageSize rows, and a page past the end shows the last page", async () => {
  for (let n = 0; n < 27; n++) await makeCandidate({ name: `Cand ${String(n).padStart(2, "0")}`, recruiterId: ada.id });
  const first = await list("");
  expect(first.rows).toHaveLength(25);
  expect(first.total).toBe(27);
  const second = await list("page=2");
  expect(second.rows.map((r) => r.name)).toEqual(["Cand 25", "Cand 26"]);
  const beyond = await list("page=9");
  expect(beyond.page).toBe(2);
  expect(beyond.rows).toHaveLength(2);
  expect((await list("pageSize=50")).rows).toHaveLength(27);
});

test("the page loader answers nonsense params with the default view, not an error", async () => {
  await makeCandidate({ name: "Only", recruiterId: ada.id });
  const request = await signedInRequest(ada.id, "http://localhost/candidates?sort=drop&dir=up&page=x&pageSize=3&status=%00&from=never&cols=evil");
  const result = await loader({ request, params: {}, context: {} });
  expect(result.view).toMatchObject({ sort: "name", direction: "asc", page: 1, pageSize: 25 });
  expect(result.rows.map((r) => r.name)).toEqual(["Only"]);
  expect(result.csvHref).toContain("/candidates.csv?");
});

test("bulk reassign moves the selected candidates in one go, each with an audit event", async () => {
  const carla = await makeCandidate({ name: "Carla", recruiterId: ada.id });
  const dev = await makeCandidate({ name: "Dev", recruiterId: ada.id });
  const already = await makeCandidate({ name: "Already", recruiterId: bob.id });
  const result = await reassignCandidates({ candidateIds: [carla.id, dev.id, already.id], recruiterId: bob.id }, { userId: ada.id });
  expect(result.moved).toBe(2);
  expect(result.unchanged).toBe(1);
  const owners = await prisma.candidate.findMany({ select: { recruiterId: true } });
  expect(owners.every((o) => o.recruiterId === bob.id)).toBe(true);
  const events = await prisma.auditEvent.findMany({ where: { action: "candidate.reassigned" }, orderBy: { entityId: "asc" } });
  expect(events.map((e) => e.candidateId).sort()).toEqual([carla.id, dev.id].sort());
  expect(JSON.parse(events[0].before!)).toEqual({ recruiterId: ada.id, recruiterName: "Ada Recruiter" });
  expect(JSON.parse(events[0].after!)).toEqual({ recruiterId: bob.id, recruiterName: "Bob Recruiter", interviewsMoved: 0 });
});

test("a recruiter posts selected ids to the page and gets a toast with the count", async () => {
  const carla = await makeCandidate({ name: "Carla", recruiterId: ada.id });
  const dev = await makeCandidate({ name: "Dev", recruiterId: ada.id });
  const selection: [string, string][] = [["candidateIds", carla.id], ["candidateIds", dev.id], ["recruiterId", bob.id]];
  // The move is asked for first (tests/models/bulk-reassign.test.ts); the confirmation carries the review's key.
  const review = new URLSearchParams([["intent", "review-reassign"], ...selection]);
  const reviewRequest = await signedInRequest(ada.id, "http://localhost/candidates?index&status=open&page=2", { method: "POST", body: review });
  const { reassignPlan } = (await action({ request: reviewRequest, params: {}, context: {} })) as { reassignPlan: { confirmation: string } };
  const body = new URLSearchParams([["intent", "reassign"], ...selection, ["confirmation", reassignPlan.confirmation]]);
  const request = await signedInRequest(ada.id, "http://localhost/candidates?index&status=open&page=2", { method: "POST", body });
  const response = (await action({ request, params: {}, context: {} })) as Response;
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe("/candidates?status=open&page=2");
  expect(await prisma.candidate.count({ where: { recruiterId: bob.id } })).toBe(2);
  expect(await prisma.auditEvent.count({ where: { action: "candidate.reassigned", actorId: ada.id } })).toBe(2);
});

test("reassigning with no selection, an unknown recruiter or a vanished candidate writes nothing", async () => {
  const carla = await makeCandidate({ name: "Carla", recruiterId: ada.id });
  const post = async (pairs: [string, string][]) => {
    const request = await signedInRequest(ada.id, "http://localhost/candidates?index", { method: "POST", body: new URLSearchParams(pairs) });
    const refused = (await action({ request, params: {}, context: {} })) as unknown as { init: ResponseInit | null; data: FormReply };
    return { ...refused, data: { error: buttonFormErrors(refused.data)?.join(" ") } };
  };
  const none = await post([["intent", "reassign"], ["recruiterId", bob.id]]);
  expect(none.init?.status).toBe(400);
  expect(none.data.error).toBe("Select at least one candidate.");
  const unknown = await post([["intent", "reassign"], ["candidateIds", carla.id], ["recruiterId", "nobody"]]);
  expect(unknown.data.error).toBe("Choose an active recruiter.");
  const vanished = await post([["intent", "reassign"], ["candidateIds", carla.id], ["candidateIds", "gone"], ["recruiterId", bob.id]]);
  expect(vanished.init?.status).toBe(400);
  expect(await prisma.candidate.count({ where: { recruiterId: bob.id } })).toBe(0);
  expect(await prisma.auditEvent.count({ where: { action: "candidate.reassigned" } })).toBe(0);
});
