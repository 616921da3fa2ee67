// The two fields of choosing a password (first manager, set-password link), with the same rule stated on both.
import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { Field } from "./forms";

export function NewPasswordFields({
  password,
  confirm,
  label = "Password",
}: {
  password: FieldMetadata<string>;
  confirm: FieldMetadata<string>;
  label?: string;
}) {
  return (
    <>
      <Field
        label={label}
        hint="At least 12 characters, not a common password."
        inputProps={{ ...getInputProps(password, { type: "password" }), autoComplete: "new-password" }}
        errors={password.errors}
      />
      <Field
        label="Repeat the password"
        inputProps={{ ...getInputProps(confirm, { type: "password" }), autoComplete: "new-password" }}
        errors={confirm.errors}
      />
    </>
  );
}
