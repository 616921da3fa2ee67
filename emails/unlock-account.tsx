// The account email a staff member asks for on the login page after failed sign-ins: a one-time link to set a new
// password (which also ends every session and clears the sign-in pause).
import { Body, Button, Container, Head, Heading, Html, Preview, Text } from "@react-email/components";
import { styles } from "./layout";

export type UnlockAccountValues = { name: string; agencyName: string; link: string; hours: number };

export function UnlockAccountEmail({ name, agencyName, link, hours }: UnlockAccountValues) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Set a new password for Rebound</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Text style={styles.agency}>{agencyName}</Text>
          <Heading as="h1" style={styles.h1}>
            Set a new password
          </Heading>
          <Text style={styles.text}>Hello {name},</Text>
          <Text style={styles.text}>
            Someone (we hope you) asked for this after several failed sign-ins to your Rebound account. Choose a new
            password with the button below; it signs you in and ends every other session.
          </Text>
          <Button href={link} style={styles.button}>
            Set a new password
          </Button>
          <Text style={styles.muted}>
            The link works once, for {hours} hours. If you didn&apos;t ask for it, ignore this email: your password stays
            as it is.
          </Text>
          <Text style={styles.muted}>{link}</Text>
        </Container>
      </Body>
    </Html>
  );
}
