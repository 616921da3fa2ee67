import { expect, test } from "vitest";
import { previewRecoveryEmail } from "~/models/email/recovery-email.server";
import { prisma } from "~/utils/db.server";
import { makeEmailableInterview } from "../emails/helpers";

test("a recovery email closes with the sender's phone and signature from My profile", async () => {
  const { recruiter, interview } = await makeEmailableInterview({ scheduledAt: new Date(Date.now() - 3 * 3600_000) });
  await prisma.user.update({
    where: { id: recruiter.id },
    data: { phone: "+44 20 7946 0018", emailSignature: "Senior Recruiter, Finance & Operations" },
  });
  const preview = await previewRecoveryEmail(interview.id, "rough_day", { userId: recruiter.id });
  for (const body of [preview!.rendered.html.replaceAll("<!-- -->", ""), preview!.rendered.text]) {
    expect(body).toContain("Senior Recruiter, Finance &");
    expect(body).toContain("+44 20 7946 0018");
  }
});
