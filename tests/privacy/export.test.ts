// "Export this candidate's data": the ZIP's data.json holds every record the builders created for the candidate (and
// none of another's), index.html shows them escaped in the agency's zone, the export is audited, and only managers
// may download it.
import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, expect, test } from "vitest";
import { updateCandidate } from "~/models/candidates/candidate-profile.server";
import { exportCandidateData } from "~/models/privacy/export.server";
import { loader } from "~/routes/candidates.$candidateId_.export";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { makeChecklistRun, makeCoachingLink, makePlaybookVersion } from "../builders/checklists";
import { makeEmail, makeUnsubscribeToken } from "../builders/emails";
import { makeFlag } from "../builders/flags";
import { makeInterview } from "../builders/interviews";
import { makeOutcome } from "../builders/outcomes";
import { makeSecondInterviewRequest } from "../builders/second-interviews";
import { signedInRequest } from "../builders/session";
import { makeUser } from "../builders/users";

const created: Record<string, string[]> = {};
let candidateId: string;
let otherInterviewId: string;
let managerId: string;
const now = new Date("2026-11-30T12:00:00Z");

beforeAll(async () => {
  await prisma.agency.upsert({ where: { id: 1 }, create: { id: 1, timeZone: "Asia/Tokyo" }, update: { timeZone: "Asia/Tokyo" } });
  managerId = (await makeUser({ role: "manager" })).id;
  const recruiter = await makeUser({ name: "Riley Chen" });
  const candidate = await makeCandidate({ name: "Noor <script>alert(1)</script> Haddad", recruiterId: recruiter.id });
  candidateId = candidate.id;
  const interview = await makeInterview({ candidateId, scheduledAt: new Date("2026-11-20T01:30:00Z") });
  const second = await makeInterview({ candidateId, round: "second" });
  const flag = await makeFlag(interview.id, { description: "Arrived late & flustered", reasons: ["late", "nerves"] });
  const version = await makePlaybookVersion([{ title: "Call the company", owner: "recruiter" }, { title: "Rest", owner: "candidate" }]);
  const { run, states } = await makeChecklistRun({ flag, playbookVersion: version, steps: [{ status: "done", note: "Called at 9" }] });
  await prisma.checklistRun.update({ where: { id: run.id }, data: { reflectionWentWell: "My portfolio" } });
  const { link } = await makeCoachingLink(run.id);
  const checkIn = await prisma.checkIn.create({ data: { interviewId: second.id, status: "answered", dueAt: now, answer: "mixed", note: "So-so" } });
  const email = await makeEmail(candidateId, { subject: "After your interview" });
  await makeUnsubscribeToken(candidateId);
  const unsubscribe = await prisma.unsubscribeLink.findFirstOrThrow({ where: { candidateId } });
  const request = await makeSecondInterviewRequest(interview.id);
  const outcome = await makeOutcome(candidateId, { interviewId: interview.id, outcome: "rejected" });
  const notification = await prisma.notification.create({ data: { userId: recruiter.id, kind: "candidate_activity", title: "Noor ticked a step", link: "/", candidateId } });
  await updateCandidate(candidateId, { status: "recovering" }, { userId: recruiter.id });
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { candidateId } });
  Object.assign(created, {
    candidate: [candidateId],
    interviews: [interview.id, second.id],
    flags: [flag.id],
    runs: [run.id],
    steps: states.map((s) => s.id),
    coachingLinks: [link.id],
    checkIns: [checkIn.id],
    emails: [email.id],
    unsubscribeLinks: [unsubscribe.id],
    requests: [request.id],
    outcomes: [outcome.id],
    notifications: [notification.id],
    audit: [audit.id],
  });
  otherInterviewId = (await makeInterview()).id;
});

/** Every "id" anywhere in the JSON. */
function idsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => idsIn(v, into));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "id" && typeof v === "string") into.add(v);
      else idsIn(v, into);
    }
  }
  return into;
}

test("data.json holds every record made for the candidate, and nobody else's", async () => {
  const { zip, filename } = await exportCandidateData(candidateId, { userId: managerId }, now);
  expect(filename).toBe(`candidate-${candidateId}-2026-11-30.zip`);
  const files = unzipSync(zip);
  expect(Object.keys(files).sort()).toEqual(["data.json", "index.html"]);
  const data = JSON.parse(strFromU8(files["data.json"])) as Record<string, unknown>;
  const ids = idsIn(data);
  for (const [what, list] of Object.entries(created)) for (const id of list) expect(ids.has(id), `${what} ${id}`).toBe(true);
  expect(ids.has(otherInterviewId)).toBe(false);
  const text = JSON.stringify(data);
  for (const words of ["Arrived late & flustered", "Called at 9", "My portfolio", "So-so", "After your interview", "Noor ticked a step"]) expect(text).toContain(words);
  // Token hashes identify nothing and open nothing: they are not exported.
  expect(text).not.toContain("tokenHash");
});

test("index.html shows the same escaped, with times in the agency's zone", async () => {
  const { zip } = await exportCandidateData(candidateId, { userId: managerId }, now);
  const html = strFromU8(unzipSync(zip)["index.html"]);
  expect(html).not.toContain("<script>");
  expect(html).toContain("Noor &lt;script&gt;alert(1)&lt;/script&gt; Haddad");
  expect(html).toContain("Arrived late &amp; flustered");
  // 01:30 UTC on 20 November is 10:30 in Tokyo.
  expect(html).toMatch(/20 Nov 2026, 10:30/);
  expect(html).toContain("Asia/Tokyo");
});

test("the export is audited; a recruiter gets 403 and a manager the download", async () => {
  const before = await prisma.auditEvent.count({ where: { candidateId, action: "candidate.exported" } });
  expect(before).toBeGreaterThan(0);
  const recruiter = await makeUser();
  const refused = loader({ request: await signedInRequest(recruiter.id, `http://localhost/candidates/${candidateId}/export`), params: { candidateId }, context: {} });
  await expect(refused).rejects.toMatchObject({ status: 403 });
  const response = await loader({ request: await signedInRequest(managerId, `http://localhost/candidates/${candidateId}/export`), params: { candidateId }, context: {} });
  expect(response.headers.get("Content-Type")).toBe("application/zip");
  expect(response.headers.get("Content-Disposition")).toMatch(/attachment; filename="candidate-.+\.zip"/);
  expect(unzipSync(new Uint8Array(await response.arrayBuffer()))["data.json"]).toBeDefined();
  expect(await prisma.auditEvent.count({ where: { candidateId, action: "candidate.exported" } })).toBe(before + 1);
  const missing = loader({ request: await signedInRequest(managerId, "http://localhost/candidates/nobody/export"), params: { candidateId: "nobody" }, context: {} });
  await expect(missing).rejects.toMatchObject({ status: 404 });
});
