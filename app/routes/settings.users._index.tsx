import { parseWithZod } from "@conform-to/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SubmitButton } from "~/components/forms";
import { roles, selectOptions } from "~/models/enums";
import { UserActionSchema } from "~/models/users/user-forms";
import { changeRole, deactivateUser, listUsers, reactivateUser, resetPassword } from "~/models/users/user.server";
import { env } from "~/utils/env.server";
import { RuleViolation } from "~/utils/errors.server";
import { invalidForm, ruleViolationReply } from "~/utils/form-reply.server";
import { buttonFormErrors } from "~/utils/form-reply";
import { redirectWithToast, requireManager } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireManager(request);
  return { me, users: await listUsers() };
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireManager(request);
  const submission = parseWithZod(await request.formData(), { schema: UserActionSchema });
  if (submission.status !== "success") return invalidForm(submission);
  const actor = { userId: me.id };
  const { userId } = submission.value;
  try {
    switch (submission.value.intent) {
      case "change-role":
        await changeRole(userId, submission.value.role, actor);
        // A manager who made themselves a recruiter can no longer see this page.
        return redirectWithToast(request, userId === me.id && submission.value.role !== "manager" ? "/" : "/settings/users", {
          kind: "success",
          message: "Role changed.",
        });
      case "deactivate":
        await deactivateUser(userId, actor);
        return redirectWithToast(request, "/settings/users", {
          kind: "success",
          message: "User deactivated. They can no longer log in; their records stay.",
        });
      case "reactivate":
        await reactivateUser(userId, actor);
        return redirectWithToast(request, "/settings/users", { kind: "success", message: "User reactivated." });
      case "reset-password": {
        const token = await resetPassword(userId, actor);
        return redirectWithToast(request, "/settings/users", {
          kind: "success",
          message: "Password reset. Give the user this one-time link to choose a new password (valid for 72 hours):",
          detail: `${env.APP_URL}/set-password/${token}`,
        });
      }
    }
  } catch (error) {
    if (error instanceof RuleViolation) return ruleViolationReply(submission, error);
    throw error;
  }
}

type UserRowData = ReturnType<typeof useLoaderData<typeof loader>>["users"][number];

function UserRow({ user, isMe }: { user: UserRowData; isMe: boolean }) {
  const fetcher = useFetcher<typeof action>();
  const errorId = useId();
  const error = buttonFormErrors(fetcher.data)?.join(" ") || null;
  return (
    <tr aria-describedby={error ? errorId : undefined}>
      <th scope="row">
        {user.name}
        {isMe ? " (you)" : ""}
      </th>
      <td>{user.email}</td>
      <td>{roles.label(user.role)}</td>
      <td className={user.active ? undefined : "status-inactive"}>
        {user.active ? "Active" : "Deactivated"}
        {user.active && !user.hasPassword ? " · password not set yet" : ""}
      </td>
      <td>
        <div className="row-actions">
          <fetcher.Form method="post">
            <input type="hidden" name="userId" value={user.id} />
            <label className="visually-hidden" htmlFor={`role-${user.id}`}>
              Role for {user.name}
            </label>
            <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
              {selectOptions(roles).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <SubmitButton name="intent" value="change-role" className="secondary" fetcher={fetcher}>
              Change role<span className="visually-hidden"> for {user.name}</span>
            </SubmitButton>
          </fetcher.Form>
          <fetcher.Form method="post">
            <input type="hidden" name="userId" value={user.id} />
            <SubmitButton name="intent" value="reset-password" className="secondary" fetcher={fetcher}>
              Reset password<span className="visually-hidden"> for {user.name}</span>
            </SubmitButton>
          </fetcher.Form>
          <fetcher.Form method="post">
            <input type="hidden" name="userId" value={user.id} />
            {user.active ? (
              <SubmitButton name="intent" value="deactivate" className="danger" fetcher={fetcher}>
                Deactivate<span className="visually-hidden"> {user.name}</span>
              </SubmitButton>
            ) : (
              <SubmitButton name="intent" value="reactivate" className="secondary" fetcher={fetcher}>
                Reactivate<span className="visually-hidden"> {user.name}</span>
              </SubmitButton>
            )}
          </fetcher.Form>
        </div>
        {error ? (
          <p id={errorId} className="field-errors" role="alert">
            <span aria-hidden="true">⚠ </span>
            {error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export default function UsersPage() {
  const { me, users } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <p>
        <Link className="button" to="/settings/users/new">
          Add a user
        </Link>
      </p>
      <table>
        <caption className="visually-hidden">Recruiters and managers of the agency</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} isMe={user.id === me.id} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
