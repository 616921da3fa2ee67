// The per-request memo (issue 17): the root and page loaders of one request share the session and settings reads,
// while a revoked session stops working on the next request.
import { expect, test } from "vitest";
import { getAgency, updateAgency } from "~/models/agency/agency.server";
import { prisma } from "~/utils/db.server";
import { memoForRequest, withRequestMemo } from "~/utils/request-memo.server";
import { getCurrentSession, requireUser } from "~/utils/session.server";
import { signedInRequest } from "../builders/session";
import { makeUser } from "../builders/users";

test("inside one request a read runs once; outside a request every call reads", async () => {
  let reads = 0;
  const read = async () => ++reads;
  const [a, b] = await withRequestMemo(() => Promise.all([memoForRequest("k", read), memoForRequest("k", read)]));
  expect([a, b]).toEqual([1, 1]);
  expect(await withRequestMemo(() => memoForRequest("k", read))).toBe(2); // the next request reads again
  expect(await memoForRequest("k", read)).toBe(3);
  expect(await memoForRequest("k", read)).toBe(4);
});

test("a session revoked between two requests is refused on the second, though the first shared one read", async () => {
  const user = await makeUser();
  const request = await signedInRequest(user.id, "http://localhost/candidates");
  const [root, page] = await withRequestMemo(() => Promise.all([getCurrentSession(request), requireUser(request)]));
  expect(root?.user.id).toBe(user.id);
  expect(page.id).toBe(user.id);

  await prisma.session.deleteMany({ where: { userId: user.id } }); // "sign out everywhere", from any instance
  await withRequestMemo(async () => {
    expect(await getCurrentSession(request)).toBeNull();
    const refused = await requireUser(request).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).headers.get("Location")).toMatch(/^\/login/);
  });
});

test("a deactivated user is refused on the next request", async () => {
  const user = await makeUser();
  const request = await signedInRequest(user.id, "http://localhost/");
  expect((await withRequestMemo(() => getCurrentSession(request)))?.user.id).toBe(user.id);
  await prisma.user.update({ where: { id: user.id }, data: { active: false } });
  expect(await withRequestMemo(() => getCurrentSession(request))).toBeNull();
});

test("agency settings changed by one request are read fresh by the next", async () => {
  const manager = await makeUser({ role: "manager" });
  const before = await withRequestMemo(() => getAgency());
  await updateAgency({ ...before, name: "Renamed Staffing" }, { userId: manager.id });
  expect((await withRequestMemo(() => getAgency())).name).toBe("Renamed Staffing");
});
