import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SubmitButton } from "~/components/forms";
import { requestUnlockEmail } from "~/models/users/account-unlock.server";
import { LoginSchema, UnlockSchema } from "~/models/users/user-forms";
import { isSetupOpen } from "~/models/agency/setup.server";
import { verifyLogin } from "~/models/users/user.server";
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
  if (formData.get("intent") === "unlock") {
    const parsed = UnlockSchema.safeParse({ email: formData.get("email") });
    if (!parsed.success) return data({ attempt: Date.now(), offerUnlock: true, unlockSent: false, result: null }, { status: 400 });
    await requestUnlockEmail(parsed.data.email, clientIp(context));
    return data({ attempt: Date.now(), offerUnlock: false, unlockSent: true, result: null });
  }
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ attempt: Date.now(), offerUnlock: false, unlockSent: false, result: submission.reply({ hideFields: ["password"] }) }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const ip = clientIp(context);
  const waitSeconds = loginThrottle.retryAfterSeconds(email, ip);
  if (waitSeconds > 0) {
    return data(
      {
        attempt: Date.now(),
        offerUnlock: true,
        unlockSent: false,
        result: submission.reply({
          formErrors: [`Too many failed attempts. Wait ${describeWait(waitSeconds)} and try again.`],
          hideFields: ["password"],
        }),
      },
      { status: 429 },
    );
  }
  const user = await verifyLogin(email, password);
  if (!user) {
    loginThrottle.recordFailure(email, ip);
    // One message for every failure, so the form doesn't reveal which accounts exist.
    return data(
      {
        attempt: Date.now(),
        offerUnlock: loginThrottle.suggestsUnlock(email),
        unlockSent: false,
        result: submission.reply({ formErrors: ["Email or password is incorrect."], hideFields: ["password"] }),
      },
      { status: 400 },
    );
  }
  loginThrottle.recordSuccess(email);
  return createUserSession(user.id, safeRedirect(redirectTo), request);
}

function describeWait(seconds: number) {
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    constraint: getZodConstraint(LoginSchema),
    lastResult: actionData?.result ?? undefined,
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
          key={actionData?.attempt}
          label="Password"
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
          errors={fields.password.errors}
        />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <SubmitButton pendingLabel="Logging in…">Log in</SubmitButton>
      </Form>
      {actionData?.unlockSent ? (
        <p role="status" className="notice">
          If an account uses that address, we have emailed it a link to set a new password. The link works once, for
          72 hours.
        </p>
      ) : null}
      {actionData?.offerUnlock ? (
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
