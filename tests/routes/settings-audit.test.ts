// Settings → Audit log: managers only (page and CSV); newest first; filters by actor, kind, candidate and days in
// the agency's zone; paginated in the database; bad parameters fall back to no filter; an erased candidate's personal
// data reads "erased"; the CSV holds exactly the filtered events.
import { beforeAll, expect, test } from "vitest";
import { loader } from "~/routes/settings.audit";
import { loader as csvLoader } from "~/routes/settings.audit[.]csv";
import { eraseCandidate } from "~/models/privacy/erase.server";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { signedInRequest } from "../builders/session";
import { makeUser } from "../builders/users";

let managerId: string;
let recruiterId: string;
let priyaId: string;
let erasedId: string;

async function event(at: string, action: string, extra: { actorId?: string; actorLabel?: string; candidateId?: string; after?: object } = {}) {
  await prisma.auditEvent.create({
    data: {
      at: new Date(at),
      action,
      entityType: "Candidate",
      entityId: extra.candidateId ?? "x",
      actorId: extra.actorId ?? null,
      actorLabel: extra.actorLabel ?? null,
      candidateId: extra.candidateId ?? null,
      after: extra.after ? JSON.stringify(extra.after) : null,
    },
  });
}

beforeAll(async () => {
  await prisma.agency.upsert({ where: { id: 1 }, create: { id: 1, timeZone: "America/New_York" }, update: { timeZone: "America/New_York" } });
  managerId = (await makeUser({ role: "manager", name: "Morgan Reyes" })).id;
  recruiterId = (await makeUser({ name: "Riley Chen" })).id;
  priyaId = (await makeCandidate({ name: "Priya Raman", email: "priya.audit@example.net", recruiterId })).id;
  erasedId = (await makeCandidate({ name: "Gone Forever", email: "gone.audit@example.net", recruiterId })).id;
  // 2026-11-10 03:00 UTC is still 9 November in New York.
  await event("2026-11-10T03:00:00Z", "candidate.updated", { actorId: recruiterId, candidateId: priyaId, after: { status: "hired" } });
  await event("2026-11-10T15:00:00Z", "candidate.updated", { actorId: managerId, candidateId: priyaId, after: { phone: "=HYPERLINK(1)" } });
  await event("2026-11-11T15:00:00Z", "retention.ran", { actorLabel: "system", after: { candidatesErased: 0, emailBodiesStripped: 0, candidateMonths: 24, emailBodyMonths: 12 } });
  await event("2026-11-12T15:00:00Z", "candidate.created", {
    actorId: recruiterId,
    candidateId: erasedId,
    after: { name: "Gone Forever", email: "gone.audit@example.net", phone: null, linkedinUrl: null },
  });
  for (let i = 0; i < 30; i++) await event(`2026-10-0${(i % 9) + 1}T12:00:00Z`, "saved_view.created", { actorId: recruiterId });
  await eraseCandidate(erasedId, { reason: "candidate_request" }, { userId: managerId }, new Date("2026-11-13T15:00:00Z"));
});

async function load(search: string, userId = managerId) {
  const request = await signedInRequest(userId, `http://localhost/settings/audit${search}`);
  return loader({ request, params: {}, context: {} });
}

test("recruiters get 403 on the page and the CSV", async () => {
  await expect(load("", recruiterId)).rejects.toMatchObject({ status: 403 });
  const request = await signedInRequest(recruiterId, "http://localhost/settings/audit.csv");
  await expect(csvLoader({ request, params: {}, context: {} })).rejects.toMatchObject({ status: 403 });
});

test("newest first, paginated in the database", async () => {
  const first = await load("?pageSize=25");
  expect(first.total).toBe(35);
  expect(first.rows).toHaveLength(25);
  expect(first.rows[0].action).toBe("candidate.erased");
  const times = first.rows.map((r) => new Date(r.at).getTime());
  expect([...times].sort((a, b) => b - a)).toEqual(times);
  const second = await load("?pageSize=25&page=2");
  expect(second.page).toBe(2);
  expect(second.rows).toHaveLength(10);
  expect(second.rows.map((r) => r.id)).not.toContain(first.rows[0].id);
});

test("filters by actor, by an actor without an account, by kind, by candidate and by days in the agency's zone", async () => {
  expect((await load(`?actor=${managerId}`)).rows.map((r) => r.action).sort()).toEqual(["candidate.erased", "candidate.updated"]);
  expect((await load("?actor=system")).rows.map((r) => r.action)).toEqual(["retention.ran"]);
  expect((await load("?kind=retention.ran")).total).toBe(1);
  expect((await load(`?candidate=${priyaId}`)).total).toBe(2);
  expect((await load("?who=priya.audit@example.net")).total).toBe(2);
  const unknown = await load("?who=nobody@example.net");
  expect(unknown).toMatchObject({ total: 0, unknownCandidate: true });
  // 10 November in New York: the 15:00 UTC event, not the 03:00 UTC one (still the 9th there).
  const tenth = await load("?from=2026-11-10&to=2026-11-10");
  expect(tenth.rows.map((r) => r.change)).toEqual(["phone: =HYPERLINK(1)"]);
});

test("bad parameters mean no filter, never an error", async () => {
  const result = await load("?kind=drop.table&actor=%27;--&from=yesterday&page=-4&pageSize=7");
  expect(result).toMatchObject({ total: 35, page: 1, pageSize: 50 });
});

test("an erased candidate's events show their personal data as erased", async () => {
  const rows = (await load(`?candidate=${erasedId}`)).rows;
  const created = rows.find((r) => r.action === "candidate.created")!;
  expect(created.change).toBe("name: erased; email: erased; phone: none; linkedinUrl: none");
  expect(created.candidate).toMatchObject({ erased: true, name: expect.stringMatching(/^Erased candidate #/) });
  expect(JSON.stringify(rows)).not.toMatch(/Gone Forever|gone\.audit/);
});

test("the CSV holds exactly the filtered events", async () => {
  const request = await signedInRequest(managerId, `http://localhost/settings/audit.csv?candidate=${priyaId}`);
  const response = await csvLoader({ request, params: {}, context: {} });
  expect(response.headers.get("Content-Type")).toMatch(/text\/csv/);
  const text = await response.text();
  const lines = text.trim().split(/\r?\n/);
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(/^When \(UTC\),When \(America\/New_York\),Who,Kind/);
  expect(text).toContain("Morgan Reyes");
  expect(text).toContain("phone: =HYPERLINK(1)");
});
