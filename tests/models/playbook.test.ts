import { describe, expect, test } from "vitest";
import { dueTimeFor } from "~/models/recovery/step-due";
import { DEFAULT_PLAYBOOK } from "~/models/recovery/playbook";

const at = (iso: string) => new Date(iso);

describe("dueTimeFor", () => {
  test("without a time of day, a step is due its offset after the interview ends", () => {
    expect(dueTimeFor(at("2026-11-20T11:00:00Z"), { dueOffsetMinutes: 24 * 60 }, "Europe/London")).toEqual(at("2026-11-21T11:00:00Z"));
    expect(dueTimeFor(at("2026-11-20T11:00:00Z"), { dueOffsetMinutes: 0, dueLocalTime: null }, "Asia/Tokyo")).toEqual(at("2026-11-20T11:00:00Z"));
  });

  test("an offset counts elapsed time, even across the autumn change", () => {
    // 16:00 BST on 24 Oct + 24 h is 15:00 GMT on the 25th: one real day later, not the same clock time.
    expect(dueTimeFor(at("2026-10-24T15:00:00Z"), { dueOffsetMinutes: 24 * 60 }, "Europe/London")).toEqual(at("2026-10-25T15:00:00Z"));
  });

  test("'next morning at 09:00' stays 09:00 on the clock across the autumn change in London", () => {
    // The interview ends at 16:00 BST on 24 Oct 2026; the clocks go back at 02:00 on the 25th.
    const due = dueTimeFor(at("2026-10-24T15:00:00Z"), { dueOffsetMinutes: 60, dueLocalTime: "09:00" }, "Europe/London");
    expect(due).toEqual(at("2026-10-25T09:00:00Z"));
  });

  test("'next morning at 09:00' stays 09:00 across the spring change in London", () => {
    const due = dueTimeFor(at("2026-03-28T15:00:00Z"), { dueOffsetMinutes: 60, dueLocalTime: "09:00" }, "Europe/London");
    expect(due).toEqual(at("2026-03-29T08:00:00Z"));
  });

  test("a time of day inside the spring gap moves forward by the gap (01:30 becomes 02:30 BST)", () => {
    // On 29 Mar 2026 London's clocks jump from 01:00 to 02:00, so 01:30 never happens that night.
    const due = dueTimeFor(at("2026-03-28T22:00:00Z"), { dueOffsetMinutes: 0, dueLocalTime: "01:30" }, "Europe/London");
    expect(due).toEqual(at("2026-03-29T01:30:00Z"));
  });

  test("a time of day repeated by the autumn change is the first occurrence not before the offset", () => {
    // 01:30 happens twice on 25 Oct 2026 in London: 00:30Z (BST) and 01:30Z (GMT).
    const zone = "Europe/London";
    expect(dueTimeFor(at("2026-10-25T00:00:00Z"), { dueOffsetMinutes: 0, dueLocalTime: "01:30" }, zone)).toEqual(at("2026-10-25T00:30:00Z"));
    expect(dueTimeFor(at("2026-10-25T00:45:00Z"), { dueOffsetMinutes: 0, dueLocalTime: "01:30" }, zone)).toEqual(at("2026-10-25T01:30:00Z"));
  });

  test("a time of day already passed on the day moves to the next day", () => {
    // 10:00 in New York (EST, UTC-5) on 20 Nov; the interview ends at 15:00 local, so the next 10:00 is the 21st.
    const due = dueTimeFor(at("2026-11-20T20:00:00Z"), { dueOffsetMinutes: 0, dueLocalTime: "10:00" }, "America/New_York");
    expect(due).toEqual(at("2026-11-21T15:00:00Z"));
  });

  test("New York's own daylight-saving change keeps the clock time", () => {
    // US clocks go back on 1 Nov 2026: 09:00 EDT is 13:00Z on 31 Oct, 09:00 EST is 14:00Z on 1 Nov.
    const step = { dueOffsetMinutes: 12 * 60, dueLocalTime: "09:00" };
    expect(dueTimeFor(at("2026-10-31T21:00:00Z"), step, "America/New_York")).toEqual(at("2026-11-01T14:00:00Z"));
    expect(dueTimeFor(at("2026-10-30T21:00:00Z"), step, "America/New_York")).toEqual(at("2026-10-31T13:00:00Z"));
  });

  test("the time of day is read in the zone given, not the server's", () => {
    const end = at("2026-06-10T12:00:00Z");
    const step = { dueOffsetMinutes: 0, dueLocalTime: "18:00" };
    expect(dueTimeFor(end, step, "Europe/London")).toEqual(at("2026-06-10T17:00:00Z"));
    expect(dueTimeFor(end, step, "America/New_York")).toEqual(at("2026-06-10T22:00:00Z"));
    expect(dueTimeFor(end, step, "UTC")).toEqual(at("2026-06-10T18:00:00Z"));
  });
});

describe("the default playbook", () => {
  test("covers the recovery the articles describe, with owners and due times", () => {
    expect(DEFAULT_PLAYBOOK.length).toBeGreaterThanOrEqual(11);
    const titles = DEFAULT_PLAYBOOK.map((s) => s.title.toLowerCase()).join("\n");
    for (const words of ["calm down", "check in", "phone the hiring manager", "thank-you note", "30 minutes", "questions", "social media", "replay", "second interview", "job hunting", "stay in touch"]) {
      expect(titles).toContain(words);
    }
    const call = DEFAULT_PLAYBOOK.find((s) => s.title.includes("Phone the hiring manager"))!;
    expect(call).toMatchObject({ owner: "candidate", dueOffsetMinutes: 24 * 60 });
    expect(call.guidance).toMatch(/not an email|rather than sending an email/);
    expect(DEFAULT_PLAYBOOK.find((s) => s.title.includes("Check in"))).toMatchObject({ owner: "recruiter" });
    expect(DEFAULT_PLAYBOOK.find((s) => s.title.includes("thank-you note"))).toMatchObject({ dueLocalTime: "10:00" });
    for (const step of DEFAULT_PLAYBOOK) {
      const sentences = step.guidance.split(/(?<=[.!?:])\s+/).filter(Boolean).length;
      expect(sentences, step.title).toBeGreaterThanOrEqual(2);
      expect(step.guidance.length, step.title).toBeLessThanOrEqual(600);
    }
  });
});
