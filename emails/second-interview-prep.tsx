// Preparing for the second interview: achievements ready, best form on the day, thanks and a small gesture after.
import { Heading, Section, Text } from "@react-email/components";
import { EmailLayout, howToReachMe, ReasonTips, styles } from "./layout";
import { present, type RecoveryMergeValues } from "./merge-values";

export default function SecondInterviewPrepEmail({ values }: { values: RecoveryMergeValues }) {
  const company = present(values.companyName);
  return (
    <EmailLayout
      values={values}
      title="Getting ready for your second interview"
      preview="They said yes to seeing you again. Here is how to make the most of it."
    >
      <Text style={styles.text}>
        Well done: {company ?? "the company"} agreed to see you again, and asking was what made that happen. This
        meeting is your chance to show them the person they didn&apos;t quite meet the first time, so it deserves your
        full preparation.
      </Text>
      <Section>
        <Heading as="h2" style={styles.h2}>
          Before the day
        </Heading>
        <ul style={styles.list}>
          <li>
            Choose three achievements that fit the role and practise telling each in under two minutes, with a result
            you can measure.
          </li>
          <li>Go back over the questions from the first interview and prepare better answers out loud.</li>
          <li>Read up on the company again and bring two questions of your own.</li>
          <li>Sort the practical things the evening before: the route, your clothes, printed copies of your CV.</li>
        </ul>
      </Section>
      <Section>
        <Heading as="h2" style={styles.h2}>
          On the day: your best form
        </Heading>
        <Text style={styles.text}>
          Arrive early, thank them at the start for seeing you again, and then leave the first meeting behind: no need
          to raise it unless they do. Be warm, concrete and confident, and let your examples do the work.
        </Text>
      </Section>
      <Section>
        <Heading as="h2" style={styles.h2}>
          Afterwards: say thank you properly
        </Heading>
        <Text style={styles.text}>
          Send a thank-you email the same day, showing how much you appreciated the second chance. A handwritten card
          a day or two later is a lovely touch; a small token such as a voucher for a local café can work too, but
          check with me first whether it suits the company.
        </Text>
      </Section>
      <ReasonTips values={values} heading="Things to get right this time" />
      <Text style={styles.text}>To run through practice questions together, {howToReachMe(values)}.</Text>
    </EmailLayout>
  );
}
