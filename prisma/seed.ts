// Deterministic demo data: the same agency, people and history every time (fixed random seed),
// dated relative to today so the dashboard always has recent work.
import type { PrismaClient } from "../app/.generated/prisma/client.ts";
import { recordAudit } from "../app/models/audit/audit.server.ts";
import { startChecklistRun } from "../app/models/recovery/checklist.server.ts";
import { flagReasons } from "../app/models/enums.ts";
import { ensureDefaultPlaybook } from "../app/models/recovery/playbook.server.ts";
import { closeRecoveryInTx, syncCandidateStatus } from "../app/models/recovery/lifecycle.server.ts";
import { DEFAULT_QUIET_AFTER_DAYS, recoveryWindowClosesAt } from "../app/models/recovery/rules.ts";
import { recordOutcomeInTx } from "../app/models/second-interviews/second-interview.server.ts";
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

/** How recruiters note a recovery they resolved by hand. */
const HAND_NOTES = [
  "Spoke to the hiring manager: the role was filled internally. Candidate took it well; back to the open pool.",
  "Candidate found a permanent job through a former colleague; nothing more for us to do.",
  "Coaching done and the candidate feels ready again; moving on to other applications.",
  "The client paused hiring for the quarter. Candidate knows and is fine with it.",
];
const WITHDRAWN_NOTES = [
  "Withdrew: accepted an offer elsewhere.",
  "Withdrew: decided the commute was too long after all.",
  "Withdrew: staying in their current job after a counter-offer.",
];
/** The state a second-interview answer moves a recovery to (as moveRecoveryForRequest). */
const stateForResponse = { pending: "requested", granted: "granted", declined: "declined", no_response: "no_answer" } as const;

const SEED = 20261122;

export async function seedDemo(prisma: PrismaClient) {
  // Some draws happen only on branches that depend on today's date (is it past? how old is the flag?).
  // Each candidate and interview gets its own stream, so such a branch can't shift every later draw.
  let random = seededRandom(SEED);
  const reseed = (n: number) => (random = seededRandom(SEED * 31 + n));
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const now = Date.now();
  // Every audit event the app's writers record during the seed is dated at or after this, until it is re-dated.
  const seedStart = new Date(now);
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
      const seeded: SeededFlag[] = [];
      const events: Closing[] = [];
      let flagged = 0;
      let requests = 0;
      for (let i = 0; i < 420; i++) {
        reseed(1000 + i);
        const candidate = candidates[i < 220 ? i : Math.floor(random() * candidates.length)];
        // Six months back, on working hours.
        const scheduledAt = new Date(now - Math.floor(random() * 182 * DAY));
        scheduledAt.setUTCMinutes(0, 0, 0);
        scheduledAt.setUTCHours(8 + Math.floor(random() * 9));
        // Every 25th is booked within the next 20 hours: today or tomorrow on any clock at any hour, so that dashboard
        // section always has interviews (two days ahead of a random day was today or tomorrow only some hours).
        if (i % 25 === 0) scheduledAt.setTime(Math.floor(now / 3600_000) * 3600_000 + (1 + (i % 20)) * 3600_000);
        // A believable day on the dashboard, whatever today is: a few interviews went badly within the last day
        // (calls due inside the 24-hour window), and a few bad ones of the last fortnight wait for the company's
        // answer to a second-interview request.
        const freshlyBad = i % 60 === 5;
        const waitingForAnswer = i % 84 === 25;
        if (freshlyBad) scheduledAt.setTime(now - (6 + (i % 12)) * 3600_000);
        if (waitingForAnswer) scheduledAt.setTime(now - (9 + (i % 5)) * DAY - (i % 7) * 3600_000);
        const inPast = scheduledAt.getTime() < now;
        const wentBadly = freshlyBad || waitingForAnswer || (inPast && chance(0.27));
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
        const application = { candidateId: candidate.id, applicationId: interview.id, companyId: company.id, recruiterId: candidate.recruiterId };
        if (!wentBadly) {
          const decidedAt = scheduledAt.getTime() + 9 * DAY;
          if (chance(0.12) && decidedAt < now) {
            events.push({ kind: "outcome", ...application, outcome: "hired", at: new Date(decidedAt), startDate: new Date(scheduledAt.getTime() + 30 * DAY) });
          }
          continue;
        }

        flagged++;
        const reasonCount = 1 + Math.floor(random() * 3);
        const reasons = new Set<string>();
        while (reasons.size < reasonCount) reasons.add(pick(flagReasons.values));
        const flaggedAt = new Date(Math.min(now, scheduledAt.getTime() + (1 + Math.floor(random() * 5)) * 3600_000));
        const age = now - flaggedAt.getTime();
        const firstReason = [...reasons][0];
        const flag = await tx.interviewFlag.create({
          data: {
            interviewId: interview.id,
            severity: pick(["minor", "serious", "serious", "critical"] as const),
            source: pick(["recruiter_observed", "candidate_self_report", "client_feedback"] as const),
            description: FLAG_DESCRIPTIONS[firstReason],
            otherReason: reasons.has("other") ? "Took a phone call mid-interview" : null,
            flaggedById: candidate.recruiterId,
            recruiterId: candidate.recruiterId,
            flaggedAt,
            windowClosesAt: recoveryWindowClosesAt(interview),
            recoveryState: "open",
            stateChangedAt: flaggedAt,
            lastActivityAt: flaggedAt,
            reasons: { create: [...reasons].map((reason) => ({ reason })) },
          },
        });
        const record: SeededFlag = { flagId: flag.id, interviewId: interview.id, candidateId: candidate.id, recruiterId: candidate.recruiterId, flaggedAt, activity: flaggedAt.getTime() };
        seeded.push(record);

        if (!waitingForAnswer && (age < 2 * DAY || !chance(0.62))) {
          // No second interview asked for. Older recoveries ended one way or another: resolved by the recruiter
          // (with a note saying how), the candidate withdrew, or (left alone) they go quiet below.
          if (age > 21 * DAY) {
            const roll = random();
            if (roll < 0.45) {
              events.push({ kind: "hand", flag: record, at: new Date(flaggedAt.getTime() + (7 + Math.floor(random() * 8)) * DAY), note: pick(HAND_NOTES) });
            } else if (roll < 0.6) {
              events.push({ kind: "outcome", ...application, outcome: "withdrawn", at: new Date(flaggedAt.getTime() + (3 + Math.floor(random() * 8)) * DAY), note: pick(WITHDRAWN_NOTES) });
            }
          }
          continue;
        }
        requests++;
        const withinDay = chance(0.6);
        const requestedAt = new Date(Math.min(now - 3600_000, flaggedAt.getTime() + (withinDay ? 4 : 40 + random() * 60) * 3600_000));
        // Companies answer within days; a request still unanswered after a few weeks counts as no answer.
        let response: "pending" | "granted" | "declined" | "no_response" =
          waitingForAnswer || age < 6 * DAY ? "pending" : pick(["granted", "granted", "granted", "declined", "declined", "no_response", "pending"] as const);
        if (response === "pending" && age > 20 * DAY) response = "no_response";
        let respondedAt = response === "pending" ? null : new Date(requestedAt.getTime() + 2 * DAY);
        if (respondedAt && respondedAt.getTime() > now) respondedAt = new Date(now - 3600_000);
        const request = await tx.secondInterviewRequest.create({
          data: {
            interviewId: interview.id,
            candidateId: candidate.id,
            requestedAt,
            requestedBy: chance(0.7) ? "candidate" : "recruiter",
            channel: withinDay ? "phone" : pick(["phone", "email", "letter"] as const),
            note: "Explained the bad day without excuses and asked for another chance.",
            response,
            respondedAt,
            recordedById: candidate.recruiterId,
            recruiterId: candidate.recruiterId,
          },
        });
        // The request moves the recovery on, as moveRecoveryForRequest does in the app.
        const stateChangedAt = respondedAt ?? requestedAt;
        record.activity = Math.max(record.activity, stateChangedAt.getTime());
        await tx.interviewFlag.update({ where: { id: flag.id }, data: { recoveryState: stateForResponse[response], stateChangedAt } });
        if (response === "declined") {
          events.push({ kind: "outcome", ...application, outcome: "rejected", at: respondedAt!, note: "The company declined a second interview." });
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
        if (secondAt.getTime() < now) record.activity = Math.max(record.activity, secondAt.getTime());
        if (secondAt.getTime() < now - 5 * DAY) {
          // The second interview went ahead: most end in a hire, some in a "no" from either side.
          const roll = random();
          if (roll < 0.55) {
            events.push({ kind: "outcome", ...application, outcome: "hired", at: new Date(secondAt.getTime() + 4 * DAY), startDate: new Date(secondAt.getTime() + 25 * DAY) });
          } else if (roll < 0.7) {
            events.push({ kind: "outcome", ...application, outcome: "offer_declined", at: new Date(secondAt.getTime() + 5 * DAY), note: "Offered the role; the candidate turned it down over the salary." });
          } else if (roll < 0.9) {
            events.push({ kind: "outcome", ...application, outcome: "rejected", at: new Date(secondAt.getTime() + 3 * DAY), note: "Went better, but another candidate got the role." });
          }
        }
      }

      // Each checklist worked through until its recovery closed (or until now).
      const closesAt = new Map<string, number>();
      for (const event of events) {
        const key = event.kind === "outcome" ? event.applicationId : event.flag.interviewId;
        closesAt.set(key, Math.min(closesAt.get(key) ?? Infinity, event.at.getTime()));
      }
      for (const [index, flag] of seeded.entries()) {
        const lastTick = await seedChecklist(tx, flag, index, now, closesAt.get(flag.interviewId), seedStart);
        flag.activity = Math.max(flag.activity, lastTick);
      }
      // Left alone, a recovery goes quiet: it closes by itself the agency's N days after the last activity.
      for (const flag of seeded) {
        const quietAt = flag.activity + DEFAULT_QUIET_AFTER_DAYS * DAY;
        if (!closesAt.has(flag.interviewId) && quietAt < now) events.push({ kind: "quiet", flag, at: new Date(quietAt) });
      }

      // The history happens in order, through the app's own rules, each audit event dated when it happened.
      for (const flag of seeded) events.push({ kind: "flagged", flag, at: flag.flaggedAt });
      events.sort((a, b) => a.at.getTime() - b.at.getTime());
      const hires = events.filter((e) => e.kind === "outcome" && e.outcome === "hired").length;
      for (const event of events) {
        if (event.kind === "flagged") {
          // Flagging makes an open candidate "recovering" (flag.server.ts); hired and closed ones keep their status.
          await tx.candidate.updateMany({ where: { id: event.flag.candidateId, status: "open" }, data: { status: "recovering" } });
        } else if (event.kind === "outcome") await seedOutcome(tx, event);
        else if (event.kind === "hand") {
          const actor = { userId: event.flag.recruiterId };
          await closeRecoveryInTx(tx, event.flag.flagId, { reason: "resolved_by_hand", note: event.note, actor, now: event.at });
          await syncCandidateStatus(tx, event.flag.candidateId, actor, "resolved_by_hand");
        } else {
          const actor = { label: "system" } as const;
          await closeRecoveryInTx(tx, event.flag.flagId, { reason: "went_quiet", actor, now: event.at });
          await syncCandidateStatus(tx, event.flag.candidateId, actor, "went_quiet");
        }
        await dateAuditEvents(tx, seedStart, event.at);
      }

      // Activity as it happened (the writes above noted "now"); a closed recovery's ends at its closing.
      const flags = await tx.interviewFlag.findMany({ select: { id: true, closedAt: true } });
      const closedAtById = new Map(flags.map((f) => [f.id, f.closedAt]));
      for (const flag of seeded) {
        const closedAt = closedAtById.get(flag.flagId);
        const at = closedAt ? Math.min(flag.activity, closedAt.getTime()) : flag.activity;
        await tx.interviewFlag.update({ where: { id: flag.flagId }, data: { lastActivityAt: new Date(at) } });
      }

      // One recovery snoozed: the candidate is away for a few days, so the recruiter parked the call.
      const snoozed = await tx.interviewFlag.findFirst({
        where: { closedAt: null, removedAt: null, windowClosesAt: { lt: new Date(now) }, flaggedAt: { gt: new Date(now - 14 * DAY) } },
        orderBy: { flaggedAt: "desc" },
        select: { id: true, interviewId: true, flaggedById: true, interview: { select: { candidateId: true } } },
      });
      if (snoozed) {
        const snoozedAt = new Date(now - 3 * 3600_000);
        const until = new Date(now + 2 * DAY);
        const note = "Away at a family wedding until the weekend; call on Monday.";
        await tx.interviewFlag.update({ where: { id: snoozed.id }, data: { snoozedUntil: until, snoozeNote: note, snoozedById: snoozed.flaggedById, lastActivityAt: snoozedAt } });
        await recordAudit(tx, {
          actor: { userId: snoozed.flaggedById },
          action: "recovery.snoozed",
          entityId: snoozed.id,
          candidateId: snoozed.interview.candidateId,
          after: { interviewId: snoozed.interviewId, until: until.toISOString(), note },
        });
        await dateAuditEvents(tx, seedStart, snoozedAt);
      }
      await syncAllSummaries(tx);

      await recordAudit(tx, { actor: { label: "system" }, action: "demo.seeded", entityId: "1", after: { manager: manager.email } });
      const open = await tx.interviewFlag.count({ where: { closedAt: null, removedAt: null } });
      return `${recruiters.length + 1} users, ${companies.length} companies, ${candidates.length} candidates, 420 interviews, ${flagged} flagged (each with its recovery checklist; ${open} still open), ${requests} second-interview requests, ${hires} hires`;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

type SeedTx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** A seeded recovery; `activity` is the last thing anyone did about it (ms), for lastActivityAt and going quiet. */
type SeededFlag = { flagId: string; interviewId: string; candidateId: string; recruiterId: string; flaggedAt: Date; activity: number };
type Application = { candidateId: string; applicationId: string; companyId: string; recruiterId: string };
/** Something that ends a recovery, applied in date order once every flag and checklist exists. */
type Closing =
  | (Application & { kind: "outcome"; outcome: "hired" | "rejected" | "offer_declined" | "withdrawn"; at: Date; startDate?: Date; note?: string })
  | { kind: "hand"; flag: SeededFlag; at: Date; note: string }
  | { kind: "quiet"; flag: SeededFlag; at: Date }
  | { kind: "flagged"; flag: SeededFlag; at: Date };

/** The app's writers date their audit events "now": the seed moves what they just wrote to when it happened. */
async function dateAuditEvents(tx: SeedTx, seedStart: Date, at: Date) {
  await tx.auditEvent.updateMany({ where: { at: { gte: seedStart } }, data: { at } });
}

/**
 * An outcome recorded for an application, as recordOutcome does it (that one opens its own transaction): the
 * outcome and its audit event, the application's recovery closed with everything it opened, the candidate's status.
 */
async function seedOutcome(tx: SeedTx, event: Extract<Closing, { kind: "outcome" }>) {
  await recordOutcomeInTx(
    tx,
    { id: event.applicationId, candidateId: event.candidateId, companyId: event.companyId },
    { interviewId: event.applicationId, outcome: event.outcome, decidedAt: event.at, startDate: event.startDate, note: event.note },
    { userId: event.recruiterId },
    event.at,
  );
}

/**
 * The flag's recovery checklist, worked through as far as a diligent recruiter would have by now, or by the time the
 * recovery closed: steps due more than half a day before then are ticked (candidate steps partly by the candidate
 * through their link); closing it later marks the rest "not needed". A recovery still going keeps its last step
 * ("stay in touch") to do, and every third one has the recruiter's client call still outstanding, so the dashboard's
 * step lists have work in them. No random draws: the ticks follow from the dates alone. Returns the last tick (ms).
 */
async function seedChecklist(tx: SeedTx, flag: SeededFlag, index: number, now: number, closesAt: number | undefined, seedStart: Date) {
  const run = await startChecklistRun(tx, { interviewId: flag.interviewId, flagId: flag.flagId, now: flag.flaggedAt });
  await dateAuditEvents(tx, seedStart, flag.flaggedAt);
  const states = await tx.checklistStepState.findMany({
    where: { runId: run.id },
    select: { id: true, dueAt: true, step: { select: { position: true, owner: true } } },
    orderBy: { step: { position: "asc" } },
  });
  const lastPosition = states.at(-1)?.step.position;
  const until = Math.min(now, closesAt ?? Infinity);
  let lastTick = flag.flaggedAt.getTime();
  for (const state of states) {
    const { position, owner } = state.step;
    const due = state.dueAt.getTime();
    const leftOpen = closesAt === undefined && (position === lastPosition || (owner === "recruiter" && position > 2 && index % 3 === 0));
    if (leftOpen || due > until - 12 * 3600_000) continue;
    // Ticked a little before it fell due, never before the checklist started nor after it could be.
    const at = Math.min(until, Math.max(flag.flaggedAt.getTime() + 60_000, due - 2 * 3600_000));
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
  return lastTick;
}
