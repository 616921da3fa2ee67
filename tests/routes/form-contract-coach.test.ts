// The candidate's page keeps the form contract (decision 008): refusals answer 400 at the field (or form) they
// concern, tagged with their intent, with the page's no-referrer/no-store headers; an unknown intent is a 400.
import { expect, test } from "vitest";
import { createCoachingLink } from "~/models/recovery/coaching.server";
import { action } from "~/routes/coach.$token";
import { prisma } from "~/utils/db.server";
import { makeRun } from "../builders/coaching";
import { fieldErrorsOf, statusOf } from "../builders/interviews";

let n = 0;
async function runWithLink() {
  const made = await makeRun({});
  const link = await createCoachingLink(made.run.id, {
    userId: made.recruiter.id,
  });
  return { ...made, token: link.token };
}

const post = (token: string, fields: Record<string, string>) =>
  action({
    request: new Request(`http://localhost/coach/${token}`, {
      method: "POST",
      body: new URLSearchParams(fields),
    }),
    params: { token },
    context: { clientIp: `192.0.2.${++n}` },
  });

type Reply = {
  init: ResponseInit;
  data: { intent: string | null; result: { error: Record<string, string[]> } };
};

test("marking a step done without saying which answers 400 at the step field and ticks nothing", async () => {
  const { token, run } = await runWithLink();
  const result = (await post(token, { intent: "mark-done" })) as Reply;
  expect(statusOf(result)).toBe(400);
  expect(result.data.intent).toBe("mark-done");
  expect(fieldErrorsOf(result).stepStateId).toEqual(["That step is missing. Reload the page."]);
  expect(new Headers(result.init.headers).get("Referrer-Policy")).toBe("strict-origin");
  expect(
    await prisma.checklistStepState.count({
      where: { runId: run.id, status: "done" },
    })
  ).toBe(0);
});

test("a step the candidate may not tick is refused with 400 and the rule's message on the steps form", async () => {
  const { token, states } = await runWithLink();
  const result = (await post(token, {
    intent: "mark-done",
    stepStateId: states["Check in with the candidate"].id,
  })) as Reply;
  expect(statusOf(result)).toBe(400);
  expect(result.data.intent).toBe("mark-done");
  expect(Object.values(result.data.result.error).flat().length).toBeGreaterThan(0);
});

test("an unknown intent is refused with 400 and writes nothing", async () => {
  const { token, run } = await runWithLink();
  const result = (await post(token, {
    intent: "delete-reflection",
    wentWell: "Overwrite",
  })) as Reply;
  expect(statusOf(result)).toBe(400);
  expect(result.data.intent).toBeNull();
  expect(result.data.result.error[""]?.[0]).toMatch(/not understood/);
  expect(new Headers(result.init.headers).get("Cache-Control")).toBe("no-store");
  expect((await prisma.checklistRun.findUniqueOrThrow({ where: { id: run.id } })).reflectionWentWell).toBeNull();
});
