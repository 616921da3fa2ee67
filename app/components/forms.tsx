// Labelled form controls with their errors announced and tied to the input (aria-describedby).
import { useNavigation } from "@remix-run/react";
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

export type ListOfErrors = Array<string | null | undefined> | null | undefined;

export function ErrorList({ id, errors, alert }: { id?: string; errors?: ListOfErrors; alert?: boolean }) {
  const shown = errors?.filter(Boolean);
  if (!shown?.length) return null;
  return (
    <ul id={id} className={alert ? "form-errors" : "field-errors"} role={alert ? "alert" : undefined}>
      {shown.map((e) => (
        <li key={e}>
          <span aria-hidden="true">⚠ </span>
          {e}
        </li>
      ))}
    </ul>
  );
}

export function Field({
  label,
  inputProps,
  errors,
  hint,
}: {
  label: ReactNode;
  inputProps: InputHTMLAttributes<HTMLInputElement>;
  errors?: ListOfErrors;
  hint?: ReactNode;
}) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        {...inputProps}
        id={id}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function SelectField({
  label,
  selectProps,
  options,
  errors,
}: {
  label: ReactNode;
  selectProps: SelectHTMLAttributes<HTMLSelectElement>;
  options: ReadonlyArray<{ value: string; label: string }>;
  errors?: ListOfErrors;
}) {
  const fallbackId = useId();
  const id = selectProps.id ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select {...selectProps} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={errorId}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** A submit button that shows progress and can't be pressed twice while its form is being sent. */
export function SubmitButton({
  children,
  pendingLabel,
  pending,
  className,
  ...props
}: {
  children: ReactNode;
  pendingLabel?: ReactNode;
  pending?: boolean;
} & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const navigation = useNavigation();
  const isPending =
    pending ??
    (navigation.state === "submitting" &&
      (!props.name || navigation.formData?.get(props.name) === props.value));
  return (
    <button
      type="submit"
      {...props}
      className={className}
      disabled={isPending || props.disabled}
      aria-disabled={isPending || undefined}
    >
      {isPending ? (pendingLabel ?? "Working…") : children}
    </button>
  );
}
