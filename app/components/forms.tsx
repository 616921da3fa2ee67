// Labelled form controls with their errors announced and tied to the input (aria-describedby).
import { useIsPending, type PendingFetcher } from "~/utils/use-is-pending";
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

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

/** Ids that tie a control to its hint and errors, so screen readers announce them with the field. */
function useFieldIds(idFromProps: string | undefined, hint: ReactNode, errors: ListOfErrors) {
  const fallbackId = useId();
  const id = idFromProps ?? fallbackId;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return {
    id,
    errorId,
    hintId,
    control: {
      id,
      "aria-invalid": errorId ? true : undefined,
      "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
    },
  };
}

function FieldFrame({
  id,
  label,
  hint,
  hintId,
  errors,
  errorId,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  hintId?: string;
  errors?: ListOfErrors;
  errorId?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {children}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

type FieldProps = { label: ReactNode; errors?: ListOfErrors; hint?: ReactNode };

export function Field({ label, inputProps, errors, hint }: FieldProps & { inputProps: InputHTMLAttributes<HTMLInputElement> }) {
  const ids = useFieldIds(inputProps.id, hint, errors);
  return (
    <FieldFrame label={label} hint={hint} errors={errors} {...ids}>
      <input {...inputProps} {...ids.control} />
    </FieldFrame>
  );
}

export function TextareaField({
  label,
  textareaProps,
  errors,
  hint,
}: FieldProps & { textareaProps: TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  const ids = useFieldIds(textareaProps.id, hint, errors);
  return (
    <FieldFrame label={label} hint={hint} errors={errors} {...ids}>
      <textarea rows={4} {...textareaProps} {...ids.control} />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  selectProps,
  options,
  errors,
  hint,
}: FieldProps & {
  selectProps: SelectHTMLAttributes<HTMLSelectElement>;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const ids = useFieldIds(selectProps.id, hint, errors);
  return (
    <FieldFrame label={label} hint={hint} errors={errors} {...ids}>
      <select {...selectProps} {...ids.control}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * A submit button that shows progress and can't be pressed twice while its form is being sent. It knows its form by
 * where it posts (`formAction`, this route's action by default), its intent (a hidden `intent` field passed as
 * `intent`, or its own name="intent" value) and, for a fetcher form, the fetcher.
 */
export function SubmitButton({
  children,
  pendingLabel,
  intent,
  subject,
  formAction,
  fetcher,
  ...props
}: {
  children: ReactNode;
  pendingLabel?: ReactNode;
  intent?: string;
  formAction?: string;
  subject?: { name: string; value: string };
  fetcher?: PendingFetcher;
} & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const ownIntent = props.name === "intent" && typeof props.value === "string" ? props.value : undefined;
  const isPending = useIsPending({ formAction, intent: intent ?? ownIntent, subject, fetcher });
  return (
    <button type="submit" {...props} disabled={isPending || props.disabled} aria-disabled={isPending || undefined}>
      {isPending ? (pendingLabel ?? "Working…") : children}
    </button>
  );
}
