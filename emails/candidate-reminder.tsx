// The candidate's own reminder: the steps of their recovery plan that fell due, each with a line of guidance, and
// their coaching page to tick them off. Sent by the scheduler when the recruiter switched reminders on.
import { Heading, Section, Text } from "@react-email/components";
import { describeInterview, EmailLayout, recruiterName, styles } from "./layout";
import { present, type RecoveryMergeValues } from "./merge-values";

export type ReminderStepLine = { title: string; guidance: string; due: string };

export const candidateReminderSubject = (values: RecoveryMergeValues, stepCount: number) => {
  const company = present(values.companyName);
  const what = stepCount === 1 ? "Your next step" : `Your next ${stepCount} steps`;
  return company ? `${what} after the interview at ${company}` : `${what} after your interview`;
};

export default function CandidateReminderEmail({ values, steps }: { values: RecoveryMergeValues; steps: ReminderStepLine[] }) {
  const one = steps.length === 1;
  const zone = present(values.timeZoneLabel);
  const me = recruiterName(values) ?? "your recruiter";
  return (
    <EmailLayout
      values={values}
      title={one ? "A step on your plan is due" : "A few steps on your plan are due"}
      preview={one ? `Due now: ${steps[0]?.title ?? "one step on your plan"}.` : `${steps.length} steps on your plan are due now.`}
    >
      <Text style={styles.text}>
        A quick, friendly nudge about {describeInterview(values)}: {one ? "this step is" : "these steps are"} due now.
        Small steps taken on time are what turn a rough interview around, and you don&apos;t have to do them
        perfectly.
      </Text>
      <Section>
        <Heading as="h2" style={styles.h2}>
          {one ? "Your step" : "Your steps"}
        </Heading>
        <ul style={styles.list}>
          {steps.map((step, i) => (
            <li key={i} style={{ marginBottom: "8px" }}>
              <strong>{step.title}</strong>
              {present(step.due) ? <span> (due {step.due})</span> : null}
              {present(step.guidance) ? (
                <>
                  <br />
                  {step.guidance}
                </>
              ) : null}
            </li>
          ))}
        </ul>
        {zone ? <Text style={styles.muted}>Times are in {zone}.</Text> : null}
      </Section>
      <Text style={styles.text}>
        Done it already? Tick it off on your coaching page so {me} knows. If something is in the way, reply to this
        email and we&apos;ll change the plan together.
      </Text>
      <Text style={styles.muted}>
        You get at most one of these a day, only while your plan has steps due. Ask {me} to stop them at any time, or
        unsubscribe below.
      </Text>
    </EmailLayout>
  );
}
