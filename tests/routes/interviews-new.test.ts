import { expect, test } from "vitest";
import { action, loader } from "~/routes/interviews.new";
import { prisma } from "~/utils/db.server";
import { makeCandidate } from "../builders/candidates";
import { fieldErrorsOf, interviewFields, signedIn, statusOf } from "../builders/interviews";

async function logVia(fields: Record<string, string | string[]>) {
  const session = await signedIn();
  return action({ request: session.post("/interviews/new", fields), params: {}, context: {} });
}

const counts = async () => ({
  candidates: await prisma.candidate.count(),
  interviews: await prisma.interview.count(),
  companies: await prisma.company.count(),
  audit: await prisma.auditEvent.count(),
});

test.each([
  ["a missing candidate", { candidateMode: "existing", candidateName: undefined, candidateEmail: undefined }, "candidateQuery"],
  ["a date that is not a date", { scheduledAt: "2026-02-30T25:99" }, "scheduledAt"],
  ["text instead of a date", { scheduledAt: "next tuesday" }, "scheduledAt"],
  ["a 10,000-character name", { candidateName: "x".repeat(10_000) }, "candidateName"],
  ["an unknown round", { round: "fifth" }, "round"],
])("%s gives 400 with a field error and writes nothing", async (_, overrides, field) => {
  const fields = Object.fromEntries(
    Object.entries(interviewFields(overrides as Record<string, string>)).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  const before = await counts();
  const result = await logVia(fields);
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result)[field]?.length).toBeGreaterThan(0);
  expect(await counts()).toEqual(before);
});

test("a duplicate email gives a field error on the email and offers the existing candidate", async () => {
  const existing = await makeCandidate({ name: "Dana Duplicate", email: "dana@example.net" });
  const before = await counts();
  const result = await logVia(interviewFields({ candidateEmail: "Dana@Example.net" }));
  expect(statusOf(result)).toBe(400);
  expect(fieldErrorsOf(result).candidateEmail).toEqual(["Dana Duplicate already has this email address."]);
  expect((result as unknown as { data: { duplicate: { id: string } } }).data.duplicate.id).toBe(existing.id);
  expect(await counts()).toEqual(before);

  const useInstead = await logVia(interviewFields({ candidateEmail: "Dana@Example.net", useCandidateId: existing.id }));
  expect(statusOf(useInstead)).toBe(302);
  expect(await prisma.interview.count({ where: { candidateId: existing.id } })).toBe(1);
});

test("a new candidate is logged and the page redirects to the interview", async () => {
  const result = (await logVia(interviewFields({ candidateEmail: "fresh@example.net" }))) as Response;
  expect(result.status).toBe(302);
  const interview = await prisma.interview.findFirstOrThrow({ where: { candidate: { email: "fresh@example.net" } } });
  expect(result.headers.get("Location")).toBe(`/interviews/${interview.id}`);
  // 14:30 in the agency zone (UTC in tests) is stored as that instant.
  expect(interview.scheduledAt.toISOString()).toBe("2026-11-24T14:30:00.000Z");
});

test("'went badly' redirects straight into the flag form", async () => {
  const result = (await logVia(interviewFields({ candidateEmail: "badly@example.net", impression: "went_badly" }))) as Response;
  const interview = await prisma.interview.findFirstOrThrow({ where: { candidate: { email: "badly@example.net" } } });
  expect(result.headers.get("Location")).toBe(`/interviews/${interview.id}?flag=new`);
});

test("?candidate= preselects that candidate; an unknown id preselects nobody", async () => {
  const session = await signedIn();
  const candidate = await makeCandidate({ name: "Pre Selected" });
  const found = await loader({ request: session.get(`/interviews/new?candidate=${candidate.id}`), params: {}, context: {} });
  expect(found.preselected).toMatchObject({ id: candidate.id, name: "Pre Selected" });
  const none = await loader({ request: session.get("/interviews/new?candidate=nope"), params: {}, context: {} });
  expect(none.preselected).toBeNull();
});
