// What an "application" is: the original interview with a company, which a granted second-interview request
// extends. An outcome (hired, rejected…) always belongs to the application, never to the second interview.
import type { Tx } from "~/utils/db.server";

/** An application is an interview that was not granted from an earlier interview's request. */
export function isApplication(interview: { grantedFrom: unknown }) {
  return interview.grantedFrom === null;
}

/** The application an interview belongs to: the original interview, followed back through granted requests. */
export async function applicationOf(tx: Pick<Tx, "interview">, interviewId: string) {
  let id = interviewId;
  // A second interview can itself go badly and lead to another request; a handful of hops covers any real case.
  for (let hop = 0; hop < 10; hop++) {
    const interview = await tx.interview.findUnique({
      where: { id },
      select: { id: true, candidateId: true, companyId: true, grantedFrom: { select: { interviewId: true } } },
    });
    if (!interview) return null;
    if (!interview.grantedFrom) return interview;
    id = interview.grantedFrom.interviewId;
  }
  return null;
}

/** The applications an outcome can be recorded for, newest flagged one first (the likeliest choice), then the rest. */
export function outcomeChoices<T extends { id: string; grantedFrom: unknown; flagSeverity: string | null }>(interviews: T[]) {
  const applications = interviews.filter(isApplication);
  const latestFlagged = applications.find((i) => i.flagSeverity) ?? applications[0];
  return latestFlagged ? [latestFlagged, ...applications.filter((i) => i.id !== latestFlagged.id)] : [];
}
