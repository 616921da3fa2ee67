// After a decline: stay gracious, ask for feedback, stay in touch, and keep looking.
import { Heading, Section, Text } from "@react-email/components";
import { EmailLayout, ReasonTips, styles } from "./layout";
import { present, type RecoveryMergeValues } from "./merge-values";

export default function KeepGoingEmail({ values }: { values: RecoveryMergeValues }) {
  const company = present(values.companyName);
  const role = present(values.roleTitle);
  const them = company ?? "the company";
  return (
    <EmailLayout
      values={values}
      title="Keep going — your next steps"
      preview="Not this time. Here is how to leave a good impression and move on to the next opportunity."
    >
      <Text style={styles.text}>
        I&apos;m sorry {them} decided not to go ahead{role ? ` with you for the ${role} role` : ""}. It&apos;s
        disappointing, and it&apos;s fine to feel that for a day. It is also not the end of the story: how you handle
        a &ldquo;no&rdquo; is remembered, and this is one interview, not a verdict on you.
      </Text>
      <Section>
        <Heading as="h2" style={styles.h2}>
          Be gracious
        </Heading>
        <Text style={styles.text}>
          Reply with a short, friendly message: thank them for their time, and wish them well with the person they
          chose. People move between companies, and a courteous reply keeps doors open.
        </Text>
      </Section>
      <Section>
        <Heading as="h2" style={styles.h2}>
          Ask for feedback
        </Heading>
        <Text style={styles.text}>
          In the same message, ask if they could share one or two things you could do better. Not everyone answers,
          but those who do give you the most useful advice you will get. Take it gracefully, whatever it says.
        </Text>
      </Section>
      <Section>
        <Heading as="h2" style={styles.h2}>
          Stay in touch
        </Heading>
        <ul style={styles.list}>
          <li>Ask them to keep your CV on file in case a better-suited role comes up.</li>
          <li>Connect with the people you met on LinkedIn, with a short, friendly note.</li>
          <li>After a few months, a brief message saying you are still interested does no harm.</li>
          <li>Keep any frustration off social media: hiring managers read it too.</li>
        </ul>
      </Section>
      <Section>
        <Heading as="h2" style={styles.h2}>
          Keep looking
        </Heading>
        <Text style={styles.text}>
          The right job is still out there, and we are already looking. Spend a little time practising the parts that
          were hard this time, then let&apos;s line up the next interview.
        </Text>
      </Section>
      <ReasonTips values={values} heading="For your next interview" />
    </EmailLayout>
  );
}
