// The candidate's page names their recruiter, and guidance shown to candidates is written for them: a step's
// staff-only part (the recruiter calling on the candidate's behalf) shows on staff pages only.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { expect, test } from "vitest";
import { createCoachingLink } from "~/models/recovery/coaching.server";
import { DEFAULT_PLAYBOOK } from "~/models/recovery/playbook";
import { currentPlaybook } from "~/models/recovery/playbook.server";
import CoachPage, { ErrorBoundary, loader } from "~/routes/coach.$token";
import { prisma } from "~/utils/db.server";
import { makeRun } from "../builders/coaching";

let ipCounter = 1;

async function renderPage(token: string) {
  const ip = `198.51.100.${200 + ipCounter++}`;
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
  return renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false })).replaceAll("<!-- -->", "");
}

test("the staff-only note reaches staff pages' playbook, never the candidate's page", async () => {
  // First in this file: the fresh database has no playbook yet, so this is the default one, version 1.
  const playbook = await currentPlaybook();
  const call = playbook.steps.find((s) => s.title === "Phone the hiring manager within 24 hours");
  expect(call?.staffNote).toBe("If the candidate can't make the call, make it on their behalf, and note who called.");
  expect(call?.guidance).not.toContain("behalf");
  const { run, recruiter } = await makeRun({
    steps: [{ title: "Phone the hiring manager within 24 hours", owner: "candidate", guidance: call!.guidance }],
  });
  await prisma.playbookStep.updateMany({ where: { versionId: run.playbookVersionId }, data: { staffNote: call!.staffNote } });
  const { token } = await createCoachingLink(run.id, { userId: recruiter.id });
  const html = await renderPage(token);
  expect(html).toContain("Phone the hiring manager within 24 hours");
  expect(html).not.toContain("on their behalf");
});

test("the candidate's page shows their recruiter's name, email and phone", async () => {
  const { run, recruiter } = await makeRun();
  await prisma.user.update({ where: { id: recruiter.id }, data: { name: "Rita Recruiter", phone: "+44 20 7946 0018" } });
  const { token } = await createCoachingLink(run.id, { userId: recruiter.id });
  const html = await renderPage(token);
  expect(html).toContain("Your recruiter: Rita Recruiter");
  expect(html).toContain(`href="mailto:${recruiter.email}"`);
  expect(html).toContain("+44 20 7946 0018");
  expect(html).toContain('href="tel:+442079460018"');
});

test("a recruiter without a phone shows name and email only; a deactivated one is not offered as a contact", async () => {
  const { run, recruiter } = await makeRun();
  const { token } = await createCoachingLink(run.id, { userId: recruiter.id });
  const html = await renderPage(token);
  expect(html).toContain(`Your recruiter: ${recruiter.name}`);
  expect(html).not.toContain("tel:");
  await prisma.user.update({ where: { id: recruiter.id }, data: { active: false } });
  const after = await renderPage(token);
  expect(after).not.toContain("Your recruiter:");
  expect(after).not.toContain(recruiter.email);
});

test("the default playbook's candidate guidance never speaks about the candidate to staff", () => {
  for (const step of DEFAULT_PLAYBOOK.filter((s) => s.owner === "candidate")) {
    expect(step.guidance, step.title).not.toMatch(/on their behalf|the candidate can't|the recruiter can/i);
  }
  const call = DEFAULT_PLAYBOOK.find((s) => s.title === "Phone the hiring manager within 24 hours");
  expect(call?.staffNote).toContain("on their behalf");
});

test("the migration moves the staff-only sentence of existing playbooks into the staff note", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "rebound-staff-note-"));
  try {
    const db = new Database(path.join(dir, "db.sqlite"));
    const names = readdirSync("prisma/migrations").filter((n) => /^\d+_/.test(n)).sort();
    const mine = names.findIndex((n) => /_playbook_staff_note$/.test(n));
    expect(mine).toBeGreaterThan(0);
    for (const name of names.slice(0, mine)) db.exec(readFileSync(path.join("prisma/migrations", name, "migration.sql"), "utf8"));
    db.exec(`INSERT INTO "PlaybookVersion" ("id", "version") VALUES ('v1', 1)`);
    const old =
      "Pick up the phone rather than sending an email, and speak to the person you actually met. Say plainly that it was an off day and not how you usually perform, without blaming anything or anyone. Then ask directly whether they would see you again. If the candidate can't make the call, the recruiter can make it on their behalf: note who called.";
    db.prepare(
      `INSERT INTO "PlaybookStep" ("id", "versionId", "position", "title", "guidance", "owner", "dueOffsetMinutes") VALUES ('s1', 'v1', 1, 'Phone', ?, 'candidate', 1440), ('s2', 'v1', 2, 'Other', 'Untouched.', 'candidate', 60)`,
    ).run(old);
    db.exec(readFileSync(path.join("prisma/migrations", names[mine], "migration.sql"), "utf8"));
    const rows = db.prepare(`SELECT "id", "guidance", "staffNote" FROM "PlaybookStep" ORDER BY "id"`).all();
    expect(rows).toEqual([
      {
        id: "s1",
        guidance:
          "Pick up the phone rather than sending an email, and speak to the person you actually met. Say plainly that it was an off day and not how you usually perform, without blaming anything or anyone. Then ask directly whether they would see you again.",
        staffNote: "If the candidate can't make the call, make it on their behalf, and note who called.",
      },
      { id: "s2", guidance: "Untouched.", staffNote: null },
    ]);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
