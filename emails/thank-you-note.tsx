// The thank-you note with a short apology: how to write it, and a draft the candidate can adapt.
import { Heading, Section, Text } from "@react-email/components";
import { describeInterview, EmailLayout, firstNameOr, ReasonTips, styles } from "./layout";
import { present, type RecoveryMergeValues } from "./merge-values";

export default function ThankYouNoteEmail({ values }: { values: RecoveryMergeValues }) {
  const company = present(values.companyName);
  const role = present(values.roleTitle);
  const date = present(values.interviewDate);
  return (
    <EmailLayout
      values={values}
      title="Your thank-you note, with a draft to start from"
      preview="A short, warm note can change how the interviewer remembers you. Here is a draft to adapt."
    >
      <Text style={styles.text}>
        A thank-you note after {describeInterview(values)} is one of the most useful things you can do now. A
        well-judged note has turned a poor first meeting into a second one many times before: it shows the
        interviewer the calm, thoughtful person they didn&apos;t quite get to see.
      </Text>
      <Section>
        <Heading as="h2" style={styles.h2}>
          How to write it
        </Heading>
        <ul style={styles.list}>
          <li>Send it this evening or first thing tomorrow, by email to the person you met.</li>
          <li>Keep it short: a few sentences that fit on a phone screen without scrolling.</li>
          <li>Thank them for their time before anything else.</li>
          <li>Own what went wrong in a single sentence. No excuses and no long story about the day.</li>
          <li>Then turn to the positive: one strength or achievement that fits the role.</li>
          <li>Say you are still keen and would welcome another conversation. Don&apos;t plead or ask twice.</li>
        </ul>
      </Section>
      <Section>
        <Heading as="h2" style={styles.h2}>
          A draft to adapt
        </Heading>
        <Text style={styles.muted}>Change the words in [square brackets] and make it sound like you.</Text>
        <Section style={styles.draft}>
          <Text style={styles.text}>Dear [interviewer&apos;s name],</Text>
          <Text style={styles.text}>
            Thank you for meeting me{date ? ` on ${date}` : ""}
            {role ? ` about the ${role} role` : ""}
            {company ? ` at ${company}` : ""}. I enjoyed hearing about [something they told you about the team or
            the work].
          </Text>
          <Text style={styles.text}>
            I know I didn&apos;t show you my best in our conversation, and I&apos;m sorry for that. It isn&apos;t how I
            usually work.
          </Text>
          <Text style={styles.text}>
            What I would most like you to know is [one achievement that fits the role, with a number if you have
            one]. I am still very interested in the role and would welcome the chance to continue our conversation.
          </Text>
          <Text style={styles.text}>
            With thanks,
            <br />
            {firstNameOr(values, "[your name]")}
          </Text>
        </Section>
      </Section>
      <ReasonTips values={values} heading="Points worth bearing in mind" />
    </EmailLayout>
  );
}
