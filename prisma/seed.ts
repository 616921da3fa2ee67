// Deterministic demo data: the same agency, people and history every time (fixed random seed),
// dated relative to today so the dashboard always has recent work.
import type { PrismaClient } from "../app/.generated/prisma/client.ts";
import { recordAudit } from "../app/models/audit/audit.server.ts";
import { startChecklistRun } from "../app/models/recovery/checklist.server.ts";
import { flagReasons } from "../app/models/enums.ts";
import { ensureDefaultPlaybook } from "../app/models/recovery/playbook.server.ts";
import { recoveryWindowClosesAt } from "../app/models/recovery/rules.ts";
import { syncAllSummaries } from "../app/models/candidates/summaries.server.ts";
import { hashPassword } from "../app/utils/password.server.ts";

export const DEMO_PASSWORD = "rebound-demo";
const DAY = 24 * 3600_000;

/** mulberry32: a tiny seeded generator, so the demo is identical on every machine. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Alex", "Sam", "Jordan", "Priya", "Wei", "Fatima", "Lucas", "Amara", "Noah", "Elena", "Kofi", "Mia", "Diego", "Hana", "Omar", "Zoe", "Ravi", "Ingrid", "Tariq", "Chloe", "Mateo", "Aisha", "Ben", "Yuki"];
const LAST = ["Okafor", "Schmidt", "Patel", "Nguyen", "García", "O'Brien", "Kowalski", "Haddad", "Silva", "Larsen", "Mensah", "Rossi", "Kim", "Dubois", "Cohen", "Novak", "Ahmed", "Walsh", "Ferreira", "Lindqvist"];
const COMPANIES = ["Harbor Logistics", "Brightwave Energy", "Cedar & Stone Legal", "Lumen Health", "Northwind Retail", "Quanta Fintech", "Riverside Council", "Summit Engineering", "Tidal Media", "Vertex Software"];
const ROLES = ["Warehouse Supervisor", "Customer Service Lead", "Paralegal", "Staff Nurse", "Store Manager", "Data Analyst", "Administrative Officer", "Site Engineer", "Content Producer", "Backend Developer", "Accounts Assistant", "Project Coordinator"];
const INTERVIEWERS = ["Dana Whitfield", "Marcus Lee", "Sofia Marin", "Greg Holloway", "Anita Desai", "Tom Brennan", "Leila Farouk", "Chris Adeyemi"];
/** A typical description for each flag reason, for demo flags. */
export const FLAG_DESCRIPTIONS: Record<string, string> = {
  late: "Train cancelled; arrived 25 minutes after the start and flustered.",
  appearance: "Came in casual clothes to a formal panel interview.",
  no_resume: "Had no printed résumé when the panel asked to walk through it.",
  nerves: "Very nervous; answers ran long and lost the thread.",
  blanked: "Went blank on the question about a difficult stakeholder.",
  wrong_name: "Addressed the hiring manager by the wrong name twice.",
  unprepared: "Could not say what the company does or why they want the role.",
  body_language: "Little eye contact, arms folded, seemed disengaged.",
  job_hopping: "Spent the work-history part explaining why they left each job.",
  no_examples: "Could not give concrete examples of past achievements.",
  other: "Phone rang during the interview and they took the call.",
};

const SEED = 20261122;

export async function seedDemo(prisma: PrismaClient) {
  // Some draws happen only on branches that depend on today's date (is it past? how old is the flag?).
  // Each candidate and interview gets its own stream, so such a branch can't shift every later draw.
  let random = seededRandom(SEED);
  const reseed = (n: number) => (random = seededRandom(SEED * 31 + n));
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const now = Date.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return prisma.$transaction(
    async (tx) => {
      await tx.agency.upsert({
        where: { id: 1 },
        create: { id: 1, name: "Northbridge Staffing", senderName: "Northbridge Staffing", timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC", replyTo: "team@example.com" },
        update: { name: "Northbridge Staffing", senderName: "Northbridge Staffing", replyTo: "team@example.com" },
      });
      const manager = await tx.user.create({
        data: { name: "Morgan Reyes", email: "manager@example.com", role: "manager", passwordHash },
      });
      const recruiters = [];
      for (const [name, email] of [
        ["Riley Chen", "recruiter@example.com"],
        ["Jamie Osei", "jamie.osei@example.com"],
        ["Casey Novak", "casey.novak@example.com"],
        ["Taylor Brooks", "taylor.brooks@example.com"],
      ]) {
        recruiters.push(await tx.user.create({ data: { name, email, role: "recruiter", passwordHash } }));
      }
      const companies = [];
      for (const name of COMPANIES) companies.push(await tx.company.create({ data: { name } }));

      const candidates = [];
      for (let i = 0; i < 220; i++) {
        reseed(i);
        const first = FIRST[i % FIRST.length];
        const last = LAST[Math.floor(i / FIRST.length + i) % LAST.length];
        const slug = `${first}.${last}`.toLowerCase().normalize("NFD").replace(/[^a-z.]/g, "");
        candidates.push(
          await tx.candidate.create({
            data: {
              name: `${first} ${last}`,
              email: `${slug}.${i + 1}@example.net`,
              phone: chance(0.8) ? `+44 7700 9${String(100000 + i * 37).slice(-5)}` : null,
              linkedinUrl: chance(0.5) ? `https://www.linkedin.com/in/${slug.replace(".", "-")}-${i + 1}` : null,
              recruiterId: recruiters[i % recruiters.length].id,
              emailOptOut: i % 41 === 40,
              optedOutAt: i % 41 === 40 ? new Date(now - 20 * DAY) : null,
              createdAt: new Date(now - 190 * DAY + i * 0.8 * DAY),
            },
          }),
        );
      }

      await ensureDefaultPlaybook(tx);
      const flagsForChecklists: Array<{ flagId: string; interviewId: string; flaggedAt: Date; resolved: boolean; recruiterId: string }> = [];
      let flagged = 0;
      let requests = 0;
      let hires = 0;
      const statusById = new Map<string, "open" | "recovering" | "hired" | "closed">();
      for (let i = 0; i < 420; i++) {
        reseed(1000 + i);
        const candidate = candidates[i < 220 ? i : Math.floor(random() * candidates.length)];
        // Six months back up to two days ahead, so "today and tomorrow" has interviews too.
        const scheduledAt = new Date(now - Math.floor(random() * 182 * DAY) + 2 * DAY * (i % 25 === 0 ? 1 : 0));
        scheduledAt.setUTCMinutes(0, 0, 0);
        scheduledAt.setUTCHours(8 + Math.floor(random() * 9));
        // A few interviews went badly within the last day, so the 24-hour recovery window has live work.
        const freshlyBad = i % 60 === 5;
        if (freshlyBad) scheduledAt.setTime(now - (6 + (i % 12)) * 3600_000);
        const inPast = scheduledAt.getTime() < now;
        const wentBadly = freshlyBad || (inPast && chance(0.27));
        const company = pick(companies);
        const interview = await tx.interview.create({
          data: {
            candidateId: candidate.id,
            companyId: company.id,
            recruiterId: candidate.recruiterId,
            roleTitle: pick(ROLES),
            round: chance(0.75) ? "first" : chance(0.6) ? "second" : "final",
            format: pick(["in_person", "phone", "video"] as const),
            scheduledAt,
            durationMinutes: pick([30, 45, 60, 60, 90]),
            interviewerName: pick(INTERVIEWERS),
            impression: !inPast ? "unknown" : wentBadly ? "went_badly" : pick(["went_well", "went_well", "mixed", "unknown"] as const),
            notes: wentBadly ? "Candidate called straight after; upset about how it went." : null,
          },
        });
        if (!inPast) continue;
        if (!wentBadly) {
          if (chance(0.12)) {
            hires++;
            statusById.set(candidate.id, "hired");
            await tx.candidacyOutcome.create({
              data: { candidateId: candidate.id, interviewId: interview.id, companyId: company.id, outcome: "hired", decidedAt: new Date(scheduledAt.getTime() + 9 * DAY), startDate: new Date(scheduledAt.getTime() + 30 * DAY), recordedById: candidate.recruiterId },
            });
          }
          continue;
        }

        flagged++;
        const reasonCount = 1 + Math.floor(random() * 3);
        const reasons = new Set<string>();
        while (reasons.size < reasonCount) reasons.add(pick(flagReasons.values));
        const flaggedAt = new Date(Math.min(now, scheduledAt.getTime() + (1 + Math.floor(random() * 5)) * 3600_000));
        const age = now - flaggedAt.getTime();
        const resolved = age > 21 * DAY && chance(0.6);
        const firstReason = [...reasons][0];
        const flag = await tx.interviewFlag.create({
          data: {
            interviewId: interview.id,
            severity: pick(["minor", "serious", "serious", "critical"] as const),
            source: pick(["recruiter_observed", "candidate_self_report", "client_feedback"] as const),
            description: FLAG_DESCRIPTIONS[firstReason],
            otherReason: reasons.has("other") ? "Took a phone call mid-interview" : null,
            flaggedById: candidate.recruiterId,
            flaggedAt,
            windowClosesAt: recoveryWindowClosesAt(interview),
            closedAt: resolved ? new Date(flaggedAt.getTime() + 14 * DAY) : null,
            closedById: resolved ? candidate.recruiterId : null,
            closedReason: resolved ? "resolved_by_hand" : null,
            recoveryState: resolved ? "closed" : "open",
            reasons: { create: [...reasons].map((reason) => ({ reason })) },
          },
        });
        flagsForChecklists.push({ flagId: flag.id, interviewId: interview.id, flaggedAt, resolved, recruiterId: candidate.recruiterId });
        if (statusById.get(candidate.id) !== "hired") statusById.set(candidate.id, "recovering");

        if (age < 2 * DAY || !chance(0.62)) continue;
        requests++;
        const withinDay = chance(0.6);
        const requestedAt = new Date(flaggedAt.getTime() + (withinDay ? 4 : 40 + random() * 60) * 3600_000);
        const response = age < 6 * DAY ? "pending" : pick(["granted", "granted", "granted", "declined", "declined", "no_response", "pending"] as const);
        const request = await tx.secondInterviewRequest.create({
          data: {
            interviewId: interview.id,
            candidateId: candidate.id,
            requestedAt,
            requestedBy: chance(0.7) ? "candidate" : "recruiter",
            channel: withinDay ? "phone" : pick(["phone", "email", "letter"] as const),
            note: "Explained the bad day without excuses and asked for another chance.",
            response,
            respondedAt: response === "pending" ? null : new Date(requestedAt.getTime() + 2 * DAY),
            recordedById: candidate.recruiterId,
          },
        });
        if (response === "declined") {
          statusById.set(candidate.id, "closed");
          await tx.candidacyOutcome.create({
            data: { candidateId: candidate.id, interviewId: interview.id, companyId: company.id, outcome: "rejected", decidedAt: new Date(requestedAt.getTime() + 2 * DAY), recordedById: candidate.recruiterId },
          });
        }
        if (response !== "granted") continue;
        const secondAt = new Date(requestedAt.getTime() + 6 * DAY);
        await tx.interview.create({
          data: {
            candidateId: candidate.id,
            companyId: company.id,
            recruiterId: candidate.recruiterId,
            roleTitle: interview.roleTitle,
            round: "second",
            format: "in_person",
            scheduledAt: secondAt,
            interviewerName: interview.interviewerName,
            impression: secondAt.getTime() < now ? "went_well" : "unknown",
            secondInterviewRequestId: request.id,
          },
        });
        if (secondAt.getTime() < now - 5 * DAY && chance(0.55)) {
          hires++;
          statusById.set(candidate.id, "hired");
          await tx.candidacyOutcome.create({
            data: { candidateId: candidate.id, interviewId: interview.id, companyId: company.id, outcome: "hired", decidedAt: new Date(secondAt.getTime() + 4 * DAY), startDate: new Date(secondAt.getTime() + 25 * DAY), recordedById: candidate.recruiterId },
          });
        }
      }
      for (const [index, flag] of flagsForChecklists.entries()) await seedChecklist(tx, flag, index, now);
      for (const [id, status] of statusById) await tx.candidate.update({ where: { id }, data: { status } });
      await syncAllSummaries(tx);

      await recordAudit(tx, { actor: { label: "system" }, action: "demo.seeded", entityId: "1", after: { manager: manager.email } });
      return `${recruiters.length + 1} users, ${companies.length} companies, ${candidates.length} candidates, 420 interviews, ${flagged} flagged (each with its recovery checklist), ${requests} second-interview requests, ${hires} hires`;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

type SeedTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * The flag's recovery checklist, worked through as far as a diligent recruiter would have by now: steps due more
 * than half a day ago are ticked (candidate steps partly by the candidate through their link). A resolved flag's
 * checklist is complete. An open flag keeps its last step ("stay in touch") to do, and every third one has the
 * recruiter's client call still outstanding, so the dashboard's step lists have work in them. No random draws:
 * the ticks follow from the dates alone.
 */
async function seedChecklist(
  tx: SeedTx,
  flag: { flagId: string; interviewId: string; flaggedAt: Date; resolved: boolean; recruiterId: string },
  index: number,
  now: number,
) {
  const run = await startChecklistRun(tx, { interviewId: flag.interviewId, flagId: flag.flagId, now: flag.flaggedAt });
  const states = await tx.checklistStepState.findMany({
    where: { runId: run.id },
    select: { id: true, dueAt: true, step: { select: { position: true, owner: true } } },
    orderBy: { step: { position: "asc" } },
  });
  const lastPosition = states.at(-1)?.step.position;
  let lastTick = flag.flaggedAt.getTime();
  for (const state of states) {
    const { position, owner } = state.step;
    const due = state.dueAt.getTime();
    const leftOpen =
      !flag.resolved && (position === lastPosition || (owner === "recruiter" && position > 2 && index % 3 === 0));
    if (!flag.resolved && (leftOpen || due > now - 12 * 3600_000)) continue;
    // Ticked a little before it fell due, never before the checklist started nor in the future.
    const at = Math.min(now, Math.max(flag.flaggedAt.getTime() + 60_000, due - 2 * 3600_000));
    lastTick = Math.max(lastTick, at);
    const byCandidate = owner === "candidate" && position % 2 === 0;
    await tx.checklistStepState.update({
      where: { id: state.id },
      data: {
        status: "done",
        completedAt: new Date(at),
        completedById: byCandidate ? null : flag.recruiterId,
        completedByCandidate: byCandidate,
      },
    });
  }
  if (flag.resolved) {
    await tx.checklistRun.update({ where: { id: run.id }, data: { status: "completed", completedAt: new Date(lastTick) } });
  }
}
