// Asking for a second interview: a short phone script and what to leave unsaid.
import { Heading, Section, Text } from "@react-email/components";
import { EmailLayout, howToReachMe, ReasonTips, styles } from "./layout";
import { present, type RecoveryMergeValues } from "./merge-values";

export default function AskSecondInterviewEmail({ values }: { values: RecoveryMergeValues }) {
  const company = present(values.companyName);
  const role = present(values.roleTitle);
  const date = present(values.interviewDate);
  const me = present(values.candidateFirstName) ?? "[your name]";
  return (
    <EmailLayout
      values={values}
      title="Asking for a second interview"
      preview="The only sure way not to get a second chance is not to ask. Here is what to say on the phone."
    >
      <Text style={styles.text}>
        The one sure way not to get a second interview is not to ask for one. Hiring managers are people, and many
        respect a candidate who picks up the phone after a bad day. Call rather than email, from somewhere quiet,
        with your notes in front of you.
      </Text>
      <Section>
        <Heading as="h2" style={styles.h2}>
          A short script
        </Heading>
        <Section style={styles.draft}>
          <Text style={styles.text}>
            &ldquo;Hello [their name], it&apos;s {me}. We met{date ? ` on ${date}` : ""}
            {role ? ` about the ${role} role` : ""}
            {company ? ` at ${company}` : ""}. Have you got two minutes?&rdquo;
          </Text>
          <Text style={styles.text}>
            &ldquo;Thank you again for seeing me. I&apos;ll be straightforward: I know I didn&apos;t do myself justice
            in that interview, and it isn&apos;t how I normally come across.&rdquo;
          </Text>
          <Text style={styles.text}>
            &ldquo;I&apos;m still very keen on the role, and I&apos;m confident I could show you why. Would you be
            willing to meet me again? I&apos;d make good use of the time.&rdquo;
          </Text>
        </Section>
        <Text style={styles.text}>
          Then stop and listen. If they say they will think about it, thank them and end the call warmly. If you reach
          voicemail, leave your name, your number and one sentence asking to talk, and try once more the next day.
        </Text>
      </Section>
      <Section>
        <Heading as="h2" style={styles.h2}>
          What not to say
        </Heading>
        <ul style={styles.list}>
          <li>No excuses or blame — not the traffic, not the interviewer, not the questions.</li>
          <li>No long account of everything that went wrong: one sentence is enough.</li>
          <li>No begging, and don&apos;t repeat the request if they have answered.</li>
          <li>Don&apos;t keep calling for an answer. Once you have asked, leave it with them.</li>
          <li>Nothing about the interview on social media: employers do look.</li>
        </ul>
        <Text style={styles.text}>
          Whatever their answer, keep applying for other roles in the meantime. To practise the call together first,{" "}
          {howToReachMe(values)}.
        </Text>
      </Section>
      <ReasonTips values={values} heading="If they ask what happened" />
    </EmailLayout>
  );
}
