import { beforeEach, describe, expect, test } from "vitest";
import { effectiveTableParams, ownershipLinks } from "~/models/tables/ownership";
import { interviewsLinkFor } from "~/models/stats/recovery-filters";
import { candidateFilterParams, interviewFilterParams } from "~/models/tables/table-columns";
import { loader as candidatesLoader } from "~/routes/candidates._index";
import { loader as interviewsLoader } from "~/routes/interviews._index";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { makeFlag } from "../builders/flags";
import { makeInterview } from "../builders/interviews";
import { signedInRequest } from "../builders/session";
import { makeUser } from "../builders/users";

const recruiter = { id: "rec1", role: "recruiter" };
const manager = { id: "man1", role: "manager" };
const effective = (search: string, user = recruiter) =>
  effectiveTableParams(new URLSearchParams(search), { user, ownerParam: "recruiter", filterParams: candidateFilterParams }).toString();

describe("the default-mine rule", () => {
  test("a recruiter's table with no filter and no choice opens on their own rows; sort, page and columns keep it", () => {
    expect(effective("")).toBe("recruiter=rec1");
    expect(effective("sort=email&page=2&cols=name")).toBe("sort=email&page=2&cols=name&recruiter=rec1");
  });

  test("managers open on the whole agency", () => {
    expect(effective("", manager)).toBe("");
  });

  test("an explicit choice in the URL wins, and any filter from a link elsewhere means exactly what it says", () => {
    expect(effective("who=all")).toBe("who=all");
    expect(effective("who=mine&recruiter=someone")).toBe("recruiter=rec1");
    expect(effective("who=mine", manager)).toBe("recruiter=man1");
    expect(effective("status=recovering")).toBe("status=recovering");
    expect(effective("recruiter=someone")).toBe("recruiter=someone");
    // An empty filter field (a submitted form's "Any") is no filter.
    expect(effective("status=")).toBe("status=&recruiter=rec1");
  });

  test("the switch links: Mine sets the filter, Everyone clears it; the active one is marked, neither for a colleague", () => {
    const mine = ownershipLinks(new URLSearchParams("recruiter=rec1&status=open&page=3"), "rec1", "recruiter");
    expect(mine).toEqual({ mineHref: "?recruiter=rec1&status=open", everyoneHref: "?status=open&who=all", current: "mine" });
    expect(ownershipLinks(new URLSearchParams("who=all"), "rec1", "recruiter").current).toBe("all");
    expect(ownershipLinks(new URLSearchParams("recruiter=other"), "rec1", "recruiter").current).toBe(null);
  });
});

describe("the tables' pages", () => {
  let ada: { id: string };
  let bob: { id: string };
  beforeEach(async () => {
    await prisma.candidate.deleteMany();
    await prisma.company.deleteMany();
    await prisma.user.deleteMany();
    ada = await makeUser({ name: "Ada" });
    bob = await makeUser({ name: "Bob" });
  });
  const load = async (userId: string, url: string, load = candidatesLoader) =>
    load({ request: await signedInRequest(userId, `http://localhost${url}`), params: {}, context: {} });

  test("/candidates opens on My candidates for a recruiter, one link from Everyone; a manager sees everyone", async () => {
    await makeCandidate({ name: "Ada's", recruiterId: ada.id });
    await makeCandidate({ name: "Bob's", recruiterId: bob.id });
    const mine = await load(ada.id, "/candidates");
    expect(mine.rows.map((r) => r.name)).toEqual(["Ada's"]);
    expect(mine.filters.recruiter).toBe(ada.id);
    expect(mine.ownership.current).toBe("mine");
    expect(mine.csvHref).toBe(`/candidates.csv?recruiter=${ada.id}`);

    const everyone = await load(ada.id, `/candidates${mine.ownership.everyoneHref}`);
    expect(everyone.rows.map((r) => r.name)).toEqual(["Ada's", "Bob's"]);
    expect(everyone.ownership.current).toBe("all");

    const boss = await makeUser({ role: "manager" });
    expect((await load(boss.id, "/candidates")).rows).toHaveLength(2);
  });

  test("/interviews opens on the interviews the recruiter handles", async () => {
    await makeInterview({ recruiterId: ada.id, roleTitle: "Ada's role" });
    await makeInterview({ recruiterId: bob.id, roleTitle: "Bob's role" });
    const mine = await load(ada.id, "/interviews", interviewsLoader as unknown as typeof candidatesLoader);
    expect((mine.rows as unknown as { roleTitle: string }[]).map((r) => r.roleTitle)).toEqual(["Ada's role"]);
    const all = await load(ada.id, "/interviews?who=all", interviewsLoader as unknown as typeof candidatesLoader);
    expect(all.rows).toHaveLength(2);
  });

  test("a stats figure link still lands a recruiter on the rows it counts, their own candidates' flags in range", async () => {
    const adasCandidate = await makeCandidate({ name: "Ada's", recruiterId: ada.id });
    // Bob ran this interview for Ada's candidate: it counts for Ada (the candidate's recruiter) in the statistics.
    const handledByBob = await makeInterview({ candidateId: adasCandidate.id, recruiterId: bob.id, roleTitle: "Counted" });
    await makeFlag(handledByBob.id, { flaggedAt: new Date("2026-11-10T10:00:00Z") });
    const bobsOwn = await makeInterview({ recruiterId: bob.id, roleTitle: "Not counted" });
    await makeFlag(bobsOwn.id, { flaggedAt: new Date("2026-11-10T10:00:00Z") });
    const link = interviewsLinkFor({ from: "2026-11-01", to: "2026-11-30", recruiterId: ada.id });
    const page = await load(ada.id, link, interviewsLoader as unknown as typeof candidatesLoader);
    expect((page.rows as unknown as { roleTitle: string }[]).map((r) => r.roleTitle)).toEqual(["Counted"]);
    // Agency-wide figures (a manager's /stats) open on everyone for a recruiter too: the link carries its filters.
    const agency = interviewsLinkFor({ from: "2026-11-01", to: "2026-11-30" });
    expect(effectiveTableParams(new URL(`http://x${agency}`).searchParams, { user: { id: ada.id, role: "recruiter" }, ownerParam: "recruiter", filterParams: interviewFilterParams }).get("recruiter")).toBe(null);
  });
});
