// The staff digests: a recruiter's morning digest and a manager's weekly summary. Both are a short list of sections,
// each with a few lines that link to the thing they are about and an "all N" link when there are more, so the email
// is a to-do list rather than a report. Every value is rendered as React text (escaped).
import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { styles } from "./layout";

export type DigestLine = { text: string; link?: string | null };

export type DigestSection = {
  heading: string;
  /** Figures shown as plain lines ("3 recoveries closed: 2 hired, 1 went quiet"). */
  lines?: string[];
  items?: DigestLine[];
  /** How many there are in all; with more than the items shown, "All N" links to `allLink`. */
  total?: number;
  allLink?: string | null;
};

export type DigestEmailValues = {
  name: string;
  agencyName: string;
  title: string;
  intro: string;
  sections: DigestSection[];
  button: { label: string; link: string };
  preferencesLink: string;
  /** Why they get it and how to stop it, in one sentence. */
  whyYouGetThis: string;
};

export function DigestEmail({ name, agencyName, title, intro, sections, button, preferencesLink, whyYouGetThis }: DigestEmailValues) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{intro}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.agency}>{agencyName}</Text>
          <Heading as="h1" style={styles.h1}>
            {title}
          </Heading>
          <Text style={styles.text}>Hello {name},</Text>
          <Text style={styles.text}>{intro}</Text>
          {sections.map((section) => (
            <Section key={section.heading}>
              <Heading as="h2" style={styles.h2}>
                {section.heading}
              </Heading>
              {section.lines?.map((line) => (
                <Text key={line} style={styles.text}>
                  {line}
                </Text>
              ))}
              {section.items?.length ? (
                <ul style={styles.list}>
                  {section.items.map((item, i) => (
                    <li key={i}>{item.link ? <Link href={item.link}>{item.text}</Link> : item.text}</li>
                  ))}
                </ul>
              ) : null}
              {section.allLink && section.total !== undefined && section.total > (section.items?.length ?? 0) ? (
                <Text style={styles.muted}>
                  <Link href={section.allLink}>All {section.total} →</Link>
                </Text>
              ) : null}
            </Section>
          ))}
          <Section style={{ margin: "24px 0 16px" }}>
            <Button href={button.link} style={styles.button}>
              {button.label}
            </Button>
          </Section>
          <Hr />
          <Text style={styles.muted}>
            {whyYouGetThis} Switch it off under <Link href={preferencesLink}>My profile → Notifications</Link>.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
