import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, test } from "vitest";
import { CoachingPanel } from "~/components/coaching-panel";
import { createCoachingLink, getCoachingPanel, revokeCoachingLink, saveReflection } from "~/models/recovery/coaching.server";
import { REFLECTION_MAX_LENGTH } from "~/models/recovery/reflection";
import CoachPage, { action, ErrorBoundary, headers, loader } from "~/routes/coach.$token";
import { action as linkAction } from "~/routes/interviews.$interviewId";
import { prisma } from "~/utils/db.server";
import { COACH_PAGE_LIMIT, COACH_SAVE_LIMIT } from "~/utils/coach-rate-limit.server";
import { makeRun } from "../builders/coaching";
import { signedIn, statusOf } from "../builders/interviews";

// Each test uses its own client address, so the per-address limit of one test doesn't spill into another.
let ipCounter = 1;
const nextIp = () => `198.51.100.${ipCounter++}`;

async function runWithLink(overrides: Parameters<typeof makeRun>[0] = {}) {
  const made = await makeRun(overrides);
  const link = await createCoachingLink(made.run.id, { userId: made.recruiter.id });
  return { ...made, link, token: link.token };
}

const get = (token: string, ip = nextIp()) =>
  loader({ request: new Request(`http://localhost/coach/${token}`), params: { token }, context: { clientIp: ip } });

const post = (token: string, fields: Record<string, string>, ip = nextIp()) =>
  action({
    request: new Request(`http://localhost/coach/${token}`, { method: "POST", body: new URLSearchParams(fields) }),
    params: { token },
    context: { clientIp: ip },
  });

async function thrown(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected the route to throw a response");
}

/** Server-renders the page the way the browser first sees it (loader data, or the route's error page). */
async function renderPage(token: string, ip = nextIp()) {
  const routes = [
    {
      id: "coach",
      path: "/coach/:token",
      loader: (args: { request: Request; params: Record<string, string | undefined> }) =>
        loader({ ...args, params: { token: args.params.token }, context: { clientIp: ip } }),
      Component: CoachPage,
      ErrorBoundary,
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost/coach/${token}`));
  if (context instanceof Response) throw new Error(`unexpected redirect ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  // React separates adjacent text with <!-- -->; drop it so assertions read like the page.
  const html = renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false })).replaceAll("<!-- -->", "");
  return { html, status: context.statusCode };
}

describe("the candidate's page", () => {
  test("shows the candidate's first name, the company, the role and only their own steps, never recruiter notes", async () => {
    const { token, interview, recruiter } = await runWithLink({ candidateName: "Priya Raman" });
    const company = await prisma.company.findUniqueOrThrow({ where: { id: interview.companyId } });
    const result = await get(token);
    const json = JSON.stringify(result);
    const { html, status } = await renderPage(token);
    expect(status).toBe(200);
    expect(html).toContain("Hi Priya,");
    expect(html).not.toContain("Raman");
    expect(html).toContain(company.name);
    expect(html).toContain("Data Analyst");
    expect(html).toContain("Rest before you call anyone");
    expect(html).toContain("Phone the hiring manager");
    expect(html).toContain("Mark done");
    for (const text of [json, html]) {
      expect(text).not.toContain("RECRUITER-NOTE-tells-client-he-was-rude");
      expect(text).not.toContain("STEP-NOTE-candidate-owned");
      expect(text).not.toContain("Check in with the candidate");
      expect(text).not.toContain("FLAG-DESCRIPTION-internal");
      // The candidate's own recruiter is named on purpose ("Your recruiter: …"); no other staff address shows.
      expect(text.replaceAll(recruiter.email, "")).not.toContain("@agency.example");
    }
  });

  test("tells browsers never to pass the page's address (with its token) on as a referrer, nor to index it", async () => {
    const { token } = await runWithLink();
    const result = (await get(token)) as unknown as { init: ResponseInit };
    // strict-origin: at most the bare origin, never the path; no-referrer would break posts without JavaScript.
    expect(new Headers(result.init.headers).get("Referrer-Policy")).toBe("strict-origin");
    const fromExport = new Headers(headers({} as Parameters<typeof headers>[0]) as HeadersInit);
    expect(fromExport.get("Referrer-Policy")).toBe("strict-origin");
    expect(fromExport.get("X-Robots-Tag")).toContain("noindex");
  });

  test("a wrong, an expired, a revoked token and a cancelled checklist get the same 404 page", async () => {
    const expired = await runWithLink();
    await prisma.coachingLink.update({ where: { id: expired.link.linkId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const revoked = await runWithLink();
    await revokeCoachingLink(revoked.link.linkId, { userId: revoked.recruiter.id });
    const cancelled = await runWithLink();
    await prisma.checklistRun.update({ where: { id: cancelled.run.id }, data: { status: "cancelled" } });
    const wrong = "A".repeat(43);

    const answers = [];
    for (const token of [wrong, expired.token, revoked.token, cancelled.token]) {
      const response = await thrown(get(token));
      const page = await renderPage(token);
      answers.push({ status: response.status, body: await response.text(), page });
    }
    expect(answers[0].status).toBe(404);
    expect(answers[0].body).toBe("This link is not valid");
    expect(answers[0].page.status).toBe(404);
    expect(answers[0].page.html).toContain("This link is not valid");
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  test("refuses with 429 after the per-address limit of page views", async () => {
    const ip = nextIp();
    for (let i = 0; i < COACH_PAGE_LIMIT; i++) expect((await thrown(get("A".repeat(43), ip))).status).toBe(404);
    const limited = await thrown(get("A".repeat(43), ip));
    expect(limited.status).toBe(429);
    expect(await limited.text()).toMatch(/Too many requests/);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect((await thrown(get("A".repeat(43), nextIp()))).status).toBe(404);
  });
});

describe("the candidate's actions", () => {
  test("saves are limited per address too: over the limit, 429 and nothing written", async () => {
    const { token, run } = await runWithLink();
    const ip = nextIp();
    for (let i = 0; i < COACH_SAVE_LIMIT; i++) expect(statusOf(await post(token, { intent: "nonsense" }, ip))).toBe(400);
    const limited = await post(token, { intent: "save-reflection", wentWell: "Too late" }, ip);
    expect(statusOf(limited)).toBe(429);
    const refusal = (limited as { data: { result: { error: Record<string, string[]> } } }).data.result;
    expect(refusal.error[""]?.[0]).toMatch(/Too many requests/);
    expect((await prisma.checklistRun.findUniqueOrThrow({ where: { id: run.id } })).reflectionWentWell).toBeNull();
  });

  test("marking their own step done redirects back to the page", async () => {
    const { token, states } = await runWithLink();
    const stepId = states["Rest before you call anyone"].id;
    const result = await post(token, { intent: "mark-done", stepStateId: stepId });
    expect(statusOf(result)).toBe(302);
    expect((await prisma.checklistStepState.findUniqueOrThrow({ where: { id: stepId } })).status).toBe("done");
  });

  test("a recruiter's step can't be ticked from the candidate's page", async () => {
    const { token, states } = await runWithLink();
    const stepId = states["Check in with the candidate"].id;
    const result = await post(token, { intent: "mark-done", stepStateId: stepId });
    expect(statusOf(result)).toBe(400);
    expect((await prisma.checklistStepState.findUniqueOrThrow({ where: { id: stepId } })).status).toBe("pending");
  });

  test("the reflection is saved and audited as the candidate", async () => {
    const { token, run } = await runWithLink();
    const result = await post(token, {
      intent: "save-reflection",
      wentWell: "Strong on SQL.",
      wentWrong: "Arrived late.",
      questions: "",
      doDifferently: "Leave an hour early.",
      autosave: "1",
    });
    expect(statusOf(result)).toBe(200);
    expect((result as { data: { savedAt: unknown } }).data.savedAt).toBeInstanceOf(Date);
    const saved = await prisma.checklistRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(saved).toMatchObject({ reflectionWentWell: "Strong on SQL.", reflectionQuestions: null });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "coaching.reflection_saved", entityId: run.id } });
    expect(audit.actorLabel).toBe("candidate");
  });

  test("a too-long answer gets a field error, keeps what was typed, and writes nothing", async () => {
    const { token, run } = await runWithLink();
    const tooLong = "x".repeat(REFLECTION_MAX_LENGTH + 1);
    const result = await post(token, { intent: "save-reflection", wentWell: "Fine.", wentWrong: tooLong });
    expect(statusOf(result)).toBe(400);
    const reply = (result as { data: { result: { error: Record<string, string[]>; initialValue: Record<string, string> } } }).data.result;
    expect(reply.error.wentWrong?.[0]).toMatch(/at most 5,000 characters/);
    expect(reply.initialValue.wentWell).toBe("Fine.");
    const after = await prisma.checklistRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(after.reflectionWentWell).toBeNull();
    expect(after.reflectionUpdatedAt).toBeNull();
    expect(await prisma.auditEvent.count({ where: { action: "coaching.reflection_saved", entityId: run.id } })).toBe(0);
  });

  test("a revoked link can't save a reflection", async () => {
    const { token, run, link, recruiter } = await runWithLink();
    await revokeCoachingLink(link.linkId, { userId: recruiter.id });
    const response = await thrown(post(token, { intent: "save-reflection", wentWell: "Hello" }));
    expect(response.status).toBe(404);
    expect((await prisma.checklistRun.findUniqueOrThrow({ where: { id: run.id } })).reflectionWentWell).toBeNull();
  });
});

describe("the recruiter's link buttons", () => {
  test("creating a link answers with the full URL once, uncached and in no cookie, and stores only its hash", async () => {
    const { run, interview } = await makeRun();
    const recruiter = await signedIn();
    const answer = (await linkAction({
      request: recruiter.post(`/interviews/${interview.id}`, { intent: "create-link", runId: run.id }),
      params: { interviewId: interview.id },
      context: {},
    })) as unknown as { data: { intent: string; createdLink: { url: string; expiresAt: string } }; init: { headers?: Record<string, string> } | null };
    // Not a redirect with a flash cookie: the token is in this one answer, which no cache may keep.
    expect(answer).not.toBeInstanceOf(Response);
    expect(answer.init?.headers).toEqual({ "Cache-Control": "no-store" });
    expect(answer.data.intent).toBe("create-link");
    const link = await prisma.coachingLink.findFirstOrThrow({ where: { runId: run.id } });
    expect(link.createdById).toBe(recruiter.user.id);
    expect(answer.data.createdLink.expiresAt).toBe(link.expiresAt.toISOString());
    const token = answer.data.createdLink.url.match(/\/coach\/([A-Za-z0-9_-]+)$/)?.[1];
    expect(token).toBeTruthy();
    expect(JSON.stringify(link)).not.toContain(token);
    expect(await get(token!)).toBeTruthy();
  });

  test("a signed-out visitor can't create a link", async () => {
    const { run, interview } = await makeRun();
    const request = new Request(`http://localhost/interviews/${interview.id}/coaching`, {
      method: "POST",
      body: new URLSearchParams({ intent: "create-link", runId: run.id }),
    });
    const response = await thrown(linkAction({ request, params: { interviewId: interview.id }, context: {} }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login/);
    expect(await prisma.coachingLink.count({ where: { runId: run.id } })).toBe(0);
  });
});

/** The text a reader gets: visually hidden words included, tags left out. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, "");

/** Server-renders the recruiter's coaching panel for an interview, as the interview page will show it. */
async function renderPanel(interviewId: string) {
  const coaching = await getCoachingPanel(interviewId);
  const routes = [{ id: "panel", path: "/", Component: () => createElement(CoachingPanel, { interviewId, coaching }) }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false })).replaceAll("<!-- -->", "");
}

describe("the recruiter's coaching panel", () => {
  test("before any link: says so, offers to create one, and shows the empty reflection", async () => {
    const { interview } = await makeRun();
    const html = await renderPanel(interview.id);
    expect(html).toContain("No link yet.");
    expect(html).toContain(">Create a link</button>");
    expect(textOf(html)).not.toContain("Revoke link");
    expect(html).toContain("Not filled in yet.");
  });

  test("with an active link and a reflection: shows until when, a revoke button and the answers", async () => {
    const { token, interview } = await runWithLink();
    await saveReflection(token, { wentWell: "Good rapport.", wentWrong: null, questions: "Why this company?", doDifferently: null });
    const html = await renderPanel(interview.id);
    expect(html).toMatch(/Link active, expires \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \(UTC\), not opened yet\./);
    expect(textOf(html)).toContain("Revoke link");
    expect(textOf(html)).toContain("New link");
    expect(html).toContain("Good rapport.");
    expect(html).toContain("Why this company?");
    expect(html).not.toContain("Not filled in yet.");
    expect(html).not.toContain(token);
  });

  test("a revoked link says so; a cancelled checklist offers no new link", async () => {
    const revoked = await runWithLink();
    await revokeCoachingLink(revoked.link.linkId, { userId: revoked.recruiter.id });
    expect(await renderPanel(revoked.interview.id)).toMatch(/Link revoked on .*\(UTC\), not opened yet\./);
    const cancelled = await makeRun({ status: "cancelled" });
    const html = await renderPanel(cancelled.interview.id);
    expect(textOf(html)).not.toMatch(/Create a link|New link/);
    expect(html).toContain("no new link can be made");
  });
});
