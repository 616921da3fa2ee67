// The default recovery playbook, version 1 of every agency's checklist. Plain data, shared by server and browser.
// Drawn from the five recovery articles the product owner chose (kept outside the repository) and written afresh for Rebound's recruiters and candidates.

export type StepOwner = "candidate" | "recruiter";

export type PlaybookStepData = {
  title: string;
  /** Shown to the candidate on their page and to staff. Written for the candidate. */
  guidance: string;
  /** Shown on staff pages only: what the recruiter does when the candidate can't. */
  staffNote?: string | null;
  owner: StepOwner;
  /** Minutes after the interview ends. */
  dueOffsetMinutes: number;
  /** "HH:MM" in the agency's zone: the step is due at the first such time at or after the offset. */
  dueLocalTime?: string | null;
};

const HOUR = 60;
const DAY = 24 * HOUR;

export const PLAYBOOK_LIMITS = {
  steps: 40,
  title: 120,
  guidance: 1000,
  staffNote: 1000,
  /** 90 days: a recovery that takes longer is a new conversation, not a step. */
  dueHours: 90 * 24,
} as const;

export const DEFAULT_PLAYBOOK: PlaybookStepData[] = [
  {
    title: "Calm down before doing anything else",
    guidance:
      "Head home, get comfortable and give yourself an hour or two before talking to anyone about the interview. " +
      "Don't ring the recruiter or the company while you're still shaken. Once you feel steadier, jot down the few " +
      "points you want to get across, so the calls that follow are clear and calm.",
    owner: "candidate",
    dueOffsetMinutes: 3 * HOUR,
  },
  {
    title: "Check in with the candidate today",
    guidance:
      "Call the candidate the same day. Listen before advising: find out, in their words, what went wrong and what " +
      "went fine. Reassure them that one bad hour rarely decides a hiring process, and agree who phones the hiring " +
      "manager and by when.",
    owner: "recruiter",
    dueOffsetMinutes: 4 * HOUR,
  },
  {
    title: "Send a thank-you note with a short apology",
    guidance:
      "Write to the interviewer that evening or first thing the next morning. Thank them for their time, acknowledge " +
      "what went wrong in a single sentence, then turn to what you would bring to the role. Keep it brief and " +
      "upbeat: no long explanations, no complaining and no pleading.",
    owner: "candidate",
    dueOffsetMinutes: 12 * HOUR,
    dueLocalTime: "10:00",
  },
  {
    title: "Phone the hiring manager within 24 hours",
    guidance:
      "Pick up the phone rather than sending an email, and speak to the person you actually met. Say plainly that " +
      "it was an off day and not how you usually perform, without blaming anything or anyone. Then ask directly " +
      "whether they would see you again.",
    staffNote: "If the candidate can't make the call, make it on their behalf, and note who called.",
    owner: "candidate",
    dueOffsetMinutes: DAY,
  },
  {
    title: "Take 30 minutes for an honest review",
    guidance:
      "Set half an hour aside with a sheet split into two columns: what went well and what went wrong. Look for a " +
      "pattern of small slips (such as explaining away every past job) rather than one bad moment. Assess the " +
      "interviewer too: awkward pauses or a rushed, unprepared panel are not all on you.",
    owner: "candidate",
    dueOffsetMinutes: DAY + 6 * HOUR,
  },
  {
    title: "List the questions you were asked and prepare better answers",
    guidance:
      "While the conversation is fresh, write down every question you remember, especially the ones that tripped you " +
      "up. Draft a stronger answer for each, with a concrete example, and say them out loud a few times. The same " +
      "questions tend to come back, at this company or the next.",
    owner: "candidate",
    dueOffsetMinutes: 2 * DAY,
  },
  {
    title: "Keep it off social media",
    guidance:
      "However tempting, don't post about the interview, the company or the interviewer. Hiring managers look " +
      "candidates up, and a public complaint can close a door that a good follow-up might still open. Talk it " +
      "through with a friend or your recruiter instead.",
    owner: "candidate",
    dueOffsetMinutes: 2 * DAY,
  },
  {
    title: "Replay the interview the way it should have gone",
    guidance:
      "Picture the interview again from the start, this time answering well: calm, on time, with your examples " +
      "ready. Run through it a couple of times. It rebuilds confidence and rehearses the next interview at the same " +
      "time.",
    owner: "candidate",
    dueOffsetMinutes: 3 * DAY,
  },
  {
    title: "Ask the client how it looked from their side",
    guidance:
      "Call your contact at the client for candid feedback: what worried them, and whether the door is still open. " +
      "Pass on what helps the candidate prepare, tactfully. Record any second-interview request and its answer.",
    owner: "recruiter",
    dueOffsetMinutes: 3 * DAY,
  },
  {
    title: "Keep job hunting, and don't chase for an answer",
    guidance:
      "Once you've called and written, leave the decision with them: if they want to see you again, they will get in " +
      "touch. Keep applying for other roles meanwhile; a better opening may be around the corner. Your recruiter " +
      "will follow up for you at a sensible interval.",
    owner: "candidate",
    dueOffsetMinutes: 5 * DAY,
  },
  {
    title: "If a second interview is granted, make it count",
    guidance:
      "Prepare three or four achievements with numbers and outcomes, rehearse them, and arrive early and at your " +
      "best. Afterwards, thank the hiring manager warmly for the second chance; a small gesture such as a handwritten " +
      "card shows you mean it. Skip this step if no second interview is offered.",
    owner: "candidate",
    dueOffsetMinutes: 7 * DAY,
  },
  {
    title: "Stay in touch, whatever the answer",
    guidance:
      "Connect with the people you met on LinkedIn and ask for your CV to be kept on file. It's fine to ask for " +
      "feedback. If the answer is no, reply graciously and wish them well with the role: people move between " +
      "companies, and a good last impression travels with them.",
    owner: "candidate",
    dueOffsetMinutes: 14 * DAY,
  },
];
