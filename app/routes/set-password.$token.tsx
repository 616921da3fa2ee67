import { getFormProps, useForm } from "@conform-to/react";
import { NewPasswordFields } from "~/components/new-password-fields";
import { invalidForm, ruleViolationReply } from "~/utils/form-reply.server";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, SubmitButton } from "~/components/forms";
import { SetPasswordSchema } from "~/models/users/user-forms";
import { getPasswordSetup, setPasswordWithToken } from "~/models/users/user.server";
import { RuleViolation } from "~/utils/errors.server";
import { loginThrottle } from "~/utils/login-throttle.server";
import { createUserSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Choose a password · Rebound" }, { name: "referrer", content: "no-referrer" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const setup = await getPasswordSetup(params.token ?? "");
  return { name: setup?.user.name ?? null, email: setup?.user.email ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: SetPasswordSchema });
  if (submission.status !== "success") {
    return invalidForm(submission, null, undefined, ["password", "confirm"]);
  }
  try {
    const user = await setPasswordWithToken(params.token ?? "", submission.value.password);
    // A new password is the unlock: the sign-in pause for this account ends with it.
    await loginThrottle.recordSuccess(user.email);
    return createUserSession(user.id, "/", request);
  } catch (error) {
    if (error instanceof RuleViolation) {
      return ruleViolationReply(submission, new RuleViolation(error.message), null, undefined, ["password", "confirm"]);
    }
    throw error;
  }
}

export default function SetPasswordPage() {
  const { name, email } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "set-password",
    constraint: getZodConstraint(SetPasswordSchema),
    lastResult: actionData?.result,
    shouldRevalidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetPasswordSchema }),
  });
  if (!name) {
    return (
      <div className="login-page panel">
        <h1>Link not valid</h1>
        <p>This link has expired or was already used. Ask your manager for a new one.</p>
      </div>
    );
  }
  return (
    <div className="login-page panel">
      <h1>Choose a password</h1>
      <p>
        Hello {name}. Choose the password you will use to log in as <strong>{email}</strong>.
      </p>
      <Form method="post" className="stacked" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} alert />
        <input type="email" name="username" value={email ?? ""} autoComplete="username" readOnly hidden />
        <NewPasswordFields label="New password" password={fields.password} confirm={fields.confirm} />
        <SubmitButton pendingLabel="Saving…">Save password and log in</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
