// "Page X of Y", previous/next links and the page size choice, all as URL changes.
import { Form, Link, useSearchParams } from "@remix-run/react";
import { PAGE_SIZES, TABLE_PARAMS, pageCount, toSearch, withParams } from "~/utils/table-params";
import { HiddenParams } from "./table-filters";

/** `exact` false: `total` is a lower bound (the table stopped counting there), so there are more pages than it makes. */
export function Pagination({ page, pageSize, total, exact = true }: { page: number; pageSize: number; total: number; exact?: boolean }) {
  const [searchParams] = useSearchParams();
  const pages = exact ? pageCount(total, pageSize) : Math.floor(total / pageSize);
  const hrefFor = (p: number) => toSearch(withParams(searchParams, { [TABLE_PARAMS.page]: p === 1 ? null : p })) || "?";
  return (
    <nav aria-label="Pagination" className="pagination">
      <p className="pagination-position">
        Page {page.toLocaleString("en-GB")} of {exact ? pages.toLocaleString("en-GB") : `more than ${pages.toLocaleString("en-GB")}`}
      </p>
      <ul className="pagination-links">
        <li>
          {page > 1 ? (
            <Link to={hrefFor(page - 1)} rel="prev">
              Previous page
            </Link>
          ) : (
            <span className="link-disabled" aria-disabled="true">
              Previous page
            </span>
          )}
        </li>
        <li>
          {page < pages || !exact ? (
            <Link to={hrefFor(page + 1)} rel="next">
              Next page
            </Link>
          ) : (
            <span className="link-disabled" aria-disabled="true">
              Next page
            </span>
          )}
        </li>
      </ul>
      <Form method="get" className="page-size-form" key={searchParams.toString()}>
        <HiddenParams exclude={[TABLE_PARAMS.pageSize, TABLE_PARAMS.page]} />
        <label htmlFor="page-size">Rows per page</label>
        <select id="page-size" name={TABLE_PARAMS.pageSize} defaultValue={String(pageSize)}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          Show
        </button>
      </Form>
    </nav>
  );
}
