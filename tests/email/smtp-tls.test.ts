// SMTP credentials never cross the wire in clear text unless SMTP_INSECURE_PLAINTEXT_AUTH says so: a real SMTP
// server on 127.0.0.1 that offers no STARTTLS and asks for a password.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createMailTransport, transportOptions } from "~/utils/mailer.server";

let server: SMTPServer;
let port = 0;
const logins: { username?: string | null; password?: string | null }[] = [];
let messages = 0;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    // smtp-server refuses AUTH without TLS unless told otherwise: this one plays the careless server.
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username, password: auth.password });
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on("end", () => {
        messages += 1;
        callback(null, "Queued");
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const mail = {
  from: { name: "Rebound", address: "no-reply@localhost" },
  to: "ada@example.net",
  subject: "Hello",
  html: "<p>Hello</p>",
  text: "Hello",
  messageId: "<tls-test@localhost>",
  headers: {},
};

test("a URL with credentials requires TLS: without STARTTLS nothing is sent and the password never leaves", async () => {
  const transport = createMailTransport(`smtp://mailer:s3cret@127.0.0.1:${port}`, { allowPlaintextAuth: false });
  try {
    await expect(transport.sendMail(mail)).rejects.toThrow(/STARTTLS/i);
  } finally {
    transport.close();
  }
  expect(logins).toEqual([]);
  expect(messages).toBe(0);
});

test("SMTP_INSECURE_PLAINTEXT_AUTH=true is the explicit way to log in without TLS", async () => {
  const transport = createMailTransport(`smtp://mailer:s3cret@127.0.0.1:${port}`, { allowPlaintextAuth: true });
  try {
    await transport.sendMail(mail);
  } finally {
    transport.close();
  }
  expect(logins).toEqual([{ username: "mailer", password: "s3cret" }]);
  expect(messages).toBe(1);
});

test("TLS settings by URL: smtps is TLS from the start, credentials force STARTTLS, a local sink without them is plain", () => {
  expect(transportOptions("smtps://u:p@smtp.example.com", { allowPlaintextAuth: false })).toMatchObject({ secure: true, port: 465 });
  expect(transportOptions("smtp://u:p@smtp.example.com:587", { allowPlaintextAuth: false })).toMatchObject({
    secure: false,
    requireTLS: true,
    ignoreTLS: false,
  });
  expect(transportOptions("smtp://u:p@localhost:25", { allowPlaintextAuth: false })).toMatchObject({ requireTLS: true, ignoreTLS: false });
  expect(transportOptions("smtp://127.0.0.1:2525", { allowPlaintextAuth: false })).toMatchObject({ requireTLS: false, ignoreTLS: true });
  expect(transportOptions("smtp://smtp.example.com:587", { allowPlaintextAuth: false })).toMatchObject({ requireTLS: false, ignoreTLS: false });
});
