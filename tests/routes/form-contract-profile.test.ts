// "My profile" keeps the form contract (decision 008): refusals answer 400 at the form they came from, an unknown
// intent is a 400, and nothing ends.
import { expect, test } from "vitest";
import { action } from "~/routes/profile";
import { prisma } from "~/utils/db.server";
import { fieldErrorsOf, signedIn, statusOf } from "../builders/interviews";

const postAs = (me: Awaited<ReturnType<typeof signedIn>>, fields: Record<string, string>) =>
  action({ request: me.post("/profile", fields), params: {}, context: {} });

test("ending a session without saying which answers 400 at the session field and ends nothing", async () => {
  const me = await signedIn();
  const result = await postAs(me, { intent: "end-session" });
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result).session).toEqual(["Choose a session."]);
  expect((result as { data: { intent: string } }).data.intent).toBe("end-session");
  expect(await prisma.session.count({ where: { userId: me.user.id } })).toBe(1);
});

test("a session that has already ended is refused with 400 and its message, tagged with the session it was about", async () => {
  const me = await signedIn();
  const result = await postAs(me, {
    intent: "end-session",
    session: "0123456789abcdef",
  });
  expect(statusOf(result)).toBe(400);
  const reply = (
    result as {
      data: {
        intent: string;
        result: {
          error: Record<string, string[]>;
          initialValue: Record<string, string>;
        };
      };
    }
  ).data;
  expect(reply.intent).toBe("end-session");
  expect(reply.result.error[""]).toEqual(["That session has already ended."]);
  expect(reply.result.initialValue.session).toBe("0123456789abcdef");
});

test("an unknown intent is refused with 400 and ends nothing", async () => {
  const me = await signedIn();
  const result = await postAs(me, {
    intent: "end-everyone-else",
    session: "x",
  });
  expect(statusOf(result)).toBe(400);
  expect(
    (
      result as {
        data: { intent: null; result: { error: Record<string, string[]> } };
      }
    ).data.result.error[""]?.[0]
  ).toMatch(/not understood/);
  expect(await prisma.session.count({ where: { userId: me.user.id } })).toBe(1);
});
