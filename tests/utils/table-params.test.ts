import { expect, test } from "vitest";
import { parseCandidateQuery } from "~/models/tables/candidate-table.server";
import { parseInterviewQuery } from "~/models/tables/interview-table.server";
import { candidateTable } from "~/models/tables/table-columns";
import { parseTableState, withParams } from "~/utils/table-params";
import { parseSearchText } from "~/models/search/search-text";

const params = (s: string) => new URLSearchParams(s);

test("no params give the table's defaults", () => {
  expect(parseTableState(params(""), candidateTable)).toEqual({
    sort: "name",
    direction: "asc",
    page: 1,
    pageSize: 25,
    columns: [...candidateTable.defaultColumns],
  });
  expect(parseInterviewQuery(params("")).state).toMatchObject({ sort: "scheduledAt", direction: "desc" });
});

test("bad sort, direction, page and page size each fall back to their default", () => {
  const state = parseTableState(params("sort=password&dir=sideways&page=-3&pageSize=7"), candidateTable);
  expect(state).toMatchObject({ sort: "name", direction: "asc", page: 1, pageSize: 25 });
  expect(parseTableState(params("page=abc&pageSize=1e9"), candidateTable)).toMatchObject({ page: 1, pageSize: 25 });
  expect(parseTableState(params("page=99999999999"), candidateTable).page).toBe(1);
});

test("good values are kept; a sort without a direction starts in the column's natural direction", () => {
  expect(parseTableState(params("sort=email&dir=desc&page=3&pageSize=100"), candidateTable)).toMatchObject({
    sort: "email",
    direction: "desc",
    page: 3,
    pageSize: 100,
  });
  expect(parseTableState(params("sort=lastInterviewAt"), candidateTable).direction).toBe("desc");
});

test("visible columns keep table order, ignore unknown ids, and never end up empty", () => {
  expect(parseTableState(params("cols=status&cols=name&cols=nope"), candidateTable).columns).toEqual(["name", "status"]);
  expect(parseTableState(params("cols=nope"), candidateTable).columns).toEqual([...candidateTable.defaultColumns]);
});

test("bad filters are dropped instead of failing", () => {
  const { filters } = parseCandidateQuery(
    params(`q=${"x".repeat(10_000)}&status=maybe&recruiter=${encodeURIComponent("'; DROP TABLE")}&from=2026-13-45x&flagged=yes`),
  );
  // Capped, and kept so the page can say at the field that it is too long to search (search-text.ts).
  expect(filters.q).toHaveLength(1000);
  expect(parseSearchText(filters.q)).toMatchObject({ kind: "invalid", message: "Search for at most 100 characters." });
  expect(filters).toMatchObject({ status: undefined, recruiter: undefined, from: undefined, flagged: false });
  expect(parseInterviewQuery(params("severity=apocalyptic&reason=late&round=final")).filters).toMatchObject({
    severity: undefined,
    reason: "late",
    round: "final",
  });
});

test("links drop the index marker and empty values", () => {
  expect(withParams(params("index&q=a&page=2"), { page: null, sort: "name" }).toString()).toBe("q=a&sort=name");
});
