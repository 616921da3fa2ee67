// Is this form being sent right now? One answer for every submit button, keyed on where the form posts, how, and
// (for pages with several forms) its intent. Modelled on the Epic Stack's useIsPending.
import { useFormAction, useNavigation, type Fetcher } from "@remix-run/react";

/** What a fetcher tells about the submission it is sending. */
export type PendingFetcher = Pick<Fetcher, "state" | "formAction" | "formMethod" | "formData">;

export function useIsPending({
  formAction,
  formMethod = "POST",
  intent,
  subject,
  fetcher,
}: {
  /** Where the form posts; the current route's action when left out. */
  formAction?: string;
  formMethod?: "POST" | "GET";
  /** The hidden intent that tells this form apart from the page's others. */
  intent?: string;
  /** For a form repeated down the page (one per checklist step): the hidden field that says which one. */
  subject?: { name: string; value: string };
  /** For a form sent through a fetcher: its own state, not the page's. */
  fetcher?: PendingFetcher;
} = {}) {
  const navigation = useNavigation();
  const contextualAction = useFormAction();
  const source = fetcher ?? navigation;
  const action = formAction ?? contextualAction;
  return (
    source.state !== "idle" &&
    (fetcher !== undefined || samePath(source.formAction, action)) &&
    source.formMethod?.toUpperCase() === formMethod &&
    (intent === undefined || source.formData?.get("intent") === intent) &&
    (subject === undefined || source.formData?.get(subject.name) === subject.value)
  );
}

function samePath(a: string | undefined, b: string) {
  if (!a) return false;
  const strip = (p: string) => p.replace(/\?index$/, "").replace(/\/$/, "") || "/";
  return strip(a) === strip(b);
}
