import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { invalidForm, ruleViolationReply } from "~/utils/form-reply.server";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, Field, SelectField, SubmitButton } from "~/components/forms";
import { roles, selectOptions } from "~/models/enums";
import { NewUserSchema } from "~/models/users/user-forms";
import { createUser } from "~/models/users/user.server";
import { env } from "~/utils/env.server";
import { RuleViolation } from "~/utils/errors.server";
import { redirectWithToast, requireManager } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireManager(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireManager(request);
  const submission = parseWithZod(await request.formData(), { schema: NewUserSchema });
  if (submission.status !== "success") {
    return invalidForm(submission, null, undefined, ["password"]);
  }
  const { name, email, role, passwordChoice, password } = submission.value;
  try {
    const { user, setupToken } = await createUser(
      { name, email, role, password: passwordChoice === "password" ? password : undefined },
      { userId: me.id },
    );
    return redirectWithToast(request, "/settings/users", {
      kind: "success",
      message: setupToken
        ? `${user.name} was added. Give them this one-time link to choose a password (valid for 72 hours):`
        : `${user.name} was added and can log in with the password you chose.`,
      detail: setupToken ? `${env.APP_URL}/set-password/${setupToken}` : undefined,
    });
  } catch (error) {
    if (error instanceof RuleViolation) return ruleViolationReply(submission, error, null, undefined, ["password"]);
    throw error;
  }
}

export default function NewUserPage() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-user",
    constraint: getZodConstraint(NewUserSchema),
    lastResult: actionData?.result,
    shouldRevalidate: "onBlur",
    defaultValue: { role: "recruiter", passwordChoice: "link" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewUserSchema }),
  });
  return (
    <section aria-labelledby="new-user-title">
      <h2 id="new-user-title">Add a user</h2>
      <Form method="post" className="stacked panel new-user-form" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} alert />
        <Field label="Name" inputProps={getInputProps(fields.name, { type: "text" })} errors={fields.name.errors} />
        <Field
          label="Email"
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "off" }}
          errors={fields.email.errors}
        />
        <SelectField
          label="Role"
          selectProps={getSelectProps(fields.role)}
          options={selectOptions(roles)}
          errors={fields.role.errors}
        />
        <fieldset>
          <legend>How will they get a password?</legend>
          {[
            { value: "link", label: "Give me a one-time link to send them" },
            { value: "password", label: "I'll set an initial password" },
          ].map((option) => (
            <div className="radio-row" key={option.value}>
              <input
                {...getInputProps(fields.passwordChoice, { type: "radio", value: option.value })}
                id={`password-choice-${option.value}`}
              />
              <label htmlFor={`password-choice-${option.value}`}>{option.label}</label>
            </div>
          ))}
          <ErrorList errors={fields.passwordChoice.errors} />
        </fieldset>
        {/* Always rendered (so it works without JavaScript); CSS shows it once "set an initial password" is chosen. */}
        <div className="initial-password">
          <Field
            label="Initial password"
            hint="At least 12 characters, not a common password. Ask them to change it soon."
            inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
            errors={fields.password.errors}
          />
        </div>
        <div className="row-actions">
          <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
          <Link to="/settings/users">Cancel</Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
