import { describe, expect, test } from "vitest";
import { AgencySchema } from "~/models/agency/agency-forms";
import { getAgency, updateAgency } from "~/models/agency/agency.server";
import { prisma } from "~/utils/db.server";
import { makeUser } from "../builders/users";

describe("agency settings", () => {
  test("are created with defaults (the server's time zone) on first read", async () => {
    expect(await prisma.agency.count()).toBe(0);
    const agency = await getAgency();
    expect(agency).toEqual({ name: "Rebound Staffing", timeZone: "UTC", senderName: "Rebound Staffing", replyTo: null, recruitersSeeOwnCandidatesOnly: false, quietAfterDays: 30, overdueGraceHours: 2, checkInEnabled: true, checkInAfterHours: 2 });
    expect(await prisma.agency.count()).toBe(1);
  });

  test("saving writes the audit event with before and after", async () => {
    const manager = await makeUser({ role: "manager" });
    await getAgency();
    const next = { name: "Harbour Recruiting", timeZone: "Europe/London", senderName: "Harbour", replyTo: "team@harbour.example", recruitersSeeOwnCandidatesOnly: true };
    await updateAgency(next, { userId: manager.id });
    // Left out, the recovery settings keep their values.
    const saved = { ...next, quietAfterDays: 30, overdueGraceHours: 2, checkInEnabled: true, checkInAfterHours: 2 };
    expect(await getAgency()).toEqual(saved);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "agency.updated" } });
    expect(JSON.parse(event.before!).name).toBe("Rebound Staffing");
    expect(JSON.parse(event.after!)).toEqual(saved);
  });

  test("the form refuses an unknown time zone and a bad reply-to, at those fields", () => {
    const result = AgencySchema.safeParse({ name: "A", timeZone: "Mars/Base", senderName: "A", replyTo: "not-an-email" });
    expect(result.success).toBe(false);
    const errors = result.error!.flatten().fieldErrors;
    expect(errors.timeZone).toEqual(["Choose a time zone from the list."]);
    expect(errors.replyTo?.[0]).toMatch(/valid email/);
    expect(errors.name).toBeUndefined();
  });

  test("an empty reply-to means none", () => {
    const result = AgencySchema.parse({ name: "A", timeZone: "UTC", senderName: "A", replyTo: "", recruitersSeeOwnCandidatesOnly: "false", quietAfterDays: "30", overdueGraceHours: "2", checkInEnabled: "true", checkInAfterHours: "2" });
    expect(result.replyTo).toBeNull();
  });
});
