// Same-day guidance after a bad interview: rest first, write down what to say, then one phone call within 24 hours.
import { Heading, Section, Text } from "@react-email/components";
import { describeInterview, EmailLayout, howToReachMe, ReasonTips, styles } from "./layout";
import { present, type RecoveryMergeValues } from "./merge-values";

export default function RoughDayEmail({ values }: { values: RecoveryMergeValues }) {
  const company = present(values.companyName);
  return (
    <EmailLayout
      values={values}
      title="Rough day — here's what to do next"
      preview="One difficult interview rarely decides anything. Here is a calm plan for the next 24 hours."
    >
      <Text style={styles.text}>
        I&apos;m sorry {describeInterview(values)} didn&apos;t go the way you hoped. It happens to good candidates
        far more often than you would think, and one difficult hour seldom settles a hiring decision on its own. There
        is still a lot you can do, and the next day matters most.
      </Text>
      <Section>
        <Heading as="h2" style={styles.h2}>
          Right now: give yourself a break
        </Heading>
        <Text style={styles.text}>
          Before anything else, get home, change into something comfortable, make a hot drink and let the day settle.
          Please don&apos;t ring {company ?? "the company"} while you are still upset: the conversation that matters
          goes much better once you feel steady.
        </Text>
      </Section>
      <Section>
        <Heading as="h2" style={styles.h2}>
          This evening: put your thoughts on paper
        </Heading>
        <Text style={styles.text}>
          When you feel calmer, take a sheet of paper and note what went well, what went wrong, and the two or three
          things you most want the hiring manager to hear. Keep it short. Having it written down keeps the call clear
          and stops it turning into a long explanation.
        </Text>
      </Section>
      <Section>
        <Heading as="h2" style={styles.h2}>
          Within 24 hours: one phone call
        </Heading>
        <Text style={styles.text}>
          Phone the hiring manager — the person you actually met — rather than sending an email. Tell them briefly
          that it wasn&apos;t your best day and isn&apos;t how you normally work, without blaming anything or anyone.
          Thank them for their time, and ask whether they would be willing to see you again.
        </Text>
        <Text style={styles.text}>
          If you&apos;d like to rehearse the call first, or would rather I made it with you, {howToReachMe(values)}.
          I can also send you a short script for it.
        </Text>
      </Section>
      <ReasonTips values={values} heading="What to work on next time" />
    </EmailLayout>
  );
}
