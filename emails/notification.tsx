// A notification sent to a staff member by email (their choice per kind under My profile → Notifications): what
// happened, one button to the thing it is about, and how to change what they get.
import { Body, Button, Container, Head, Heading, Html, Preview, Text } from "@react-email/components";
import { styles } from "./layout";

export type NotificationEmailValues = {
  name: string;
  agencyName: string;
  title: string;
  text: string | null;
  link: string;
  kindLabel: string;
  preferencesLink: string;
};

export function NotificationEmail({ name, agencyName, title, text, link, kindLabel, preferencesLink }: NotificationEmailValues) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{title}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.agency}>{agencyName}</Text>
          <Heading as="h1" style={styles.h1}>
            {title}
          </Heading>
          <Text style={styles.text}>Hello {name},</Text>
          {text ? <Text style={styles.text}>{text}</Text> : null}
          <Button href={link} style={styles.button}>
            Open in Rebound
          </Button>
          <Text style={styles.muted}>{link}</Text>
          <Text style={styles.muted}>
            You get this email for “{kindLabel}”. Choose in the app, by email, both or off under My profile →
            Notifications: {preferencesLink}
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
