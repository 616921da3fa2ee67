// Settings → Agency: the manager edits the recovery lifecycle's two knobs (quiet days, grace hours) with the rest
// of the agency's settings; a bad value is a field error that saves nothing, a good one is saved and audited.
import { expect, test } from "vitest";
import { action, loader } from "~/routes/settings.agency";
import { prisma } from "~/utils/db.server";
import { fieldErrorsOf, signedIn, statusOf } from "../builders/interviews";

const path = "/settings/agency";

async function agencyFields(overrides: Record<string, string> = {}) {
  const agency = await prisma.agency.upsert({ where: { id: 1 }, create: { id: 1, timeZone: "UTC" }, update: {} });
  return {
    name: agency.name,
    timeZone: agency.timeZone,
    senderName: agency.senderName,
    replyTo: agency.replyTo ?? "",
    recruitersSeeOwnCandidatesOnly: String(agency.recruitersSeeOwnCandidatesOnly),
    quietAfterDays: String(agency.quietAfterDays),
    overdueGraceHours: String(agency.overdueGraceHours),
    checkInEnabled: String(agency.checkInEnabled),
    checkInAfterHours: String(agency.checkInAfterHours),
    ...overrides,
  };
}

const post = async (role: "recruiter" | "manager", fields: Record<string, string>) => {
  const session = await signedIn(role);
  return action({ request: session.post(path, fields), params: {}, context: {} }).catch((e: unknown) => e);
};

const settings = () => prisma.agency.findUniqueOrThrow({ where: { id: 1 }, select: { quietAfterDays: true, overdueGraceHours: true, checkInEnabled: true, checkInAfterHours: true } });

test("the page shows the two recovery settings with their defaults", async () => {
  const session = await signedIn("manager");
  const page = await loader({ request: session.get(path), params: {}, context: {} });
  expect(page.agency).toMatchObject({ quietAfterDays: 30, overdueGraceHours: 2 });
});

test.each([
  ["quietAfterDays", "0", "from 1 to 365"],
  ["quietAfterDays", "366", "from 1 to 365"],
  ["quietAfterDays", "2.5", "from 1 to 365"],
  ["quietAfterDays", "thirty", "from 1 to 365"],
  ["quietAfterDays", "", "quiet days"],
  ["overdueGraceHours", "-1", "from 0 to 48"],
  ["overdueGraceHours", "49", "from 0 to 48"],
  ["overdueGraceHours", "1e9", "from 0 to 48"],
  ["overdueGraceHours", "", "grace"],
  ["checkInAfterHours", "0", "from 1 to 48"],
  ["checkInAfterHours", "49", "from 1 to 48"],
  ["checkInAfterHours", "", "check-in"],
  ["checkInEnabled", "maybe", "check-in"],
])("%s = %j is a 400 at that field and changes nothing", async (field, value, message) => {
  const before = await settings();
  const auditsBefore = await prisma.auditEvent.count({ where: { action: "agency.updated" } });
  const result = await post("manager", await agencyFields({ [field]: value }));
  expect(statusOf(result)).toBe(400);
  const errors = fieldErrorsOf(result);
  expect(errors[field]?.join(" ")).toContain(message);
  expect(Object.keys(errors)).toEqual([field]);
  expect(await settings()).toEqual(before);
  expect(await prisma.auditEvent.count({ where: { action: "agency.updated" } })).toBe(auditsBefore);
});

test("good values are saved and audited with before and after", async () => {
  const result = await post("manager", await agencyFields({ quietAfterDays: "45", overdueGraceHours: "0", checkInEnabled: "false", checkInAfterHours: "6" }));
  expect(statusOf(result)).toBe(302);
  expect(await settings()).toEqual({ quietAfterDays: 45, overdueGraceHours: 0, checkInEnabled: false, checkInAfterHours: 6 });
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "agency.updated" }, orderBy: { at: "desc" } });
  expect(JSON.parse(audit.before!)).toMatchObject({ quietAfterDays: 30, overdueGraceHours: 2 });
  expect(JSON.parse(audit.after!)).toMatchObject({ quietAfterDays: 45, overdueGraceHours: 0 });

  // The bounds themselves are accepted.
  expect(statusOf(await post("manager", await agencyFields({ quietAfterDays: "365", overdueGraceHours: "48", checkInAfterHours: "48" })))).toBe(302);
  expect(await settings()).toEqual({ quietAfterDays: 365, overdueGraceHours: 48, checkInEnabled: false, checkInAfterHours: 48 });
  expect(statusOf(await post("manager", await agencyFields({ quietAfterDays: "1" })))).toBe(302);
  expect((await settings()).quietAfterDays).toBe(1);
});

test("a recruiter can't change them", async () => {
  const before = await settings();
  const result = await post("recruiter", await agencyFields({ quietAfterDays: "90" }));
  expect(statusOf(result)).toBe(403);
  expect(await settings()).toEqual(before);
});
