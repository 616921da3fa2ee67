import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SubmitButton } from "~/components/forms";
import { requestUnlockEmail } from "~/models/users/account-unlock.server";
import { isLoginIntent, LoginActionSchema, LoginSchema } from "~/models/users/user-forms";
import { isSetupOpen } from "~/models/agency/setup.server";
import { verifyLogin } from "~/models/users/user.server";
import { RuleViolation } from "~/utils/errors.server";
import { formRefused, invalidForm, ruleViolationReply, tooManyRequestsReply } from "~/utils/form-reply.server";
import { clientIp } from "~/utils/http.server";
import { loginThrottle } from "~/utils/login-throttle.server";
import { createUserSession, getUserId, safeRedirect } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Log in · Rebound" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUserId(request)) throw redirect("/");
  // A fresh installation has nobody to log in yet: its first manager is created on the setup page.
  if (await isSetupOpen()) throw redirect("/setup");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (!isLoginIntent(intent)) return formRefused();
  const submission = parseWithZod(formData, { schema: LoginActionSchema });
  // `attempt` remounts the password field so it is empty after every refusal; `offerUnlock` shows the unlock form.
  const page = (offerUnlock: boolean) => ({ attempt: Date.now(), offerUnlock, unlockSent: false });
  if (submission.status !== "success") return invalidForm(submission, intent, page(intent === "unlock"), hidden);
  const value = submission.value;
  const ip = clientIp(context);
  switch (value.intent) {
    case "unlock":
      await requestUnlockEmail(value.email, ip);
      // The same answer whether or not an account uses the address.
      return data({ attempt: Date.now(), offerUnlock: false, unlockSent: true });
    case "login": {
      const { email, password, redirectTo } = value;
      const waitSeconds = await loginThrottle.retryAfterSeconds(email, ip);
      if (waitSeconds > 0) {
        return tooManyRequestsReply(submission, {
          message: `Too many failed attempts. Wait ${describeWait(waitSeconds)} and try again.`,
          retryAfterSeconds: waitSeconds,
          intent: value.intent,
          extra: page(true),
          hideFields: hidden,
        });
      }
      const user = await verifyLogin(email, password);
      if (!user) {
        await loginThrottle.recordFailure(email, ip);
        // One message for every failure, so the form doesn't reveal which accounts exist.
        const refusal = new RuleViolation("Email or password is incorrect.");
        return ruleViolationReply(submission, refusal, value.intent, page(await loginThrottle.suggestsUnlock(email)), hidden);
      }
      await loginThrottle.recordSuccess(email);
      return createUserSession(user.id, safeRedirect(redirectTo), request);
    }
  }
}

/** Never sent back to the browser. */
const hidden = ["password"];

function describeWait(seconds: number) {
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  // A refused unlock request is about the address typed in this form, so every refusal shows here.
  const refusal = actionData && "result" in actionData ? actionData : null;
  const page = actionData && "attempt" in actionData ? actionData : null;
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    constraint: getZodConstraint(LoginSchema),
    lastResult: refusal?.result,
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <div className="login-page panel">
      <h1>Log in to Rebound</h1>
      <Form method="post" className="stacked" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} alert />
        <Field
          label="Email"
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "username", autoFocus: true }}
          errors={fields.email.errors}
        />
        <Field
          key={page?.attempt}
          label="Password"
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
          errors={fields.password.errors}
        />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <input type="hidden" name="intent" value="login" />
        <SubmitButton intent="login" pendingLabel="Logging in…">
          Log in
        </SubmitButton>
      </Form>
      {page?.unlockSent ? (
        <p role="status" className="notice">
          If an account uses that address, we have emailed it a link to set a new password. The link works once, for
          72 hours.
        </p>
      ) : null}
      {page?.offerUnlock ? (
        <Form method="post" className="stacked unlock-offer">
          <p>Can&apos;t remember it? We can email you a link to set a new password; it also lifts the wait.</p>
          <input type="hidden" name="email" value={fields.email.value ?? ""} />
          <SubmitButton name="intent" value="unlock" className="secondary" pendingLabel="Sending…">
            Email me a link to set a new password
          </SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
