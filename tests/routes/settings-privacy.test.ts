// Settings → Privacy: managers only; the settings form refuses bad numbers at their fields and saves with an audit
// event; exempting needs a reason and is audited.
import { expect, test } from "vitest";
import { action, loader } from "~/routes/settings.privacy";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { signedInRequest } from "../builders/session";
import { makeUser } from "../builders/users";

type Reply = { data: { intent: string | null; result: { error?: Record<string, string[]> } | null }; init: ResponseInit | null };

async function post(userId: string, fields: Record<string, string>) {
  const request = await signedInRequest(userId, "http://localhost/settings/privacy", { method: "POST", body: new URLSearchParams(fields) });
  try {
    return (await action({ request, params: {}, context: {} })) as Response | Reply;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const statusOf = (result: Response | Reply) => (result instanceof Response ? result.status : (result.init?.status ?? 200));
const errorsOf = (result: Response | Reply) => (result as Reply).data.result?.error ?? {};

test("a recruiter gets 403 on the page and on its action", async () => {
  const recruiter = await makeUser();
  const request = await signedInRequest(recruiter.id, "http://localhost/settings/privacy");
  await expect(loader({ request, params: {}, context: {} })).rejects.toMatchObject({ status: 403 });
  expect(statusOf(await post(recruiter.id, { intent: "save-settings", retainCandidatesMonths: "1", retainEmailBodiesMonths: "1" }))).toBe(403);
  expect((await prisma.agency.findUnique({ where: { id: 1 } }))?.retainCandidatesMonths ?? 24).toBe(24);
});

test("bad limits are refused at their fields; good ones are saved and audited", async () => {
  const manager = await makeUser({ role: "manager" });
  const bad = await post(manager.id, { intent: "save-settings", retainCandidatesMonths: "0", retainEmailBodiesMonths: "abc", privacyContact: "a\nb" });
  expect(statusOf(bad)).toBe(400);
  expect(errorsOf(bad)).toMatchObject({
    retainCandidatesMonths: ["Enter a whole number of months from 1 to 240."],
    retainEmailBodiesMonths: ["Enter a whole number of months from 1 to 240."],
  });
  const good = await post(manager.id, { intent: "save-settings", retainCandidatesMonths: "36", retainEmailBodiesMonths: "6", privacyContact: "privacy@agency.example" });
  expect(statusOf(good)).toBe(302);
  expect(await prisma.agency.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ retainCandidatesMonths: 36, retainEmailBodiesMonths: 6, privacyContact: "privacy@agency.example" });
  const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "privacy.settings_updated" } });
  expect(JSON.parse(event.after!)).toEqual({ privacyContact: "privacy@agency.example", retainCandidatesMonths: 36, retainEmailBodiesMonths: 6 });
  expect(statusOf(await post(manager.id, { intent: "nonsense" }))).toBe(400);
});

test("exempting needs a reason and is audited; lifting it too", async () => {
  const manager = await makeUser({ role: "manager" });
  const candidate = await makeCandidate();
  const noReason = await post(manager.id, { intent: "exempt", candidateId: candidate.id, reason: "  " });
  expect(errorsOf(noReason).reason).toEqual(["Say why this candidate is kept."]);
  const unknown = await post(manager.id, { intent: "exempt", candidateId: "nobody", reason: "Legal hold" });
  expect(errorsOf(unknown).candidateId).toEqual(["This candidate no longer exists."]);
  expect(statusOf(await post(manager.id, { intent: "exempt", candidateId: candidate.id, reason: "Legal hold" }))).toBe(302);
  expect(await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).toMatchObject({ retentionExemptReason: "Legal hold" });
  expect(statusOf(await post(manager.id, { intent: "unexempt", candidateId: candidate.id }))).toBe(302);
  expect(await prisma.candidate.findUniqueOrThrow({ where: { id: candidate.id } })).toMatchObject({ retentionExemptAt: null, retentionExemptReason: null });
  const actions = (await prisma.auditEvent.findMany({ where: { candidateId: candidate.id }, orderBy: { at: "asc" } })).map((e) => e.action);
  expect(actions).toEqual(["candidate.retention_exempted", "candidate.retention_exemption_lifted"]);
});
