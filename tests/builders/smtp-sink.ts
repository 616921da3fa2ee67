// A real SMTP server on 127.0.0.1 for the email tests, that records (or refuses) what it receives.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

/** What the sink answers to the next message: accept, or an SMTP error with this code and text. */
export type SinkReply = "accept" | { code: number; message: string };

export type SmtpSink = {
  port: number;
  url: string;
  received: ParsedMail[];
  /** Replies to use for the coming messages, in order; once used up, every message is accepted. */
  reply(...replies: SinkReply[]): void;
  /**
   * Holds the server's reply to the n-th message from now (it is recorded as received at once, as a real server may
   * keep a message whose 250 never reached the client) until `release` is called.
   */
  holdReply(n: number): { arrived: Promise<void>; release(): void };
  /** Stops listening (the port stays ours to listen on again with `start`). */
  stop(): Promise<void>;
  start(): Promise<void>;
};

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const replies: SinkReply[] = [];
  let port = 0;
  let arrivals = 0;
  let hold: { at: number; arrived(): void; released: Promise<void> } | undefined;
  let server: SMTPServer | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        disabledCommands: ["STARTTLS"],
        authOptional: true,
        logger: false,
        // Idle pooled client connections would otherwise hold `stop()` for 30 s.
        closeTimeout: 100,
        onData(stream, _session, callback) {
          simpleParser(stream).then(
            async (parsed) => {
              arrivals += 1;
              if (hold && hold.at === arrivals) {
                received.push(parsed);
                hold.arrived();
                await hold.released;
                callback(null, "Queued as test");
                return;
              }
              const next = replies.shift() ?? "accept";
              if (next === "accept") {
                received.push(parsed);
                callback(null, "Queued as test");
              } else {
                callback(Object.assign(new Error(next.message), { responseCode: next.code }));
              }
            },
            (error: Error) => callback(error),
          );
        },
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        port = (server!.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    received,
    reply: (...next) => replies.push(...next),
    holdReply(n) {
      let arrived!: () => void;
      let release!: () => void;
      const arrivedPromise = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      hold = { at: arrivals + n, arrived, released };
      return { arrived: arrivedPromise, release };
    },
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start: listen,
  };
}
