// The frame every recovery email shares: agency name, greeting, the recruiter's personal note, the coaching-page
// button, the recruiter's signature and the unsubscribe footer. Merge values are only ever rendered as React text
// (escaped); anything missing is left out or replaced by a neutral phrase.
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { CSSProperties, ReactNode } from "react";
import { present, type RecoveryMergeValues } from "./merge-values";
import { reasonTips } from "./reason-tips";

const colors = { text: "#1f2933", muted: "#52606d", accent: "#0b5cad", panel: "#f1f5f9", border: "#d9e2ec" };

export const styles = {
  body: { backgroundColor: "#f7f9fb", fontFamily: "Helvetica, Arial, sans-serif", color: colors.text, margin: 0 },
  container: { backgroundColor: "#ffffff", maxWidth: "600px", margin: "0 auto", padding: "24px 32px" },
  agency: { fontSize: "14px", fontWeight: 700, color: colors.accent, margin: "0 0 16px" },
  h1: { fontSize: "22px", lineHeight: "1.3", margin: "0 0 16px" },
  h2: { fontSize: "17px", lineHeight: "1.3", margin: "24px 0 8px" },
  text: { fontSize: "15px", lineHeight: "1.6", margin: "0 0 12px" },
  muted: { fontSize: "13px", lineHeight: "1.5", color: colors.muted, margin: "0 0 8px" },
  note: { backgroundColor: colors.panel, borderLeft: `4px solid ${colors.accent}`, padding: "12px 16px", margin: "0 0 20px" },
  draft: { border: `1px dashed ${colors.border}`, padding: "12px 16px", margin: "0 0 16px", backgroundColor: "#fcfcfd" },
  button: {
    backgroundColor: colors.accent,
    color: "#ffffff",
    fontSize: "15px",
    fontWeight: 700,
    padding: "12px 20px",
    borderRadius: "6px",
    textDecoration: "none",
  },
  list: { fontSize: "15px", lineHeight: "1.6", margin: "0 0 12px", paddingLeft: "20px" },
} satisfies Record<string, CSSProperties>;

export function firstNameOr(values: RecoveryMergeValues, fallback: string) {
  return present(values.candidateFirstName) ?? fallback;
}

/** "your interview for the Data Analyst role at Acme on 24 Nov 2026", dropping whatever is unknown. */
export function describeInterview(values: RecoveryMergeValues) {
  const role = present(values.roleTitle);
  const company = present(values.companyName);
  const date = present(values.interviewDate);
  return ["your interview", role ? `for the ${role} role` : null, company ? `at ${company}` : null, date ? `on ${date}` : null]
    .filter(Boolean)
    .join(" ");
}

export function recruiterName(values: RecoveryMergeValues) {
  return present(values.recruiter?.name);
}

/** "ring me on 01632 960 123" when we know the phone number, otherwise "reply to this email". */
export function howToReachMe(values: RecoveryMergeValues) {
  const phone = present(values.recruiter?.phone);
  return phone ? `ring me on ${phone} or reply to this email` : "reply to this email";
}

/** A paragraph per blank-line-separated block, line breaks kept: the recruiter's note as they typed it. */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n\s*\n/).map((block, i) => (
        <Text key={i} style={styles.text}>
          {block.split("\n").map((line, j) => (
            <span key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </Text>
      ))}
    </>
  );
}

export function ReasonTips({ values, heading }: { values: RecoveryMergeValues; heading: string }) {
  const reasons = (values.reasons ?? []).filter((r) => Object.hasOwn(reasonTips, r));
  if (!reasons.length) return null;
  return (
    <Section>
      <Heading as="h2" style={styles.h2}>
        {heading}
      </Heading>
      {reasons.map((reason) => (
        <Text key={reason} style={styles.text} data-reason={reason}>
          <strong>{reasonTips[reason].heading}.</strong> {reasonTips[reason].tip}
        </Text>
      ))}
    </Section>
  );
}

/** UK GDPR asks that people know who holds their data and how to reach them about it: one short line. */
function PrivacyFooter({ agency, contact }: { agency: string; contact: string | null }) {
  const isAddress = contact !== null && /^[^\s@<>]+@[^\s@<>]+$/.test(contact);
  return (
    <Text style={styles.muted}>
      Your privacy: {agency} keeps your contact details and notes about your interviews to help you find work. To see
      what we hold about you, or to have it deleted, {contact ? "contact " : "reply to this email"}
      {isAddress ? <Link href={`mailto:${contact}`}>{contact}</Link> : contact}.
    </Text>
  );
}

export function EmailLayout({
  values,
  title,
  preview,
  children,
}: {
  values: RecoveryMergeValues;
  title: string;
  /** The inbox preview line. */
  preview: string;
  children: ReactNode;
}) {
  const agency = present(values.agencyName) ?? "Your recruitment agency";
  const name = recruiterName(values);
  const note = present(values.personalNote);
  const signature = present(values.recruiter?.signature);
  const phone = present(values.recruiter?.phone);
  const email = present(values.recruiter?.email);
  const coaching = values.coachingLink && present(values.coachingLink.url) ? values.coachingLink : null;
  const unsubscribeUrl = present(values.unsubscribeUrl);
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.agency}>{agency}</Text>
          <Heading as="h1" style={styles.h1}>
            {title}
          </Heading>
          <Text style={styles.text}>Hi {firstNameOr(values, "there")},</Text>
          {note ? (
            <Section style={styles.note}>
              <Text style={{ ...styles.muted, fontWeight: 700 }}>A note from {name ?? "your recruiter"}</Text>
              <Paragraphs text={note} />
            </Section>
          ) : null}
          {children}
          {coaching ? (
            <Section style={{ margin: "24px 0" }}>
              <Text style={styles.text}>
                Your personal coaching page has your recovery checklist and a short worksheet for looking back on the
                interview. Tick steps off there as you go.
              </Text>
              <Button href={coaching.url} style={styles.button}>
                Open your coaching page
              </Button>
              {coaching.pending ? (
                <Text style={styles.muted}>(Preview: a personal link is created when you send.)</Text>
              ) : null}
            </Section>
          ) : null}
          <Section style={{ marginTop: "24px" }}>
            <Text style={styles.text}>
              Best wishes,
              <br />
              {name ?? `The ${agency} team`}
              {signature ? (
                <>
                  <br />
                  {signature}
                </>
              ) : null}
              {phone ? (
                <>
                  <br />
                  Phone: {phone}
                </>
              ) : null}
              {email ? (
                <>
                  <br />
                  Email: <Link href={`mailto:${email}`}>{email}</Link>
                </>
              ) : null}
              {name ? (
                <>
                  <br />
                  {agency}
                </>
              ) : null}
            </Text>
          </Section>
          <Hr style={{ borderColor: colors.border, margin: "24px 0 12px" }} />
          <Text style={styles.muted}>
            You are getting this email because {agency} is helping you with your job search.
          </Text>
          <PrivacyFooter agency={agency} contact={present(values.privacyContact)} />
          {unsubscribeUrl ? (
            <Text style={styles.muted}>
              Don&apos;t want these emails? <Link href={unsubscribeUrl}>Unsubscribe</Link>
            </Text>
          ) : null}
        </Container>
      </Body>
    </Html>
  );
}
