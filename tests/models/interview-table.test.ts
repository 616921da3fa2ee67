import { beforeEach, expect, test } from "vitest";
import { listInterviews, parseInterviewQuery } from "~/models/tables/interview-table.server";
import { loader } from "~/routes/interviews._index";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { makeCompany } from "../builders/companies";
import { makeFlag } from "../builders/flags";
import { makeInterview } from "../builders/interviews";
import { makeUser } from "../builders/users";
import { signedInRequest } from "../builders/session";

const TZ = "Europe/London";
const list = (search: string) => listInterviews(parseInterviewQuery(new URLSearchParams(search)), TZ);
const roles = async (search: string) => (await list(search)).rows.map((r) => r.roleTitle);

async function interview(roleTitle: string, data: Parameters<typeof makeInterview>[0] & { round?: string; format?: string }) {
  const { round, format, ...rest } = data;
  const made = await makeInterview(rest);
  return prisma.interview.update({ where: { id: made.id }, data: { roleTitle, round: round ?? "first", format: format ?? "in_person" } });
}

let ada: { id: string };
let bob: { id: string };

beforeEach(async () => {
  await prisma.candidate.deleteMany();
  await prisma.company.deleteMany();
  await prisma.user.deleteMany();
  ada = await makeUser({ name: "Ada" });
  bob = await makeUser({ name: "Bob" });
});

test("shows newest interviews first by default, with names joined in", async () => {
  const carla = await makeCandidate({ name: "Carla", recruiterId: ada.id });
  const acme = await makeCompany({ name: "Acme" });
  await interview("Old", { candidateId: carla.id, companyId: acme.id, scheduledAt: new Date("2026-01-01T09:00:00Z") });
  await interview("New", { candidateId: carla.id, companyId: acme.id, scheduledAt: new Date("2026-06-01T09:00:00Z") });
  const { rows, total } = await list("");
  expect(total).toBe(2);
  expect(rows.map((r) => r.roleTitle)).toEqual(["New", "Old"]);
  expect(rows[0]).toMatchObject({ candidateName: "Carla", companyName: "Acme", recruiterName: "Ada", flagSeverity: null });
  expect(rows[0].scheduledAt.toISOString()).toBe("2026-06-01T09:00:00.000Z");
});

test("filters by flagged, severity, current flag reason, round, impression, recruiter, company and dates", async () => {
  const acme = await makeCompany({ name: "Acme" });
  const a = await interview("A", { recruiterId: ada.id, companyId: acme.id, round: "final", scheduledAt: new Date("2026-07-01T23:30:00Z") });
  const b = await interview("B", { recruiterId: bob.id, impression: "mixed", scheduledAt: new Date("2026-07-01T12:00:00Z") });
  const c = await interview("C", { recruiterId: bob.id, scheduledAt: new Date("2026-06-01T12:00:00Z") });
  await makeFlag(a.id, { severity: "critical", reasons: ["late", "nerves"] });
  await makeFlag(b.id, { severity: "minor", reasons: ["blanked"] });
  await makeFlag(c.id, { severity: "serious", reasons: ["late"], removedAt: new Date() });

  expect(await roles("flagged=1")).toEqual(["A", "B"]);
  expect(await roles("severity=critical")).toEqual(["A"]);
  expect(await roles("reason=late")).toEqual(["A"]);
  expect(await roles("reason=blanked&severity=minor")).toEqual(["B"]);
  // Counted from the reason's flags: a removed flag's reason doesn't count, and the other filters still apply.
  expect((await list("reason=late")).total).toBe(1);
  expect((await list("reason=late&severity=minor")).total).toBe(0);
  expect((await list(`reason=blanked&recruiter=${bob.id}`)).total).toBe(1);
  expect(await roles("round=final")).toEqual(["A"]);
  expect(await roles("impression=mixed")).toEqual(["B"]);
  expect(await roles(`recruiter=${bob.id}`)).toEqual(["B", "C"]);
  expect(await roles(`company=${acme.id}`)).toEqual(["A"]);
  // 23:30 UTC on 1 July is already 2 July in London.
  expect(await roles("from=2026-07-02&to=2026-07-02")).toEqual(["A"]);
  expect(await roles("from=2026-07-01&to=2026-07-01")).toEqual(["B"]);
  expect((await list("flagged=1&recruiter=nobody")).total).toBe(0);
});

test("sorts by candidate, company and recruiter names, and by every other column", async () => {
  const zed = await makeCandidate({ name: "Zed", recruiterId: bob.id });
  const amy = await makeCandidate({ name: "Amy", recruiterId: ada.id });
  const beta = await makeCompany({ name: "Beta" });
  const alpha = await makeCompany({ name: "Alpha" });
  await interview("Z-role", { candidateId: zed.id, companyId: alpha.id, round: "second", scheduledAt: new Date("2026-05-01T09:00:00Z") });
  await interview("A-role", { candidateId: amy.id, companyId: beta.id, round: "first", scheduledAt: new Date("2026-04-01T09:00:00Z") });
  expect(await roles("sort=candidate&dir=asc")).toEqual(["A-role", "Z-role"]);
  expect(await roles("sort=candidate&dir=desc")).toEqual(["Z-role", "A-role"]);
  expect(await roles("sort=company&dir=asc")).toEqual(["Z-role", "A-role"]);
  expect(await roles("sort=recruiter&dir=asc")).toEqual(["A-role", "Z-role"]);
  expect(await roles(`sort=recruiter&dir=desc&company=${beta.id}`)).toEqual(["A-role"]);
  expect(await roles("sort=roleTitle&dir=asc")).toEqual(["A-role", "Z-role"]);
  expect(await roles("sort=round&dir=desc")).toEqual(["Z-role", "A-role"]);
  expect(await roles("sort=scheduledAt&dir=asc")).toEqual(["A-role", "Z-role"]);
  for (const sort of ["format", "impression", "flagSeverity"]) expect((await list(`sort=${sort}`)).rows).toHaveLength(2);
});

test("paging walks every interview exactly once, and a page past the end shows the last page", async () => {
  const carla = await makeCandidate({ name: "Carla", recruiterId: ada.id });
  // Same time for all: the rowid tie-break must still give a stable order across pages.
  for (let n = 0; n < 30; n++) await interview(`R${n}`, { candidateId: carla.id, scheduledAt: new Date("2026-03-01T09:00:00Z") });
  const one = await list("pageSize=25");
  const two = await list("pageSize=25&page=2");
  expect(one.rows).toHaveLength(25);
  expect(two.rows).toHaveLength(5);
  expect(new Set([...one.rows, ...two.rows].map((r) => r.id)).size).toBe(30);
  expect((await list("page=50")).page).toBe(2);
});

test("the page loader ignores nonsense params", async () => {
  await interview("Only", { recruiterId: ada.id });
  const request = await signedInRequest(ada.id, "http://localhost/interviews?sort=1;DROP&severity=x&reason=y&from=2026-02-30&pageSize=-1");
  const result = await loader({ request, params: {}, context: {} });
  expect(result.view).toMatchObject({ sort: "scheduledAt", direction: "desc", pageSize: 25 });
  expect(result.rows.map((r) => r.roleTitle)).toEqual(["Only"]);
});
