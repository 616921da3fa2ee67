// Walks every route that takes a candidate, interview or email id (found by file name, so a new route is walked
// too) and every list, search, count and export, as a recruiter of another team, with the agency setting on and off.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { makeEmail } from "../builders/emails";
import { makeInterview } from "../builders/interviews";
import { makeSecondInterviewRequest } from "../builders/second-interviews";
import { makeUser } from "../builders/users";
import { signedInRequest } from "../builders/session";

type RouteModule = {
  loader?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
  action?: (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
};

const idRoutes = readdirSync(path.resolve("app/routes"))
  .filter((file) => /\$(candidateId|interviewId|emailId)/.test(file))
  .map((file) => file.replace(/\.tsx?$/, ""));

let owner: { id: string };
let other: { id: string };
let manager: { id: string };
let ids: { candidateId: string; interviewId: string; emailId: string; candidateName: string };
let mine: { candidateName: string };

beforeAll(async () => {
  owner = await makeUser({ name: "Owner Olsen" });
  other = await makeUser({ name: "Other Okafor" });
  manager = await makeUser({ role: "manager" });
  const candidate = await makeCandidate({ recruiterId: owner.id, name: "Hidden Hannah", email: "hidden.hannah@example.net" });
  const interview = await makeInterview({ candidateId: candidate.id });
  await makeSecondInterviewRequest(interview.id, {});
  const email = await makeEmail(candidate.id, { sentById: owner.id });
  ids = { candidateId: candidate.id, interviewId: interview.id, emailId: email.id, candidateName: candidate.name };
  const own = await makeCandidate({ recruiterId: other.id, name: "Visible Victor", email: "visible.victor@example.net" });
  await makeInterview({ candidateId: own.id });
  mine = { candidateName: own.name };
});

async function setOwnCandidatesOnly(on: boolean) {
  await prisma.agency.upsert({
    where: { id: 1 },
    create: { id: 1, recruitersSeeOwnCandidatesOnly: on },
    update: { recruitersSeeOwnCandidatesOnly: on },
  });
}

/** The status of what a loader or action answered or threw; 200 for plain data. */
async function statusOf(run: () => Promise<unknown> | undefined) {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    const init = (result as { init?: ResponseInit | null } | null)?.init;
    return init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

function urlFor(route: string) {
  const pathname = route
    .replace("$candidateId", ids.candidateId)
    .replace("$interviewId", ids.interviewId)
    .replace("$emailId", ids.emailId)
    .replace(/_(?=\.|$)/g, "")
    .replaceAll(".", "/");
  return `http://localhost/${pathname}`;
}

async function walk(route: string, userId: string) {
  const mod = (await import(`../../app/routes/${route}.tsx`).catch(() => import(`../../app/routes/${route}.ts`))) as RouteModule;
  const params = { candidateId: ids.candidateId, interviewId: ids.interviewId, emailId: ids.emailId };
  const statuses: { loader?: number; action?: number } = {};
  if (mod.loader) {
    const request = await signedInRequest(userId, urlFor(route));
    statuses.loader = await statusOf(() => mod.loader!({ request, params, context: {} }));
  }
  if (mod.action) {
    // An empty form: whatever the action would do, access is decided before it reads anything.
    const request = await signedInRequest(userId, urlFor(route), { method: "POST", body: new URLSearchParams() });
    statuses.action = await statusOf(() => mod.action!({ request, params, context: {} }));
  }
  return statuses;
}

test("the walk finds the routes that take an id", () => {
  expect(idRoutes).toEqual(
    expect.arrayContaining([
      "candidates.$candidateId",
      "interviews.$interviewId",
      "interviews.$interviewId_.email",
      "emails.$emailId",
    ]),
  );
});

describe("recruiters see only their own candidates", () => {
  beforeAll(() => setOwnCandidatesOnly(true));

  test.each(idRoutes)("%s answers 404 to a recruiter who does not own the candidate", async (route) => {
    const statuses = await walk(route, other.id);
    for (const status of Object.values(statuses)) expect(status).toBe(404);
  });

  test.each(idRoutes)("%s still works for the owner and for a manager", async (route) => {
    for (const userId of [owner.id, manager.id]) {
      const statuses = await walk(route, userId);
      for (const status of Object.values(statuses)) expect(status).not.toBe(404);
    }
  });

  test("lists, counts, CSV exports and the search leave out other recruiters' candidates", async () => {
    const seen = await everythingSeenBy(other.id);
    for (const [where, text] of Object.entries(seen)) {
      expect(text, where).not.toContain(ids.candidateName);
      expect(text, where).not.toContain("hidden.hannah@example.net");
    }
    expect(seen.candidates).toContain(mine.candidateName);
    expect(seen.interviews).toContain(mine.candidateName);
    expect(JSON.parse(seen.candidates).total).toBe(1);
    expect(JSON.parse(seen.interviews).total).toBe(1);
    expect(JSON.parse(seen.emails).total).toBe(0);
  });

  test("bulk actions and logging an interview refuse a candidate out of reach, and change nothing", async () => {
    const { action } = await import("~/routes/candidates._index");
    const body = new URLSearchParams([
      ["intent", "reassign"],
      ["candidateIds", ids.candidateId],
      ["recruiterId", other.id],
    ]);
    const request = await signedInRequest(other.id, "http://localhost/candidates?index", { method: "POST", body });
    expect(await statusOf(() => action({ request, params: {}, context: {} }))).toBe(404);
    expect((await prisma.candidate.findUniqueOrThrow({ where: { id: ids.candidateId } })).recruiterId).toBe(owner.id);

    const log = await import("~/routes/interviews.new");
    const before = await prisma.interview.count({ where: { candidateId: ids.candidateId } });
    const form = logForm();
    const logRequest = await signedInRequest(other.id, "http://localhost/interviews/new", { method: "POST", body: form });
    expect(await statusOf(() => log.action({ request: logRequest, params: {}, context: {} }))).toBe(400);
    expect(await prisma.interview.count({ where: { candidateId: ids.candidateId } })).toBe(before);
  });
});

describe("the shared pool (the default)", () => {
  beforeAll(() => setOwnCandidatesOnly(false));

  test.each(idRoutes)("%s lets any recruiter in", async (route) => {
    const statuses = await walk(route, other.id);
    expect(Object.keys(statuses).length).toBeGreaterThan(0);
    for (const status of Object.values(statuses)) expect(status).not.toBe(404);
  });

  test("lists, exports and the search show every candidate", async () => {
    const seen = await everythingSeenBy(other.id);
    for (const [where, text] of Object.entries(seen)) {
      if (where === "emails" || where === "emailsCsv") continue;
      expect(text, where).toContain(ids.candidateName);
    }
    expect(seen.emails).toContain("hidden.hannah@example.net");
  });

  test("any recruiter logs an interview for any candidate", async () => {
    const log = await import("~/routes/interviews.new");
    const before = await prisma.interview.count({ where: { candidateId: ids.candidateId } });
    const request = await signedInRequest(other.id, "http://localhost/interviews/new", { method: "POST", body: logForm() });
    const result = await log.action({ request, params: {}, context: {} });
    expect(result instanceof Response ? result.status : JSON.stringify(result)).toBe(302);
    expect(await prisma.interview.count({ where: { candidateId: ids.candidateId } })).toBe(before + 1);
  });
});

function logForm() {
  return new URLSearchParams({
    candidateMode: "existing",
    candidateQuery: "hidden.hannah@example.net",
    companyName: "Acme",
    roleTitle: "Analyst",
    round: "first",
    format: "video",
    scheduledAt: "2026-11-20T10:00",
    impression: "unknown",
  });
}

/** What a user gets from every list, export and search, as text. */
async function everythingSeenBy(userId: string) {
  const candidates = await import("~/routes/candidates._index");
  const candidatesCsv = await import("~/routes/candidates[.]csv");
  const interviews = await import("~/routes/interviews._index");
  const interviewsCsv = await import("~/routes/interviews[.]csv");
  const emails = await import("~/routes/emails._index");
  const search = await import("~/routes/resources.candidate-search");
  const get = async (url: string) => signedInRequest(userId, `http://localhost${url}`);
  const args = async (url: string) => ({ request: await get(url), params: {}, context: {} });
  return {
    // "Everyone": a recruiter's bare table opens on their own candidates (app/models/tables/ownership.ts).
    candidates: JSON.stringify(await candidates.loader(await args("/candidates?who=all"))),
    candidatesCsv: await (await candidatesCsv.loader(await args("/candidates.csv"))).text(),
    interviews: JSON.stringify(await interviews.loader(await args("/interviews?who=all"))),
    interviewsCsv: await (await interviewsCsv.loader(await args("/interviews.csv"))).text(),
    emails: JSON.stringify(await emails.loader(await args("/emails"))),
    search: JSON.stringify(await search.loader(await args("/resources/candidate-search?q=hidden"))),
  };
}
