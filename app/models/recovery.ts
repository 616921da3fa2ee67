// Rules of the recovery itself, shared by server and browser.

/** The articles agree: the candidate (or recruiter) should be on the phone to the hiring manager within a day. */
export const RECOVERY_WINDOW_HOURS = 24;
