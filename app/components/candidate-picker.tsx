// The candidate type-ahead (an ARIA combobox fed by /resources/candidate-search). Without JavaScript it is a plain
// text field: the server then resolves an email address (or a unique name) to the candidate.
import { useFetcher } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { ErrorList, type ListOfErrors } from "./forms";

type Choice = { id: string; name: string; email: string };
type SearchData = { query: string; candidates: Choice[] };

export const describeChoice = (c: Choice) => `${c.name} <${c.email}>`;

export function CandidatePicker({
  label,
  hint,
  queryName,
  idName,
  defaultQuery,
  defaultId,
  errors,
  errorId,
}: {
  label: string;
  hint: string;
  queryName: string;
  idName: string;
  defaultQuery?: string;
  defaultId?: string;
  errors?: ListOfErrors;
  errorId?: string;
}) {
  const fetcher = useFetcher<SearchData>();
  const baseId = useId();
  const inputId = `${baseId}-input`;
  const listId = `${baseId}-list`;
  const hintId = `${baseId}-hint`;
  const [query, setQuery] = useState(defaultQuery ?? "");
  const [selectedId, setSelectedId] = useState(defaultId ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout>>();

  const options = fetcher.data?.candidates ?? [];
  const showList = open && query.trim().length >= 2 && !selectedId;

  useEffect(() => () => clearTimeout(timer.current), []);

  function search(text: string) {
    clearTimeout(timer.current);
    if (text.trim().length < 2) return;
    timer.current = setTimeout(() => {
      fetcher.load(`/resources/candidate-search?${new URLSearchParams({ q: text.trim() })}`);
    }, 200);
  }

  function pick(choice: Choice) {
    setSelectedId(choice.id);
    setQuery(describeChoice(choice));
    setOpen(false);
    setActive(-1);
  }

  const status = !showList
    ? selectedId
      ? `Chosen: ${query}`
      : ""
    : fetcher.state !== "idle"
      ? "Searching…"
      : options.length === 0
        ? "No candidate matches. Try another spelling, or create a new candidate."
        : `${options.length} ${options.length === 1 ? "candidate" : "candidates"} found. Use the arrow keys to choose.`;

  const describedBy = [hintId, errors?.length ? errorId : undefined].filter(Boolean).join(" ");

  return (
    <div className="field candidate-picker">
      <label htmlFor={inputId}>{label}</label>
      <p id={hintId} className="hint">
        {hint}
      </p>
      <input type="hidden" name={idName} value={selectedId} />
      <input
        id={inputId}
        name={queryName}
        type="text"
        role="combobox"
        autoComplete="off"
        maxLength={300}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setSelectedId("");
          setOpen(true);
          setActive(-1);
          search(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" && options.length) {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (i + 1) % options.length);
          } else if (event.key === "ArrowUp" && options.length) {
            event.preventDefault();
            setOpen(true);
            setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
          } else if (event.key === "Enter" && showList && active >= 0 && options[active]) {
            event.preventDefault();
            pick(options[active]);
          } else if (event.key === "Escape" && showList) {
            event.preventDefault();
            setOpen(false);
          }
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <ul id={listId} role="listbox" aria-label={`${label}: suggestions`} className="combobox-list" hidden={!showList || options.length === 0}>
        {options.map((choice, index) => (
          // Mouse users click; keyboard users choose with the arrow keys and Enter on the input (ARIA combobox).
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events
          <li
            key={choice.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? "active" : undefined}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(choice)}
          >
            <span className="combobox-name">{choice.name}</span> <span className="combobox-email">{choice.email}</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
