// One polite live region for a page whose forms post in place: after a change the page says what changed, so a
// screen-reader user who stays where they were still hears it (the toast sits at the top, out of sight).
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import type { Fetcher } from "@remix-run/react";

const AnnounceContext = createContext<(message: string) => void>(() => {});

export function Announcer({ children }: { children: ReactNode }) {
  const [said, setSaid] = useState({ message: "", n: 0 });
  const announce = useCallback((message: string) => setSaid((s) => ({ message, n: s.n + 1 })), []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      {/* The region exists from the start; a new child each time makes the same words heard twice in a row. */}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer="">
        {said.message ? <span key={said.n}>{said.message}</span> : null}
      </div>
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = () => useContext(AnnounceContext);

/** Did the fetcher's last submission succeed? (A refusal comes back as a reply whose result has errors.) */
function refused(data: unknown) {
  const result = (data as { result?: { status?: string; error?: Record<string, unknown> } } | undefined)?.result;
  return Boolean(result && (result.status === "error" || (result.error && Object.keys(result.error).length)));
}

/**
 * When a fetcher's submission has finished (and the page's data has been reloaded), moves focus to `target` and
 * announces `message(data)`. Refused submissions stay with their form and its errors.
 */
export function useFocusAfterSubmit(
  fetcher: Pick<Fetcher, "state" | "data">,
  target: RefObject<HTMLElement | null>,
  message: (data: unknown) => string | null,
) {
  const announce = useAnnounce();
  const wasBusy = useRef(false);
  const messageRef = useRef(message);
  messageRef.current = message;
  useEffect(() => {
    if (fetcher.state !== "idle") {
      wasBusy.current = true;
      return;
    }
    if (!wasBusy.current) return;
    wasBusy.current = false;
    if (refused(fetcher.data)) return;
    // Keep the page where the user was; scroll only as far as needed if the changed part is out of sight.
    const element = target.current;
    if (element) {
      element.focus({ preventScroll: true });
      const box = element.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) element.scrollIntoView({ block: "nearest" });
    }
    const said = messageRef.current(fetcher.data);
    if (said) announce(said);
  }, [fetcher.state, fetcher.data, target, announce]);
}
