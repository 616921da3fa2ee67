// /emails and /emails/:emailId through their loaders and action.
import { expect, test } from "vitest";
import { loader as detailLoader, action as detailAction } from "~/routes/emails.$emailId";
import { loader } from "~/routes/emails._index";
import { prisma } from "~/utils/db.server";
import { makeEmailRecipient, queueTestEmail } from "../builders/emails";
import { signedIn } from "../builders/interviews";

test("/emails needs a signed-in user", async () => {
  const result = await loader({ request: new Request("http://localhost/emails"), params: {}, context: {} }).catch((e: unknown) => e);
  expect((result as Response).status).toBe(302);
  expect((result as Response).headers.get("Location")).toMatch(/^\/login/);
});

test("/emails filters by status, template and sender from the URL and says it is in capture mode", async () => {
  await prisma.emailMessage.deleteMany();
  const session = await signedIn();
  const { recruiter, candidate } = await makeEmailRecipient();
  await queueTestEmail(candidate, recruiter.id, { subject: "Rough day" });
  await queueTestEmail(candidate, session.user.id, { template: "keep_going", subject: "Keep going" });
  const bounced = await queueTestEmail(candidate, session.user.id, { subject: "Bounced" });
  await prisma.emailMessage.update({ where: { id: bounced.id }, data: { status: "failed" } });

  const load = (search: string) => loader({ request: session.get(`/emails${search}`), params: {}, context: {} });
  const all = await load("");
  expect(all.total).toBe(3);
  expect(all.captureNotice).toMatch(/capture mode/);
  expect(all.rows.map((r) => r.subject)).toEqual(["Bounced", "Keep going", "Rough day"]);
  expect((await load("?status=failed")).rows.map((r) => r.subject)).toEqual(["Bounced"]);
  expect((await load("?template=keep_going")).rows.map((r) => r.subject)).toEqual(["Keep going"]);
  expect((await load(`?recruiter=${recruiter.id}`)).rows.map((r) => r.subject)).toEqual(["Rough day"]);
  expect((await load("?status=nonsense&page=abc")).total).toBe(3);
});

test("/emails/:emailId shows the message and a missing one is a 404", async () => {
  const session = await signedIn();
  const { candidate } = await makeEmailRecipient();
  const queued = await queueTestEmail(candidate, session.user.id, { html: "<p>Hi</p>", text: "Hi" });
  const found = await detailLoader({ request: session.get(`/emails/${queued.id}`), params: { emailId: queued.id }, context: {} });
  expect(found.email).toMatchObject({ id: queued.id, html: "<p>Hi</p>", text: "Hi", messageId: queued.messageId });
  const missing = await detailLoader({ request: session.get("/emails/nope"), params: { emailId: "nope" }, context: {} }).catch(
    (e: unknown) => e,
  );
  expect((missing as Response).status).toBe(404);
});

test("Retry puts a failed message back in the queue; a queued one can't be retried", async () => {
  const session = await signedIn();
  const { candidate } = await makeEmailRecipient();
  const queued = await queueTestEmail(candidate, session.user.id);
  const retry = () =>
    detailAction({ request: session.post(`/emails/${queued.id}`, { intent: "retry" }), params: { emailId: queued.id }, context: {} });

  const refused = await retry();
  expect((refused as { init: ResponseInit }).init.status).toBe(400);
  expect((refused as unknown as { data: { result: { error: Record<string, string[]> } } }).data.result.error[""]).toEqual(["Only a failed message can be retried."]);

  await prisma.emailMessage.update({ where: { id: queued.id }, data: { status: "failed", lastError: "550 Mailbox unavailable" } });
  const done = (await retry()) as Response;
  expect(done.status).toBe(302);
  expect(done.headers.get("Location")).toBe(`/emails/${queued.id}`);
  expect((await prisma.emailMessage.findUniqueOrThrow({ where: { id: queued.id } })).status).toBe("queued");
});
