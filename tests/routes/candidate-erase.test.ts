// "Erase this candidate" on the profile: managers only (a recruiter's post is a 403 and changes nothing), the typed
// name must match, a bad form changes nothing, and an erased candidate's page shows nothing personal.
import { expect, test } from "vitest";
import { action, loader } from "~/routes/candidates.$candidateId";
import { prisma } from "~/utils/db.server";
import { SUPPRESSED_WARNING } from "~/models/privacy/suppression.server";
import { takeToast } from "~/utils/session.server";
import { makeCandidate } from "../builders/candidates";
import { interviewFields, makeInterview, signedIn } from "../builders/interviews";
import { action as logInterviewAction } from "~/routes/interviews.new";
import { signedInRequest } from "../builders/session";
import { makeUser } from "../builders/users";

type Reply = { data: { intent: string | null; result: { error?: Record<string, string[]> } | null }; init: ResponseInit | null };

async function post(candidateId: string, userId: string, fields: Record<string, string>) {
  const request = await signedInRequest(userId, `http://localhost/candidates/${candidateId}`, { method: "POST", body: new URLSearchParams(fields) });
  try {
    return (await action({ request, params: { candidateId }, context: {} })) as Response | Reply;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const statusOf = (result: Response | Reply) => (result instanceof Response ? result.status : (result.init?.status ?? 200));
const errorsOf = (result: Response | Reply) => (result as Reply).data.result?.error ?? {};

async function loadAs(userId: string, candidateId: string) {
  const request = await signedInRequest(userId, `http://localhost/candidates/${candidateId}`);
  return loader({ request, params: { candidateId }, context: {} });
}

test("a recruiter gets 403 and the page offers them no erase form", async () => {
  const recruiter = await makeUser();
  const candidate = await makeCandidate({ name: "Ria Kept", recruiterId: recruiter.id });
  const result = await post(candidate.id, recruiter.id, { intent: "erase", reason: "candidate_request", confirmName: "Ria Kept" });
  expect(statusOf(result)).toBe(403);
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).erasedAt).toBeNull();
  expect((await loadAs(recruiter.id, candidate.id)).canManageData).toBe(false);
});

test("a name that doesn't match is refused at the confirmation field and nothing changes", async () => {
  const manager = await makeUser({ role: "manager" });
  const candidate = await makeCandidate({ name: "Ria Kept" });
  const result = await post(candidate.id, manager.id, { intent: "erase", reason: "candidate_request", confirmName: "Ria" });
  expect(statusOf(result)).toBe(400);
  expect(errorsOf(result).confirmName?.[0]).toMatch(/exactly as shown/);
  expect(await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).toMatchObject({ name: "Ria Kept", erasedAt: null });
  expect(await prisma.auditEvent.count({ where: { candidateId: candidate.id } })).toBe(0);
});

test("“Other” needs a note, and a 10,000-character note is refused", async () => {
  const manager = await makeUser({ role: "manager" });
  const candidate = await makeCandidate({ name: "Ria Kept" });
  const noNote = await post(candidate.id, manager.id, { intent: "erase", reason: "other", confirmName: "Ria Kept" });
  expect(statusOf(noNote)).toBe(400);
  expect(errorsOf(noNote).note).toEqual(["Say why the candidate is erased."]);
  const long = await post(candidate.id, manager.id, { intent: "erase", reason: "other", note: "x".repeat(10_000), confirmName: "Ria Kept" });
  expect(statusOf(long)).toBe(400);
  expect(errorsOf(long).note?.[0]).toMatch(/at most 500/);
  const badReason = await post(candidate.id, manager.id, { intent: "erase", reason: "because", confirmName: "Ria Kept" });
  expect(errorsOf(badReason).reason).toEqual(["Choose why the candidate is erased."]);
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).erasedAt).toBeNull();
});

test("a manager erases (the name in any case) and the page then shows nothing personal; editing is refused", async () => {
  const manager = await makeUser({ role: "manager", name: "Morgan Reyes" });
  const candidate = await makeCandidate({ name: "Ria Kept", email: "ria.kept@example.net" });
  await makeInterview({ candidateId: candidate.id });
  const result = await post(candidate.id, manager.id, { intent: "erase", reason: "other", note: "Duplicate record", confirmName: " ria  kept " });
  expect(statusOf(result)).toBe(302);
  const page = await loadAs(manager.id, candidate.id);
  expect(page.candidate.erasedAt).not.toBeNull();
  expect(JSON.stringify(page)).not.toMatch(/Ria Kept|ria\.kept@example\.net/i);
  expect(page.timeline.some((e) => e.summary === "Personal data erased")).toBe(true);
  const edit = await post(candidate.id, manager.id, { intent: "update-contact", name: "Ria Back", email: "ria.kept@example.net" });
  expect(statusOf(edit)).toBe(400);
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).name).not.toBe("Ria Back");
});

test("giving a candidate an erased candidate's address saves it with a warning that nothing will be emailed", async () => {
  const manager = await makeUser({ role: "manager" });
  const erased = await makeCandidate({ name: "Gone Person", email: "gone.person@example.net" });
  expect(statusOf(await post(erased.id, manager.id, { intent: "erase", reason: "candidate_request", confirmName: "Gone Person" }))).toBe(302);
  const other = await makeCandidate({ name: "New Person" });
  const result = await post(other.id, manager.id, { intent: "update-contact", name: "New Person", email: "Gone.Person@example.net" });
  expect(statusOf(result)).toBe(302);
  const flash = (result as Response).headers.get("Set-Cookie")!.split(";")[0];
  const { toast } = await takeToast(new Request("http://localhost/", { headers: { Cookie: flash } }));
  expect(toast?.detail).toBe(SUPPRESSED_WARNING);
  expect((await prisma.candidate.findUniqueOrThrow({ where: { id: other.id } })).email).toBe("gone.person@example.net");
});

test("logging an interview for a new candidate with an erased candidate's address adds them with the same warning", async () => {
  const manager = await makeUser({ role: "manager" });
  const erased = await makeCandidate({ name: "Lost Person", email: "lost.person@example.net" });
  expect(statusOf(await post(erased.id, manager.id, { intent: "erase", reason: "candidate_request", confirmName: "Lost Person" }))).toBe(302);
  const session = await signedIn();
  const result = (await logInterviewAction({
    request: session.post("/interviews/new", interviewFields({ candidateName: "Lost Again", candidateEmail: "LOST.person@example.net" })),
    params: {},
    context: {},
  })) as Response;
  expect(result.status).toBe(302);
  const { toast } = await takeToast(new Request("http://localhost/", { headers: { Cookie: result.headers.get("Set-Cookie")!.split(";")[0] } }));
  expect(toast?.detail).toBe(SUPPRESSED_WARNING);
  expect(await prisma.candidate.count({ where: { email: "lost.person@example.net", erasedAt: null } })).toBe(1);
});
