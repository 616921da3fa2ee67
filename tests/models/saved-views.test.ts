import { beforeEach, describe, expect, test } from "vitest";
import { deleteView, listSavedViews, renameView, saveView, shareView } from "~/models/tables/saved-views.server";
import { action, loader } from "~/routes/candidates._index";
import { action as interviewsAction } from "~/routes/interviews._index";
import { prisma } from "~/utils/db.server";
import { RuleViolation } from "~/utils/errors.server";
import type { FormReply } from "~/utils/form-reply";
import { makeCandidate } from "../builders/candidates";
import { signedInRequest } from "../builders/session";
import { makeUser } from "../builders/users";

let ada: { id: string };
let bob: { id: string };

beforeEach(async () => {
  await prisma.savedView.deleteMany();
  await prisma.auditEvent.deleteMany();
  await prisma.candidate.deleteMany();
  await prisma.user.deleteMany();
  ada = await makeUser({ name: "Ada Recruiter" });
  bob = await makeUser({ name: "Bob Recruiter" });
});

const post = async (userId: string, url: string, pairs: [string, string][], route = action) => {
  const request = await signedInRequest(userId, url, { method: "POST", body: new URLSearchParams(pairs) });
  return (await route({ request, params: {}, context: {} })) as unknown;
};
type Refused = { init: ResponseInit | null; data: FormReply };

describe("saving a view", () => {
  test("keeps only what the table's own schema accepts, in a fixed order, and audits it", async () => {
    const view = await saveView(ada.id, "candidates", {
      name: "Open flags",
      query: "page=3&flagged=1&status=recovering&bogus=1&sort=lastInterviewAt&cols=name,status&recruiter=" + ada.id,
      shared: false,
    });
    expect(view.query).toBe(`recruiter=${ada.id}&status=recovering&flagged=1&sort=lastInterviewAt&dir=desc&cols=name%2Cstatus`);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "saved_view.created" } });
    expect(event.entityId).toBe(view.id);
    expect(JSON.parse(event.after!)).toEqual({ table: "candidates", name: "Open flags", query: view.query, shared: false });
  });

  test("through the page: redirects to the saved query; a bad or taken name is refused at the field and saves nothing", async () => {
    const saved = (await post(ada.id, "http://localhost/candidates?index&status=recovering", [
      ["intent", "save-view"],
      ["name", "Recovering"],
      ["query", "status=recovering"],
    ])) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/candidates?status=recovering");

    const empty = (await post(ada.id, "http://localhost/candidates?index", [["intent", "save-view"], ["name", "  "]])) as Refused;
    expect(empty.init?.status).toBe(400);
    expect(empty.data.result.error?.name).toEqual(["Name the view."]);

    const long = (await post(ada.id, "http://localhost/candidates?index", [["intent", "save-view"], ["name", "x".repeat(61)]])) as Refused;
    expect(long.data.result.error?.name).toEqual(["A view's name is at most 60 characters."]);

    const taken = (await post(ada.id, "http://localhost/candidates?index", [["intent", "save-view"], ["name", "RECOVERING"]])) as Refused;
    expect(taken.init?.status).toBe(400);
    expect(taken.data.intent).toBe("save-view");
    expect(taken.data.result.error?.name).toEqual(["You already have a view with this name. Choose another."]);
    expect(await prisma.savedView.count()).toBe(1);

    // The same name is fine for another user, and for the same user on the other table.
    await saveView(bob.id, "candidates", { name: "Recovering", query: "", shared: false });
    const other = (await post(ada.id, "http://localhost/interviews?index", [["intent", "save-view"], ["name", "Recovering"], ["query", "flagged=1"]], interviewsAction)) as Response;
    expect(other.headers.get("Location")).toBe("/interviews?flagged=1");
    expect(await prisma.savedView.count()).toBe(3);
  });
});

describe("sharing and changing views", () => {
  test("a teammate sees a shared view as a tab, not an unshared one, and can't rename, unshare or delete it", async () => {
    const shared = await saveView(ada.id, "candidates", { name: "Team flagged", query: "flagged=1", shared: true });
    await saveView(ada.id, "candidates", { name: "Private", query: "status=hired", shared: false });
    const bobs = await listSavedViews(bob.id, "candidates");
    expect(bobs.map((v) => [v.name, v.own, v.ownerName])).toEqual([["Team flagged", false, "Ada Recruiter"]]);

    await expect(renameView(bob.id, "candidates", shared.id, "Mine now")).rejects.toThrow(RuleViolation);
    await expect(shareView(bob.id, "candidates", shared.id, false)).rejects.toThrow(RuleViolation);
    await expect(deleteView(bob.id, "candidates", shared.id)).rejects.toThrow(RuleViolation);
    const refused = (await post(bob.id, "http://localhost/candidates?index", [["intent", "delete-view"], ["viewId", shared.id]])) as Refused;
    expect(refused.init?.status).toBe(400);
    expect(await prisma.savedView.findUniqueOrThrow({ where: { id: shared.id } })).toMatchObject({ name: "Team flagged", shared: true });
  });

  test("the owner renames (refused when the name is taken), unshares and deletes, each audited", async () => {
    const a = await saveView(ada.id, "interviews", { name: "Serious", query: "severity=serious", shared: false });
    await saveView(ada.id, "interviews", { name: "Critical", query: "severity=critical", shared: false });
    await expect(renameView(ada.id, "interviews", a.id, "critical")).rejects.toMatchObject({ field: "name" });
    await renameView(ada.id, "interviews", a.id, "Serious flags");
    await shareView(ada.id, "interviews", a.id, true);
    expect((await listSavedViews(bob.id, "interviews")).map((v) => v.name)).toEqual(["Serious flags"]);
    await shareView(ada.id, "interviews", a.id, false);
    expect(await listSavedViews(bob.id, "interviews")).toEqual([]);
    await deleteView(ada.id, "interviews", a.id);
    expect((await listSavedViews(ada.id, "interviews")).map((v) => v.name)).toEqual(["Critical"]);
    const kinds = (await prisma.auditEvent.findMany({ where: { entityId: a.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(kinds.sort()).toEqual(
      ["saved_view.created", "saved_view.deleted", "saved_view.renamed", "saved_view.shared", "saved_view.shared"].sort(),
    );
  });

  test("a view from a deactivated teammate no longer shows", async () => {
    await saveView(ada.id, "candidates", { name: "Team", query: "", shared: true });
    await prisma.user.update({ where: { id: ada.id }, data: { active: false } });
    expect(await listSavedViews(bob.id, "candidates")).toEqual([]);
  });
});

describe("a stale saved query", () => {
  test("opens on what still applies and says some filters no longer apply, never failing the page", async () => {
    await makeCandidate({ name: "Carla", recruiterId: ada.id, status: "recovering" });
    // Stored by an older version: a status and a column that no longer exist, a sort that went away, junk.
    const stale = await prisma.savedView.create({
      data: { ownerId: ada.id, table: "candidates", name: "Old", query: "status=archived&sort=score&cols=score&%E0%A4%A=1&who=all", shared: false },
    });
    const [tab] = await listSavedViews(ada.id, "candidates");
    expect(tab).toMatchObject({ id: stale.id, stale: true, query: "who=all" });

    const request = await signedInRequest(ada.id, `http://localhost/candidates?${tab.query}`);
    const page = await loader({ request, params: {}, context: {} });
    expect(page.rows.map((r) => r.name)).toEqual(["Carla"]);
    expect(page.view).toMatchObject({ sort: "name", direction: "asc" });
    // The tab of the view is the current one: the page's query is what the view stores now.
    expect(page.currentQuery).toBe(tab.query);
  });
});
