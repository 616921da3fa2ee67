// A few hours after an interview: "How did it go?", one tap away. A bad answer starts the candidate's recovery, so a
// rough interview nobody mentioned still gets the call within 24 hours.
import { Button, Section, Text } from "@react-email/components";
import { EmailLayout, describeInterview, recruiterName, styles } from "./layout";
import type { RecoveryMergeValues } from "./merge-values";

export const checkInSubject = (values: RecoveryMergeValues) =>
  values.companyName ? `How did your interview at ${values.companyName} go?` : "How did your interview go?";

export default function CheckInEmail({ values, checkInUrl, linkDays }: { values: RecoveryMergeValues; checkInUrl: string; linkDays: number }) {
  const recruiter = recruiterName(values) ?? "your recruiter";
  return (
    <EmailLayout values={values} title="How did it go?" preview="Two quick questions about today's interview. It takes under a minute.">
      <Text style={styles.text}>
        I hope {describeInterview(values)} went well. Whatever happened, I&apos;d like to hear it while it&apos;s fresh:
        it takes under a minute, and it helps me help you.
      </Text>
      <Text style={styles.text}>
        If it went badly, tell me. Most rough interviews can still be turned around, but the first 24 hours count, and
        you&apos;ll get a short plan for what to do next straight away.
      </Text>
      <Section style={{ margin: "24px 0" }}>
        <Button href={checkInUrl} style={styles.button}>
          Tell {recruiter} how it went
        </Button>
      </Section>
      <Text style={styles.muted}>The link is personal to you and works for {linkDays} days.</Text>
    </EmailLayout>
  );
}
