// The filter form above a table: a GET form, so applying filters is a navigation (shareable, back works).
import { Form, Link, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { parseSearchText } from "~/models/search/search-text";
import { TABLE_PARAMS, toSearch, withParams } from "~/utils/table-params";

/** Hidden copies of the current params (minus `exclude`), so a GET form changes only its own fields. */
export function HiddenParams({ exclude }: { exclude: readonly string[] }) {
  const [searchParams] = useSearchParams();
  return (
    <>
      {[...searchParams.entries()]
        .filter(([key]) => !exclude.includes(key) && key !== "index")
        .map(([key, value], i) => (
          <input key={`${key}-${i}`} type="hidden" name={key} value={value} />
        ))}
    </>
  );
}

/** The URL with every filter removed, keeping sort, page size and columns. */
export function useClearFiltersHref(filterParams: readonly string[]) {
  const [searchParams] = useSearchParams();
  const cleared = withParams(searchParams, Object.fromEntries([...filterParams, TABLE_PARAMS.page].map((p) => [p, null])));
  return toSearch(cleared) || "?";
}

export function TableFilters({
  label,
  filterParams,
  children,
}: {
  /** e.g. "Filter candidates": names the search landmark. */
  label: string;
  filterParams: readonly string[];
  children: ReactNode;
}) {
  const [searchParams] = useSearchParams();
  const clearHref = useClearFiltersHref(filterParams);
  return (
    // Keyed on the URL so the fields show the current filters after back/forward, not stale typing.
    <Form method="get" role="search" aria-label={label} className="table-filters panel" key={searchParams.toString()}>
      <HiddenParams exclude={[...filterParams, TABLE_PARAMS.page]} />
      <div className="table-filter-fields">{children}</div>
      <div className="row-actions">
        <button type="submit">Apply filters</button>
        <Link to={clearHref}>Clear filters</Link>
      </div>
    </Form>
  );
}

type Option = { value: string; label: string };

/** A labelled select whose first option means "no filter". */
export function FilterSelect({
  name,
  label,
  options,
  anyLabel = "Any",
  value,
}: {
  name: string;
  label: string;
  options: readonly Option[];
  anyLabel?: string;
  value: string | undefined;
}) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A table's text search (`q`), under the search's own rules (app/models/search/search-text.ts): a text they can't use
 * (too short, too long) is reported at the field, and the page's query does not apply it.
 */
export function SearchFilterInput({ label, value }: { label: string; value: string | undefined }) {
  const search = parseSearchText(value);
  const error = search.kind === "invalid" ? `${search.message} This search was not applied.` : undefined;
  return <FilterInput name="q" label={label} type="search" value={value} error={error} />;
}

export function FilterInput({
  name,
  label,
  type = "text",
  value,
  min,
  max,
  error,
}: {
  name: string;
  label: string;
  type?: "text" | "search" | "date";
  value: string | undefined;
  min?: string;
  max?: string;
  /** Why the value in the URL was not used. */
  error?: string;
}) {
  const id = `filter-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value ?? ""}
        min={min}
        max={max}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error ? (
        <ul id={errorId} className="field-errors">
          <li>{error}</li>
        </ul>
      ) : null}
    </div>
  );
}

export function FilterCheckbox({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  const id = `filter-${name}`;
  return (
    <div className="field field-checkbox">
      <input id={id} name={name} type="checkbox" value="1" defaultChecked={checked} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
