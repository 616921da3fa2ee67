// A reminder of the candidate's checklist steps that are past due, with the coaching page to tick them off.
import { Heading, Section, Text } from "@react-email/components";
import { describeInterview, EmailLayout, styles } from "./layout";
import { present, type RecoveryMergeValues } from "./merge-values";

export default function OverdueStepsEmail({ values }: { values: RecoveryMergeValues }) {
  const steps = (values.overdueSteps ?? []).filter((s) => present(s.title));
  const zone = present(values.timeZoneLabel);
  return (
    <EmailLayout
      values={values}
      title="A quick reminder about your checklist"
      preview={
        steps.length ? "A few steps on your recovery checklist are waiting for you." : "Your recovery checklist is up to date."
      }
    >
      {steps.length ? (
        <>
          <Text style={styles.text}>
            Just a nudge: {steps.length === 1 ? "one step" : `${steps.length} steps`} on your recovery checklist after{" "}
            {describeInterview(values)} {steps.length === 1 ? "is" : "are"} past {steps.length === 1 ? "its" : "their"}{" "}
            due time. They are the ones that make the biggest difference, so it&apos;s worth doing them now.
          </Text>
          <Section>
            <Heading as="h2" style={styles.h2}>
              Waiting for you
            </Heading>
            <ul style={styles.list}>
              {steps.map((step, i) => (
                <li key={i}>
                  <strong>{step.title}</strong>
                  {present(step.due) ? ` — due ${step.due}` : ""}
                </li>
              ))}
            </ul>
            {zone ? <Text style={styles.muted}>Times are in {zone}.</Text> : null}
          </Section>
          <Text style={styles.text}>
            If something is in your way, just let me know. We can change the plan together.
          </Text>
        </>
      ) : (
        <Text style={styles.text}>
          Nothing on your recovery checklist is overdue right now. Nice work — keep going at your own pace.
        </Text>
      )}
    </EmailLayout>
  );
}
