// The search box in every staff page's header: a GET form to /search (works without JavaScript) that, with
// JavaScript, suggests candidates and companies as you type (an ARIA combobox fed by /resources/search).
// "/" anywhere outside a text field focuses it.
import { Form, useFetcher, useLocation, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import type { loader as searchLoader } from "~/routes/resources.search";
import { SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH } from "~/models/search/search-text";

type Suggestion = { key: string; href: string; kind: "Candidate" | "Company"; title: string; detail: string };

const DEBOUNCE_MS = 200;

function isTextEntry(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function HeaderSearch() {
  const fetcher = useFetcher<typeof searchLoader>();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const baseId = useId();
  const inputId = `${baseId}-q`;
  const listId = `${baseId}-list`;
  const inputRef = useRef<HTMLInputElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const onSearchPage = location.pathname === "/search";
  const [query, setQuery] = useState(onSearchPage ? (searchParams.get("q") ?? "") : "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    function focusOnSlash(event: KeyboardEvent) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      if (isTextEntry(event.target)) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    document.addEventListener("keydown", focusOnSlash);
    return () => document.removeEventListener("keydown", focusOnSlash);
  }, []);

  // A new page closes the list; on /search the box shows that page's query, elsewhere it starts empty.
  useEffect(() => {
    setOpen(false);
    setActive(-1);
    setQuery(onSearchPage ? (searchParams.get("q") ?? "") : "");
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on navigation
  }, [location.key]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const data = fetcher.data;
  const typed = query.trim();
  const suggestions: Suggestion[] =
    typed.length >= SEARCH_MIN_LENGTH && data
      ? [
          ...data.candidates.map((c) => ({
            key: `candidate-${c.id}`,
            href: `/candidates/${c.id}`,
            kind: "Candidate" as const,
            title: c.name,
            detail: `${c.email} · ${c.ownerName}`,
          })),
          ...data.companies.map((co) => ({
            key: `company-${co.id}`,
            href: `/interviews?company=${co.id}`,
            kind: "Company" as const,
            title: co.name,
            detail: `${co.interviewCount} ${co.interviewCount === 1 ? "interview" : "interviews"}`,
          })),
          {
            key: "all",
            href: `/search?${new URLSearchParams({ q: typed })}`,
            kind: "Candidate" as const,
            title: `All results for “${typed}”`,
            detail: "",
          },
        ]
      : [];
  const showList = open && suggestions.length > 0;

  function load(text: string) {
    clearTimeout(timer.current);
    if (text.trim().length < SEARCH_MIN_LENGTH) return;
    timer.current = setTimeout(() => {
      fetcher.load(`/resources/search?${new URLSearchParams({ q: text.trim() })}`);
    }, DEBOUNCE_MS);
  }

  function go(suggestion: Suggestion) {
    setOpen(false);
    setActive(-1);
    navigate(suggestion.href);
  }

  const found = suggestions.length - 1;
  const status = !open || typed.length === 0
    ? ""
    : typed.length < SEARCH_MIN_LENGTH
      ? `Type at least ${SEARCH_MIN_LENGTH} characters.`
      : fetcher.state !== "idle" || !data
        ? "Searching…"
        : data.message
          ? data.message
          : found === 0
            ? "Nothing found. Press Enter for the results page."
            : `${found} ${found === 1 ? "match" : "matches"}. Use the arrow keys to choose, Enter to open.`;

  return (
    <Form method="get" action="/search" role="search" aria-label="Search candidates and companies" className="header-search">
      <label htmlFor={inputId} className="visually-hidden">
        Search candidates and companies
      </label>
      <input
        ref={inputRef}
        id={inputId}
        name="q"
        type="search"
        role="combobox"
        autoComplete="off"
        placeholder="Search (press /)"
        maxLength={SEARCH_MAX_LENGTH * 2}
        aria-keyshortcuts="/"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          setActive(-1);
          load(event.target.value);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && suggestions.length) {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (i + 1) % suggestions.length);
          } else if (event.key === "ArrowUp" && suggestions.length) {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
          } else if (event.key === "Enter" && showList && active >= 0 && suggestions[active]) {
            event.preventDefault();
            go(suggestions[active]);
          } else if (event.key === "Escape" && showList) {
            event.preventDefault();
            setOpen(false);
            setActive(-1);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Search suggestions" className="combobox-list header-search-list" hidden={!showList}>
        {suggestions.map((s, index) => (
          // Keyboard users choose with the arrow keys and Enter on the input (ARIA combobox); this is for the mouse.
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events
          <li
            key={s.key}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? "active" : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => go(s)}
          >
            {s.key === "all" ? (
              <span className="combobox-name">{s.title}</span>
            ) : (
              <>
                <span className="search-kind">{s.kind}</span> <span className="combobox-name">{s.title}</span>{" "}
                <span className="combobox-email">{s.detail}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
    </Form>
  );
}
