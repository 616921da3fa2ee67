// The candidate's reflection worksheet: saves itself a second after typing stops, and has a plain save button
// so it works without JavaScript too.
import type { SubmissionResult } from "@conform-to/react";
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { REFLECTION_MAX_LENGTH, reflectionQuestions, type Reflection } from "~/models/recovery/reflection";
import { formatDateTime, formatTime } from "~/utils/dates";
import { useIsPending } from "~/utils/use-is-pending";
import { ErrorList, SubmitButton, TextareaField } from "./forms";

const AUTOSAVE_DELAY_MS = 1000;

/**
 * What the coach page's action answers to a reflection save (autosave or button): when it was saved, or the form
 * contract's refusal (`result`: errors at the fields, and the typed answers so a refused save keeps them).
 */
export type ReflectionReply = {
  intent: "save-reflection";
  /** When the server answered, to tell which of two answers (autosave, button) is newer. */
  at?: number;
  savedAt?: Date | string | null;
  result?: SubmissionResult<string[]>;
};

function newest(...replies: Array<ReflectionReply | null | undefined>) {
  return replies.reduce<ReflectionReply | null>((best, r) => (r && (!best || (r.at ?? 0) > (best.at ?? 0)) ? r : best), null);
}

export function ReflectionWorksheet({
  initial,
  lastSavedAt,
  timeZone,
  reply,
}: {
  initial: Reflection;
  lastSavedAt: Date | string | null;
  timeZone: string;
  reply: ReflectionReply | null;
}) {
  const fetcher = useFetcher<ReflectionReply>({ key: "reflection-autosave" });
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // The newest answer wins, and stays after other actions on the page (ticking a step) clear the action data.
  const [latest, setLatest] = useState<ReflectionReply | null>(reply);
  useEffect(() => {
    if (reply) setLatest((previous) => newest(previous, reply));
  }, [reply]);
  useEffect(() => {
    const answer = fetcher.data;
    if (answer?.intent === "save-reflection") setLatest((previous) => newest(previous, answer));
  }, [fetcher.data]);
  useEffect(() => () => clearTimeout(timer.current), []);

  function scheduleSave() {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      const formData = new FormData(formRef.current);
      formData.set("autosave", "1");
      fetcher.submit(formData, { method: "post" });
    }, AUTOSAVE_DELAY_MS);
  }

  // The autosave's own progress; the button's comes from SubmitButton.
  const saving = useIsPending({ fetcher });
  const errors = latest?.result?.error ?? {};
  const formError = errors[""]?.join(" ");
  const status = saving
    ? "Saving…"
    : formError
      ? `Not saved: ${formError}`
      : Object.values(errors).some((e) => e?.length)
        ? "Not saved: please fix the answer marked below."
        : latest?.savedAt
          ? `Saved at ${formatTime(latest.savedAt, timeZone)}`
          : lastSavedAt
            ? `Last saved ${formatDateTime(lastSavedAt, timeZone)}`
            : "Not saved yet";

  const typed = (name: string) => {
    const value = latest?.result?.initialValue?.[name];
    return typeof value === "string" ? value : undefined;
  };

  return (
    <section className="coach-section reflection" aria-labelledby="reflection-title">
      <h2 id="reflection-title">Your reflection</h2>
      <p>
        Give this about half an hour while the interview is fresh. Be honest and kind to yourself: the point is to
        walk into the next interview better prepared. Your recruiter will read it to help you.
      </p>
      <Form
        method="post"
        ref={formRef}
        className="stacked reflection-form"
        onChange={scheduleSave}
        onSubmit={() => clearTimeout(timer.current)}
      >
        <input type="hidden" name="intent" value="save-reflection" />
        {reflectionQuestions.map((q) => (
          <TextareaField
            key={q.name}
            label={q.label}
            hint={`${q.hint} Up to ${REFLECTION_MAX_LENGTH.toLocaleString("en-GB")} characters.`}
            errors={errors[q.name]}
            textareaProps={{
              id: `reflection-${q.name}`,
              name: q.name,
              rows: 5,
              defaultValue: typed(q.name) ?? initial[q.name] ?? "",
            }}
          />
        ))}
        <ErrorList errors={formError ? [formError] : null} alert />
        <div className="reflection-actions">
          <SubmitButton className="coach-button" pendingLabel="Saving…">
            Save my reflection
          </SubmitButton>
          <p className="save-status" role="status" aria-live="polite">
            {status}
          </p>
        </div>
      </Form>
    </section>
  );
}
