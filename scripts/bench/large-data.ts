// The large, deterministic data set behind `npm run seed:large`: written straight through better-sqlite3 with
// prepared statements in big transactions, because 600,000 rows through Prisma one by one would take many minutes.
// Values are stored exactly as Prisma's SQLite adapter stores them (ISO text with "+00:00", booleans as 0/1).
import type Database from "better-sqlite3";
import { flagReasons } from "../../app/models/enums.ts";
import type { ClosingReason } from "../../app/models/enums.ts";
import { DEFAULT_QUIET_AFTER_DAYS, recoveryWindowClosesAt } from "../../app/models/recovery/rules.ts";
import { sqlDate } from "../../app/utils/sql-dialect.server.ts";
import { FLAG_DESCRIPTIONS, seededRandom } from "../../prisma/seed.ts";

export const LARGE_SEED = 20261124;
const DAY = 24 * 3600_000;
const HOUR = 3600_000;

export type LargeSeedOptions = {
  candidates: number;
  interviews: number;
  recruiters: number;
  companies: number;
  /** The demo password's hash, computed once and shared by every seeded user. */
  passwordHash: string;
  /** Time zone for a new agency row (an existing row is kept as it is). */
  timeZone: string;
  /** Everything is dated relative to this moment, so the dashboard always has today's work. */
  now?: number;
  seed?: number;
};

export type LargeSeedCounts = {
  users: number;
  companies: number;
  candidates: number;
  interviews: number;
  flags: number;
  openFlags: number;
  flagReasons: number;
  requests: number;
  secondRounds: number;
  outcomes: number;
  hires: number;
};

const FIRST = ["Alex", "Sam", "Jordan", "Priya", "Wei", "Fatima", "Lucas", "Amara", "Noah", "Elena", "Kofi", "Mia", "Diego", "Hana", "Omar", "Zoe", "Ravi", "Ingrid", "Tariq", "Chloe", "Mateo", "Aisha", "Ben", "Yuki", "Grace", "Ivan", "Leila", "Marcus", "Nadia", "Oscar", "Paula", "Quentin", "Rosa", "Samuel", "Tomasz", "Uma", "Viktor", "Wanjiru", "Xavier", "Yara", "Zain", "Ana", "Bilal", "Carmen", "Dmitri", "Esther", "Felix", "Gabriela", "Hugo", "Isla", "Jonah", "Keiko", "Liam", "Maya", "Nikolai", "Olivia", "Pedro", "Rania", "Sven", "Tara"];
const LAST = ["Okafor", "Schmidt", "Patel", "Nguyen", "García", "O'Brien", "Kowalski", "Haddad", "Silva", "Larsen", "Mensah", "Rossi", "Kim", "Dubois", "Cohen", "Novak", "Ahmed", "Walsh", "Ferreira", "Lindqvist", "Adeyemi", "Baker", "Castillo", "Dimitrov", "Eriksen", "Fischer", "Gupta", "Hoffmann", "Ibrahim", "Jansen", "Kaur", "López", "Murphy", "Nakamura", "Osei", "Petrov", "Quinn", "Reyes", "Sato", "Thompson", "Usman", "Vargas", "Wójcik", "Yilmaz", "Zhang", "Andersson", "Boateng", "Chen", "Delgado", "Evans", "Fontaine", "Grant", "Horvat", "Iqbal", "Jovanović", "Kelly", "Moreau", "Nowak", "Park", "Santos"];
const COMPANY_PREFIXES = ["Harbor", "Brightwave", "Cedar & Stone", "Lumen", "Northwind", "Quanta", "Riverside", "Summit", "Tidal", "Vertex", "Aurora", "Bluebell", "Copperleaf", "Driftwood", "Evergreen", "Foxglove", "Granite", "Highland", "Ironbridge", "Juniper"];
const COMPANY_SECTORS = ["Logistics", "Energy", "Legal", "Health", "Retail", "Fintech", "Council", "Engineering", "Media", "Software", "Foods", "Insurance", "Construction", "Pharma", "Hotels", "Telecom", "Analytics", "Manufacturing", "Education", "Transport"];
const ROLES = ["Warehouse Supervisor", "Customer Service Lead", "Paralegal", "Staff Nurse", "Store Manager", "Data Analyst", "Administrative Officer", "Site Engineer", "Content Producer", "Backend Developer", "Accounts Assistant", "Project Coordinator", "Frontend Developer", "HR Advisor", "Payroll Officer", "Sales Executive", "Marketing Manager", "Receptionist", "Forklift Driver", "Care Assistant", "Quality Inspector", "Office Manager", "Product Owner", "IT Support Technician", "Chef de Partie", "Logistics Planner", "Business Analyst", "Legal Secretary", "Pharmacist", "Electrician", "Graphic Designer", "Financial Controller", "Teaching Assistant", "Procurement Officer", "Operations Manager", "Recruitment Consultant", "Bookkeeper", "DevOps Engineer", "Credit Controller", "Events Coordinator"];
const INTERVIEWERS = ["Dana Whitfield", "Marcus Lee", "Sofia Marin", "Greg Holloway", "Anita Desai", "Tom Brennan", "Leila Farouk", "Chris Adeyemi", "Helen Park", "Raj Malhotra", "Claire Dubois", "Ian McAllister", "Nora Lindgren", "Pete Okonkwo", "Sara Bianchi", "Victor Hale", "Wendy Cho", "Yusuf Demir", "Beth Ramsey", "Kenji Watanabe"];
const RECRUITERS: [string, string][] = [
  ["Riley Chen", "recruiter@example.com"],
  ["Jamie Osei", "jamie.osei@example.com"],
  ["Casey Novak", "casey.novak@example.com"],
  ["Taylor Brooks", "taylor.brooks@example.com"],
];
// How often each reason comes up: nerves and poor preparation far more than calling someone by the wrong name.
const REASON_WEIGHTS: Record<string, number> = {
  late: 8, appearance: 4, no_resume: 5, nerves: 18, blanked: 12, wrong_name: 2, unprepared: 15, body_language: 9,
  job_hopping: 6, no_examples: 14, other: 3,
};
// How many interviews a candidate has (mean about 2.6); the total is then nudged to the exact target.
const INTERVIEWS_PER_CANDIDATE = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6];
const HAND_NOTES = [
  "Spoke to the hiring manager: the role was filled internally. Candidate took it well.",
  "Candidate found a job through a former colleague; nothing more for us to do.",
  "Coaching done and the candidate feels ready again; moving on to other applications.",
  "The client paused hiring for the quarter. Candidate knows and is fine with it.",
];
/** A final outcome closes its application's open recovery with this reason (lifecycle.server.ts). */
const REASON_FOR_OUTCOME: Record<string, ClosingReason | undefined> = {
  hired: "hired",
  rejected: "rejected",
  offer_declined: "offer_declined",
  withdrawn: "withdrew",
};
const STATE_FOR_RESPONSE: Record<string, string> = { pending: "requested", granted: "granted", declined: "declined", no_response: "no_answer" };

/** A recovery as it is being written: later interviews of the candidate (the outcome of a second round) close it. */
type Recovery = {
  flaggedAt: number;
  state: string;
  stateChangedAt: number;
  closedAt: number | null;
  closedById: string | null;
  closedReason: ClosingReason | null;
  closedNote: string | null;
  removedAt: number | null;
  /** The last thing anyone did about it, for lastActivityAt and going quiet. */
  activity: number;
};

/** Closes an open recovery (a closed one stays as it is, as closeRecoveryInTx does). */
function closeRecovery(recovery: Recovery, reason: ClosingReason, at: number, byId: string | null, note: string | null = null) {
  if (recovery.closedAt !== null) return;
  recovery.closedAt = Math.max(at, recovery.flaggedAt);
  recovery.closedReason = reason;
  recovery.closedById = byId;
  recovery.closedNote = note;
  recovery.state = "closed";
  recovery.stateChangedAt = recovery.closedAt;
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]) => items[Math.floor(random() * items.length)];
const chance = (random: Random, p: number) => random() < p;

function weightedPicker<T>(items: readonly T[], weights: readonly number[]) {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return (random: Random) => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo];
  };
}

const ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz";
/** cuid-shaped ids (25 characters, leading "c"): a counter keeps them unique and in insertion order. */
function idMaker() {
  let counter = 0;
  return (random: Random) => {
    let tail = "";
    for (let i = 0; i < 16; i++) tail += ID_CHARS[Math.floor(random() * 36)];
    return `c${(counter++).toString(36).padStart(8, "0")}${tail}`;
  };
}

function slugOf(text: string) {
  return text.toLowerCase().normalize("NFD").replace(/[^a-z.]/g, "");
}

/** Per-candidate interview counts that add up to exactly `total` (each at least 1). */
export function interviewCounts(candidates: number, total: number, random: Random) {
  if (total < candidates) throw new Error("Every candidate needs at least one interview: interviews >= candidates.");
  const counts = Array.from({ length: candidates }, () => pick(random, INTERVIEWS_PER_CANDIDATE));
  let sum = counts.reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const i = Math.floor(random() * candidates);
    if (sum < total) {
      counts[i]++;
      sum++;
    } else if (counts[i] > 1) {
      counts[i]--;
      sum--;
    }
  }
  return counts;
}

/**
 * Writes the agency (kept if present), users, companies, candidates and their interview histories into `db`, which
 * must be migrated and hold no candidates. Summary columns are NOT computed here: the caller runs syncAllSummaries.
 */
/**
 * Fills the FTS5 search tables from the seeded rows, for a load that ran without the search triggers: the same rows
 * the triggers would have written (and the search_index migration's own backfill writes).
 */
export function fillSearchIndexes(db: Database.Database) {
  db.exec(`
    DELETE FROM "CandidateSearch";
    INSERT INTO "CandidateSearch" (rowid, "name", "email", "phone", "phoneDigits")
    SELECT rowid, "name", "email", coalesce("phone", ''),
      replace(replace(replace(replace(replace(replace(coalesce("phone", ''), ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')
    FROM "Candidate";
    DELETE FROM "CompanySearch";
    INSERT INTO "CompanySearch" (rowid, "name") SELECT rowid, "name" FROM "Company";
    DELETE FROM "InterviewSearch";
    INSERT INTO "InterviewSearch" (rowid, "candidateName", "roleTitle")
    SELECT i.rowid, coalesce(c."name", ''), i."roleTitle"
    FROM "Interview" i LEFT JOIN "Candidate" c ON c."id" = i."candidateId";
  `);
}

export function seedLargeDatabase(db: Database.Database, options: LargeSeedOptions): LargeSeedCounts {
  const now = options.now ?? Date.now();
  const seed = options.seed ?? LARGE_SEED;
  const main = seededRandom(seed);
  const nextId = idMaker();
  const counts: LargeSeedCounts = {
    users: 0, companies: 0, candidates: 0, interviews: 0, flags: 0, openFlags: 0, flagReasons: 0, requests: 0,
    secondRounds: 0, outcomes: 0, hires: 0,
  };
  const stamp = sqlDate(now);

  const insert = {
    agency: db.prepare(
      `INSERT OR IGNORE INTO "Agency" (id, name, timeZone, senderName, replyTo, updatedAt) VALUES (1, ?, ?, ?, ?, ?)`,
    ),
    user: db.prepare(
      `INSERT OR IGNORE INTO "User" (id, name, email, passwordHash, role, active, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    userId: db.prepare<[string], { id: string }>(`SELECT id FROM "User" WHERE email = ?`),
    company: db.prepare(`INSERT OR IGNORE INTO "Company" (id, name, createdAt) VALUES (?, ?, ?)`),
    companyId: db.prepare<[string], { id: string }>(`SELECT id FROM "Company" WHERE name = ?`),
    candidate: db.prepare(
      `INSERT INTO "Candidate" (id, name, email, phone, linkedinUrl, recruiterId, status, emailOptOut, optedOutAt,
        createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    interview: db.prepare(
      `INSERT INTO "Interview" (id, candidateId, companyId, recruiterId, roleTitle, round, format, scheduledAt,
        durationMinutes, interviewerName, impression, notes, secondInterviewRequestId, createdAt, updatedAt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    flag: db.prepare(
      `INSERT INTO "InterviewFlag" (id, interviewId, severity, source, description, otherReason, flaggedById,
        recruiterId, flaggedAt, windowClosesAt, recoveryState, stateChangedAt, closedAt, closedById, closedReason,
        closedNote, lastActivityAt, removedAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    reason: db.prepare(`INSERT INTO "FlagReason" (flagId, reason) VALUES (?, ?)`),
    request: db.prepare(
      `INSERT INTO "SecondInterviewRequest" (id, interviewId, candidateId, requestedAt, requestedBy, channel, note,
        response, respondedAt, recordedById, recruiterId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    outcome: db.prepare(
      `INSERT INTO "CandidacyOutcome" (id, candidateId, interviewId, companyId, outcome, decidedAt, startDate,
        recordedById, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    audit: db.prepare(
      `INSERT INTO "AuditEvent" (id, at, actorLabel, action, entityType, entityId, after) VALUES (?, ?, 'system', ?, 'Agency', '1', ?)`,
    ),
  };

  // People and companies first: a small transaction of their own.
  const { recruiterIds, companyIds } = db.transaction(() => {
    insert.agency.run("Northbridge Staffing", options.timeZone, "Northbridge Staffing", "team@example.com", stamp);
    const created = sqlDate(now - 800 * DAY);
    const addUser = (name: string, email: string, role: string) => {
      insert.user.run(nextId(main), name, email, options.passwordHash, role, created, created);
      return insert.userId.get(email)!.id;
    };
    addUser("Morgan Reyes", "manager@example.com", "manager");
    const people = [...RECRUITERS];
    for (let i = people.length; i < options.recruiters; i++) {
      const first = FIRST[(i * 7) % FIRST.length];
      const last = LAST[(i * 11 + 3) % LAST.length];
      people.push([`${first} ${last}`, `${slugOf(`${first}.${last}`)}.${i}@example.com`]);
    }
    const recruiterIds = people.slice(0, options.recruiters).map(([name, email]) => addUser(name, email, "recruiter"));
    const companyIds: string[] = [];
    for (let i = 0; i < options.companies; i++) {
      const prefix = COMPANY_PREFIXES[i % COMPANY_PREFIXES.length];
      const sector = COMPANY_SECTORS[(i + Math.floor(i / COMPANY_PREFIXES.length)) % COMPANY_SECTORS.length];
      const round = Math.floor(i / (COMPANY_PREFIXES.length * COMPANY_SECTORS.length));
      const name = `${prefix} ${sector}${round ? ` ${round + 1}` : ""}`;
      insert.company.run(nextId(main), name, created);
      companyIds.push(insert.companyId.get(name)!.id);
    }
    counts.users = 1 + recruiterIds.length;
    counts.companies = companyIds.length;
    return { recruiterIds, companyIds };
  })();

  // Recoveries left alone close as "went quiet" after the agency's N days (an existing agency keeps its setting).
  const quietAfterDays =
    (db.prepare(`SELECT "quietAfterDays" AS n FROM "Agency" WHERE id = 1`).get() as { n: number } | undefined)?.n ?? DEFAULT_QUIET_AFTER_DAYS;

  // Some recruiters carry far more candidates than others; some clients interview far more often.
  const pickRecruiter = weightedPicker(recruiterIds, recruiterIds.map((_, i) => 1 + ((i * 7 + 4) % 5)));
  const pickCompany = weightedPicker(companyIds, companyIds.map((_, i) => 1 / (1 + i / 20)));
  const pickReason = weightedPicker(flagReasons.values, flagReasons.values.map((r) => REASON_WEIGHTS[r] ?? 1));
  const perCandidate = interviewCounts(options.candidates, options.interviews, main);

  const writeCandidate = (c: number) => {
    // Each candidate draws from its own stream, so a branch that depends on today can't shift everyone after it.
    const random = seededRandom(seed * 31 + c);
    const first = pick(random, FIRST);
    const last = pick(random, LAST);
    const candidateId = nextId(random);
    const recruiterId = pickRecruiter(random);
    // Two years of growth: more candidates joined recently than long ago.
    const createdAt = now - Math.floor(Math.pow(random(), 1.4) * 730 * DAY) - Math.floor(random() * DAY);
    const optOut = chance(random, 0.02);
    const phone = chance(random, 0.8) ? `+44 7700 ${String(100000 + ((c * 37) % 900000)).slice(-6)}` : null;
    const slug = slugOf(`${first}.${last}`);
    const linkedin = chance(random, 0.5) ? `https://www.linkedin.com/in/${slug.replace(".", "-")}-${c + 1}` : null;

    let status: "open" | "recovering" | "hired" | "closed" = "open";
    let hired = false;
    /** The candidate's recoveries, and each application's one (an outcome closes it). */
    const recoveries: Recovery[] = [];
    const recoveryOf = new Map<string, Recovery>();
    const rows: (() => void)[] = [];
    let when = createdAt + (1 + random() * 20) * DAY;
    let lastActivity = createdAt;
    let grantedRequest: {
      id: string;
      at: number;
      companyId: string;
      roleTitle: string;
      interviewer: string;
      originalInterviewId: string;
    } | null = null;
    const total = perCandidate[c];
    for (let n = 0; n < total; n++) {
      const interviewId = nextId(random);
      let scheduledAt: number;
      let companyId: string;
      let roleTitle: string;
      let round: string;
      let interviewer: string;
      let requestId: string | null = null;
      // An outcome belongs to the application: for a granted second round, the original interview.
      let applicationId = interviewId;
      if (grantedRequest) {
        // A granted second-interview request takes the candidate's next interview slot.
        scheduledAt = grantedRequest.at;
        ({ companyId, roleTitle, interviewer } = grantedRequest);
        round = "second";
        requestId = grantedRequest.id;
        applicationId = grantedRequest.originalInterviewId;
        grantedRequest = null;
        counts.secondRounds++;
      } else {
        scheduledAt = when;
        // Interviews are booked a few weeks ahead at most; later ones fold back into the next three weeks.
        if (scheduledAt > now + 21 * DAY) scheduledAt = now + random() * 21 * DAY;
        companyId = pickCompany(random);
        roleTitle = pick(random, ROLES);
        round = n === 0 ? "first" : random() < 0.55 ? "first" : random() < 0.65 ? "second" : "final";
        interviewer = pick(random, INTERVIEWERS);
      }
      const day = Math.floor(scheduledAt / DAY) * DAY;
      scheduledAt = day + (8 + Math.floor(random() * 10)) * HOUR + (random() < 0.5 ? 30 * 60_000 : 0);
      when = Math.max(when, scheduledAt) + (2 + random() * 38) * DAY;
      lastActivity = Math.max(lastActivity, Math.min(scheduledAt, now));
      const inPast = scheduledAt < now;
      const wentBadly = inPast && !requestId && chance(random, 0.25);
      const impression = !inPast
        ? "unknown"
        : wentBadly
          ? "went_badly"
          : requestId
            ? pick(random, ["went_well", "went_well", "mixed"] as const)
            : pick(random, ["went_well", "went_well", "went_well", "went_well", "mixed", "mixed", "unknown"] as const);
      const loggedAt = Math.max(createdAt, Math.min(now, scheduledAt - (1 + random() * 9) * DAY));
      const format = requestId ? "in_person" : pick(random, ["in_person", "phone", "video"] as const);
      const duration = pick(random, [30, 45, 60, 60, 90]);
      const notes = wentBadly ? "Candidate called straight after; upset about how it went." : null;
      rows.push(() =>
        insert.interview.run(
          interviewId, candidateId, companyId, recruiterId, roleTitle, round, format, sqlDate(scheduledAt), duration,
          interviewer, impression, notes, requestId, sqlDate(loggedAt), sqlDate(loggedAt),
        ),
      );
      counts.interviews++;

      const addOutcome = (outcome: string, decidedAt: number, startDate: number | null) => {
        const id = nextId(random);
        rows.push(() =>
          insert.outcome.run(
            id, candidateId, applicationId, companyId, outcome, sqlDate(decidedAt),
            startDate === null ? null : sqlDate(startDate), recruiterId, sqlDate(decidedAt),
          ),
        );
        counts.outcomes++;
        if (outcome === "hired") {
          counts.hires++;
          hired = true;
        }
        // A final outcome closes the application's recovery, as recording it in the app does.
        const recovery = recoveryOf.get(applicationId);
        const reason = REASON_FOR_OUTCOME[outcome];
        if (recovery && reason) closeRecovery(recovery, reason, decidedAt, recruiterId);
      };

      if (!wentBadly) {
        // A second round is activity on the recovery it came from.
        const origin = requestId ? recoveryOf.get(applicationId) : undefined;
        if (origin && inPast) origin.activity = Math.max(origin.activity, scheduledAt);
        if (inPast && scheduledAt < now - 10 * DAY) {
          if (impression === "went_well") {
            const hireChance = requestId ? 0.55 : round === "first" ? 0.03 : 0.12;
            if (chance(random, hireChance)) {
              addOutcome("hired", scheduledAt + (4 + random() * 6) * DAY, scheduledAt + (25 + random() * 10) * DAY);
              continue;
            }
          }
          // Most second rounds that did not end in a hire ended in a "no" from one side or the other.
          if (requestId && chance(random, 0.7)) {
            const outcome = pick(random, ["rejected", "rejected", "offer_declined"] as const);
            addOutcome(outcome, scheduledAt + (3 + random() * 5) * DAY, null);
          }
        }
        continue;
      }

      const flagId = nextId(random);
      const reasons = new Set<string>();
      const reasonCount = 1 + Math.floor(random() * 3);
      while (reasons.size < reasonCount) reasons.add(pickReason(random));
      const flaggedAt = Math.min(now, scheduledAt + (1 + random() * 5) * HOUR);
      const age = now - flaggedAt;
      const removed = chance(random, 0.03);
      const removedAt = removed ? Math.min(now, flaggedAt + (1 + random() * 47) * HOUR) : null;
      const recovery: Recovery = {
        flaggedAt, state: "open", stateChangedAt: flaggedAt, closedAt: null, closedById: null, closedReason: null,
        closedNote: null, removedAt, activity: flaggedAt,
      };
      if (removedAt !== null) closeRecovery(recovery, "flag_removed", removedAt, null);
      recoveries.push(recovery);
      recoveryOf.set(interviewId, recovery);
      const windowClosesAt = recoveryWindowClosesAt({ scheduledAt: new Date(scheduledAt), durationMinutes: duration }).getTime();
      const severity = pick(random, ["minor", "serious", "serious", "critical"] as const);
      const source = pick(random, ["recruiter_observed", "candidate_self_report", "client_feedback"] as const);
      const firstReason = [...reasons][0];
      // Written after the candidate's whole history, when later outcomes and the quiet rule have had their say.
      rows.push(() => {
        const { closedAt } = recovery;
        const lastActivity = closedAt === null ? recovery.activity : Math.min(recovery.activity, closedAt);
        insert.flag.run(
          flagId, interviewId, severity, source, FLAG_DESCRIPTIONS[firstReason],
          reasons.has("other") ? "Took a phone call mid-interview" : null, recruiterId, recruiterId, sqlDate(flaggedAt),
          sqlDate(windowClosesAt), recovery.state, sqlDate(recovery.stateChangedAt),
          closedAt === null ? null : sqlDate(closedAt), recovery.closedById, recovery.closedReason, recovery.closedNote,
          sqlDate(lastActivity), removedAt === null ? null : sqlDate(removedAt), sqlDate(closedAt ?? lastActivity),
        );
        for (const reason of reasons) insert.reason.run(flagId, reason);
      });
      counts.flags++;
      counts.flagReasons += reasons.size;
      if (removed) continue;

      if (age < 2 * DAY || !chance(random, 0.5)) {
        // No second interview asked for: an older recovery was often resolved by the recruiter (with a note saying
        // how) or ended by the candidate withdrawing; the rest go quiet below.
        if (age > 21 * DAY) {
          const roll = random();
          if (roll < 0.4) {
            const at = flaggedAt + (3 + random() * 14) * DAY;
            closeRecovery(recovery, "resolved_by_hand", at, recruiterId, pick(random, HAND_NOTES));
            recovery.activity = Math.max(recovery.activity, at);
          } else if (roll < 0.55) addOutcome("withdrawn", flaggedAt + (3 + random() * 7) * DAY, null);
        }
        continue;
      }
      const requestId2 = nextId(random);
      const withinDay = chance(random, 0.6);
      const requestedAt = Math.min(now, flaggedAt + (withinDay ? 4 : 40 + random() * 60) * HOUR);
      // Clients answer within days; a request nobody answered for a month is recorded as "no response".
      const answer = age < 6 * DAY ? "pending" : pick(random, ["granted", "granted", "granted", "declined", "declined", "no_response", "pending"] as const);
      const response = answer === "pending" && age > 30 * DAY ? "no_response" : answer;
      const respondedAt = response === "pending" ? null : Math.min(now, requestedAt + 2 * DAY);
      rows.push(() =>
        insert.request.run(
          requestId2, interviewId, candidateId, sqlDate(requestedAt), chance(random, 0.7) ? "candidate" : "recruiter",
          withinDay ? "phone" : pick(random, ["phone", "email", "letter"] as const),
          "Explained the bad day without excuses and asked for another chance.", response,
          respondedAt === null ? null : sqlDate(respondedAt), recruiterId, recruiterId, sqlDate(requestedAt),
        ),
      );
      counts.requests++;
      // The request moves the recovery on (moveRecoveryForRequest).
      recovery.state = STATE_FOR_RESPONSE[response];
      recovery.stateChangedAt = respondedAt ?? requestedAt;
      recovery.activity = Math.max(recovery.activity, recovery.stateChangedAt);
      if (response === "declined") {
        addOutcome("rejected", respondedAt!, null);
      } else if (response === "granted") {
        grantedRequest = { id: requestId2, at: requestedAt + 6 * DAY, companyId, roleTitle, interviewer, originalInterviewId: interviewId };
      }
    }
    // Left alone, a recovery goes quiet: it closes by itself the agency's N days after its last activity.
    for (const recovery of recoveries) {
      const quietAt = recovery.activity + quietAfterDays * DAY;
      if (quietAt < now) closeRecovery(recovery, "went_quiet", quietAt, null);
    }
    // The candidate's status follows their recoveries (syncCandidateStatus): recovering while one is open; then
    // hired if hired anywhere, closed if the last recovery ended in a final "no", otherwise open.
    const live = recoveries.filter((r) => r.closedAt === null);
    const ended = recoveries.filter((r) => r.removedAt === null && r.closedAt !== null).sort((a, b) => a.closedAt! - b.closedAt!);
    const lastReason = ended.at(-1)?.closedReason;
    counts.openFlags += live.length;
    if (live.length > 0) status = "recovering";
    else if (hired) status = "hired";
    else if (lastReason === "rejected" || lastReason === "offer_declined" || lastReason === "withdrew") status = "closed";
    // Long-quiet candidates are often closed off by their recruiter.
    if (status === "open" && lastActivity < now - 200 * DAY && chance(random, 0.4)) status = "closed";

    const stampCreated = sqlDate(createdAt);
    insert.candidate.run(
      candidateId, `${first} ${last}`, `${slug}.${c + 1}@example.net`, phone, linkedin, recruiterId, status,
      optOut ? 1 : 0, optOut ? sqlDate(Math.min(now, createdAt + 30 * DAY)) : null, stampCreated,
      sqlDate(Math.max(createdAt, lastActivity)),
    );
    counts.candidates++;
    for (const row of rows) row();
  };

  const BATCH = 5_000;
  for (let start = 0; start < options.candidates; start += BATCH) {
    const end = Math.min(options.candidates, start + BATCH);
    db.transaction(() => {
      for (let c = start; c < end; c++) writeCandidate(c);
    })();
  }
  insert.audit.run(nextId(main), stamp, "large.seeded", JSON.stringify({ candidates: counts.candidates, interviews: counts.interviews }));
  return counts;
}
