import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { NewPasswordFields } from "~/components/new-password-fields";
import { invalidForm } from "~/utils/form-reply.server";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField, SubmitButton } from "~/components/forms";
import { SetupSchema } from "~/models/agency/setup-forms";
import { completeSetup, isSetupOpen } from "~/models/agency/setup.server";
import { env } from "~/utils/env.server";
import { invariantResponse } from "~/utils/http.server";
import { createUserSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Set up Rebound" }];

// Once anyone has an account this page does not exist: the same 404 as any unknown address.
async function requireSetupOpen() {
  invariantResponse(await isSetupOpen(), "Page not found");
}

export async function loader(_: LoaderFunctionArgs) {
  await requireSetupOpen();
  return { timeZones: ["UTC", ...Intl.supportedValuesOf("timeZone")], defaultTimeZone: env.defaultTimeZone };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireSetupOpen();
  const submission = parseWithZod(await request.formData(), { schema: SetupSchema });
  if (submission.status !== "success") {
    return invalidForm(submission, null, undefined, ["password", "confirm"]);
  }
  const { confirm: _confirm, ...input } = submission.value;
  const user = await completeSetup(input);
  // Another submit won the race: this one is as if the page were already gone.
  invariantResponse(user, "Page not found");
  return createUserSession(user.id, "/", request);
}

export default function SetupPage() {
  const { timeZones, defaultTimeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "setup",
    constraint: getZodConstraint(SetupSchema),
    lastResult: actionData?.result,
    shouldRevalidate: "onBlur",
    defaultValue: { timeZone: defaultTimeZone },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetupSchema }),
  });
  return (
    <div className="login-page panel">
      <h1>Set up Rebound</h1>
      <p>Name your agency and create the first manager account. This page disappears once it is done.</p>
      <Form method="post" className="stacked" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} alert />
        <Field label="Agency name" inputProps={getInputProps(fields.agencyName, { type: "text" })} errors={fields.agencyName.errors} />
        <SelectField
          label="Time zone"
          hint="Every date in Rebound is shown in this zone."
          selectProps={getSelectProps(fields.timeZone)}
          options={timeZones.map((zone) => ({ value: zone, label: zone }))}
          errors={fields.timeZone.errors}
        />
        <Field
          label="Your name"
          inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
          errors={fields.name.errors}
        />
        <Field
          label="Your email"
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "username" }}
          errors={fields.email.errors}
        />
        <NewPasswordFields password={fields.password} confirm={fields.confirm} />
        <SubmitButton pendingLabel="Creating…">Create the agency and log in</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
