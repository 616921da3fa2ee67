// /search?q=: everything the header's search box finds, for Enter (and without JavaScript: the box is a GET form).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { candidateScope } from "~/models/candidates/candidate-access.server";
import { COUNT_CAP, SEARCH_MAX_COMPANIES, SEARCH_MAX_LENGTH, SEARCH_PAGE_SIZE } from "~/models/search/search-text";
import { searchEverything } from "~/models/search/search.server";
import { requireUser } from "~/utils/session.server";
import { toSearch, withParams } from "~/utils/table-params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.query ? `Search: ${data.query} · Rebound` : "Search · Rebound" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  const result = await searchEverything(params.get("q"), await candidateScope(user), Number.isFinite(page) ? page : 1);
  const { parsed, ...rest } = result;
  return {
    ...rest,
    query: parsed.kind === "empty" ? "" : parsed.text,
    searched: parsed.kind === "terms",
    message: parsed.kind === "invalid" ? parsed.message : null,
  };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

export default function SearchPage() {
  const { query, searched, message, candidates, candidateTotal, companies, page, pages } = useLoaderData<typeof loader>();
  const capped = candidateTotal > COUNT_CAP;
  const first = (page - 1) * SEARCH_PAGE_SIZE + 1;
  const hrefFor = (p: number) => toSearch(withParams(new URLSearchParams({ q: query }), { page: p === 1 ? null : p }));
  return (
    <section aria-labelledby="search-title">
      <div className="page-heading">
        <h1 id="search-title">{searched ? `Search results for “${query}”` : "Search"}</h1>
      </div>
      <Form method="get" role="search" aria-label="Search again" className="panel search-page-form" key={query}>
        <div className="field">
          <label htmlFor="search-page-q">Name, email, phone or company</label>
          <input
            id="search-page-q"
            name="q"
            type="search"
            defaultValue={query}
            maxLength={SEARCH_MAX_LENGTH * 2}
            aria-invalid={message ? true : undefined}
            aria-describedby={message ? "search-page-q-error" : undefined}
          />
          {message ? (
            <ul id="search-page-q-error" className="field-errors">
              <li>{message}</li>
            </ul>
          ) : null}
        </div>
        <button type="submit">Search</button>
      </Form>

      {searched ? (
        <>
          <section aria-labelledby="search-candidates" className="search-results">
            <h2 id="search-candidates">
              Candidates{" "}
              <span className="count">
                ({capped ? `more than ${COUNT_CAP.toLocaleString("en-GB")}` : candidateTotal.toLocaleString("en-GB")})
              </span>
            </h2>
            {candidates.length === 0 ? (
              <p>No candidate’s name, email or phone contains that. Check the spelling, or search for part of it.</p>
            ) : (
              <>
                <div className="data-table-scroll">
                  <table>
                    <caption className="visually-hidden">Candidates matching “{query}”, newest first</caption>
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">Email</th>
                        <th scope="col">Phone</th>
                        <th scope="col">Owner</th>
                      </tr>
                    </thead>
                    <tbody>
                      {candidates.map((c) => (
                        <tr key={c.id}>
                          <td>
                            <Link to={`/candidates/${c.id}`}>{c.name}</Link>
                          </td>
                          <td>{c.email}</td>
                          <td>{c.phone ?? "—"}</td>
                          <td>{c.ownerName}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <nav aria-label="Candidate results pages" className="pagination">
                  <p className="pagination-position">
                    Showing {first}–{first + candidates.length - 1} of{" "}
                    {capped ? `more than ${COUNT_CAP.toLocaleString("en-GB")}: add more of the name or email to narrow it` : candidateTotal.toLocaleString("en-GB")}
                  </p>
                  <ul className="pagination-links">
                    <li>
                      {page > 1 ? (
                        <Link to={hrefFor(page - 1)} rel="prev">
                          Previous page
                        </Link>
                      ) : null}
                    </li>
                    <li>
                      {page < pages ? (
                        <Link to={hrefFor(page + 1)} rel="next">
                          Next page
                        </Link>
                      ) : null}
                    </li>
                  </ul>
                </nav>
              </>
            )}
          </section>
          <section aria-labelledby="search-companies" className="search-results">
            <h2 id="search-companies">
              Companies{" "}
              <span className="count">
                ({companies.length >= SEARCH_MAX_COMPANIES ? `first ${SEARCH_MAX_COMPANIES} by name: type more to narrow` : companies.length})
              </span>
            </h2>
            {companies.length === 0 ? (
              <p>No company’s name contains that.</p>
            ) : (
              <ul className="search-company-list">
                {companies.map((co) => (
                  <li key={co.id}>
                    <Link to={`/interviews?company=${co.id}`}>{co.name}</Link>{" "}
                    <span className="hint">{plural(co.interviewCount, "interview", "interviews")}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : !message ? (
        <p>Find a candidate by part of their name, email or phone number, or a client company by name.</p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
