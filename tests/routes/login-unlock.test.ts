import { afterAll, beforeAll, expect, test } from "vitest";
import { requestUnlockEmail } from "~/models/users/account-unlock.server";
import { setPasswordWithToken, verifyLogin } from "~/models/users/user.server";
import { action } from "~/routes/login";
import { prisma } from "~/utils/db.server";
import { createMailTransport, type MailTransport } from "~/utils/mailer.server";
import { type SmtpSink, startSmtpSink } from "../builders/smtp-sink";
import { makeUser } from "../builders/users";

let sink: SmtpSink;
let transport: MailTransport;
beforeAll(async () => {
  sink = await startSmtpSink();
  transport = createMailTransport(sink.url);
});
afterAll(async () => {
  transport.close();
  await sink.stop();
});

test("the unlock email carries a one-time link that sets a new password and ends every session", async () => {
  const user = await makeUser({ email: "locked@example.com", password: "the-old-password" });
  await prisma.session.create({ data: { id: "f".repeat(64), userId: user.id, expiresAt: new Date(Date.now() + 3600_000) } });
  const { delivery } = await requestUnlockEmail("Locked@Example.com", "203.0.113.20", { transport });
  expect(await delivery).toBe(true);
  expect(sink.received).toHaveLength(1);
  const mail = sink.received[0];
  expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("locked@example.com");
  expect(mail.subject).toBe("Set a new password for Rebound");
  const token = /\/set-password\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "")?.[1];
  expect(token).toBeTruthy();
  await setPasswordWithToken(token!, "a-fresh-new-password");
  expect(await verifyLogin("locked@example.com", "a-fresh-new-password")).not.toBeNull();
  expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  expect(await prisma.auditEvent.count({ where: { action: "user.unlock_email_requested", entityId: user.id } })).toBe(1);
});

test("an unknown or deactivated address gets no email, and the same answer on the page", async () => {
  await makeUser({ email: "gone@example.com", active: false });
  const before = sink.received.length;
  for (const email of ["nobody@example.com", "gone@example.com"]) {
    const { delivery } = await requestUnlockEmail(email, "203.0.113.21", { transport });
    expect(await delivery).toBe(false);
  }
  expect(sink.received.length).toBe(before);
  const answer = async (email: string) => {
    const request = new Request("http://localhost/login", { method: "POST", body: new URLSearchParams({ intent: "unlock", email }) });
    const result = (await action({ request, context: { clientIp: "203.0.113.22" }, params: {} })) as unknown as { data: object };
    return JSON.stringify({ ...result.data, attempt: 0 });
  };
  await makeUser({ email: "real@example.com" });
  expect(await answer("nobody@example.com")).toBe(await answer("real@example.com"));
  expect(await answer("real@example.com")).toContain('"unlockSent":true');
});

test("at most three unlock emails an hour per account", async () => {
  await makeUser({ email: "flooded@example.com" });
  const before = sink.received.length;
  for (let i = 0; i < 5; i++) await (await requestUnlockEmail("flooded@example.com", `198.51.100.${i}`, { transport })).delivery;
  expect(sink.received.length - before).toBe(3);
});
