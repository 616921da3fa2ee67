// The shared table: TanStack Table in manual mode. The loader already sorted, filtered and paged the rows; this
// renders them, and every change (sort, page, page size, columns) is a link or GET form, so the URL holds the state.
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type RowSelectionState,
  type VisibilityState,
} from "@tanstack/react-table";
import { Form, Link, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { TABLE_PARAMS, toSearch, withParams, type SortDirection } from "~/utils/table-params";
import { Pagination } from "./pagination";
import { HiddenParams } from "./table-filters";

export type TableView = { sort: string; direction: SortDirection; page: number; pageSize: number; columns: string[] };

export type DataTableProps<Row> = {
  /** Names the table for screen readers, e.g. "Candidates". */
  caption: string;
  /** Plural noun for the count line, e.g. "candidates". */
  noun: string;
  rows: Row[];
  total: number;
  /** False when the table stopped counting at `total` (there are more): the page says "more than". */
  totalExact?: boolean;
  view: TableView;
  /** Display columns whose ids are the table's column ids; `header` is a plain string. */
  columns: ColumnDef<Row, unknown>[];
  sortable: readonly string[];
  firstDirection?: Partial<Record<string, SortDirection>>;
  getRowId: (row: Row) => string;
  /** The column whose cell names the row (rendered as a row header). */
  rowHeaderColumn?: string;
  /** Shown in place of rows when none match. */
  empty: ReactNode;
  /** Adds a checkbox per row (posted as `name` with the form `formId`) and a select-all on the page. */
  selection?: { formId: string; name: string; rowLabel: (row: Row) => string; allLabel: string };
  /** Bulk actions above the table, given the ids selected on this page. */
  selectionActions?: (selectedIds: string[]) => ReactNode;
};

function headerText<Row>(column: ColumnDef<Row, unknown>) {
  return typeof column.header === "string" ? column.header : (column.id ?? "");
}

export function DataTable<Row>(props: DataTableProps<Row>) {
  const { caption, noun, rows, total, view, sortable, selection } = props;
  const exact = props.totalExact ?? true;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const location = useLocation();
  const loading = navigation.state === "loading" && navigation.location?.pathname === location.pathname;

  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // A new page of rows starts with nothing selected, so a bulk action never reaches rows the user can't see.
  useEffect(() => setRowSelection({}), [rows]);

  const columnVisibility = useMemo<VisibilityState>(
    () => Object.fromEntries(props.columns.map((c) => [c.id ?? "", view.columns.includes(c.id ?? "")])),
    [props.columns, view.columns],
  );

  const columns = useMemo<ColumnDef<Row, unknown>[]>(() => {
    if (!selection) return props.columns;
    const select: ColumnDef<Row, unknown> = {
      id: "__select",
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label={selection.allLabel}
          checked={table.getIsAllRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomeRowsSelected();
          }}
          onChange={table.getToggleAllRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          form={selection.formId}
          name={selection.name}
          value={row.id}
          aria-label={selection.rowLabel(row.original)}
          checked={row.getIsSelected()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    };
    return [select, ...props.columns];
  }, [props.columns, selection]);

  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: props.getRowId,
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    rowCount: exact ? total : undefined,
    enableRowSelection: Boolean(selection),
    onRowSelectionChange: setRowSelection,
    state: {
      sorting: [{ id: view.sort, desc: view.direction === "desc" }],
      pagination: { pageIndex: view.page - 1, pageSize: view.pageSize },
      columnVisibility: { ...columnVisibility, __select: true },
      rowSelection,
    },
  });

  const sortHref = (id: string) => {
    const direction: SortDirection =
      view.sort === id ? (view.direction === "asc" ? "desc" : "asc") : (props.firstDirection?.[id] ?? "asc");
    return toSearch(withParams(searchParams, { [TABLE_PARAMS.sort]: id, [TABLE_PARAMS.direction]: direction, [TABLE_PARAMS.page]: null }));
  };

  const first = total === 0 ? 0 : (view.page - 1) * view.pageSize + 1;
  const last = Math.min(total, view.page * view.pageSize);
  const selectedIds = Object.keys(rowSelection).filter((id) => rowSelection[id]);
  const visibleCount = table.getVisibleLeafColumns().length;
  const sortedColumn = props.columns.find((c) => c.id === view.sort);

  return (
    <div className="data-table">
      <div className="data-table-toolbar">
        <p role="status" className="data-table-count">
          {total === 0
            ? `No ${noun}`
            : `Showing ${first.toLocaleString("en-GB")}–${last.toLocaleString("en-GB")} of ${exact ? "" : "more than "}${total.toLocaleString("en-GB")} ${noun}`}
        </p>
        <ColumnChooser columns={props.columns} visible={view.columns} />
      </div>
      {props.selectionActions ? props.selectionActions(selectedIds) : null}
      <div className={loading ? "data-table-scroll is-loading" : "data-table-scroll"} aria-busy={loading || undefined}>
        <table>
          <caption className="visually-hidden">
            {caption}
            {sortedColumn ? `, sorted by ${headerText(sortedColumn)} ${view.direction === "asc" ? "ascending" : "descending"}` : ""}
          </caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const id = header.column.id;
                  const isSortable = sortable.includes(id);
                  const sorted = view.sort === id ? view.direction : null;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={id === "__select" ? "select-cell" : undefined}
                    >
                      {isSortable ? (
                        <Link to={sortHref(id)} className="sort-link" preventScrollReset>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden="true" className="sort-indicator">
                            {sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : " ↕"}
                          </span>
                        </Link>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={visibleCount} className="data-table-empty">
                  {props.empty}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id} className={row.getIsSelected() ? "is-selected" : undefined}>
                  {row.getVisibleCells().map((cell) =>
                    cell.column.id === props.rowHeaderColumn ? (
                      <th key={cell.id} scope="row">
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </th>
                    ) : (
                      <td key={cell.id} className={cell.column.id === "__select" ? "select-cell" : undefined}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ),
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {total > 0 ? (
        <Pagination page={view.page} pageSize={view.pageSize} total={total} exact={exact} />
      ) : null}
    </div>
  );
}

/** "Columns": a disclosure with a checkbox per column; a GET form, so it works by keyboard and without JavaScript. */
function ColumnChooser<Row>({ columns, visible }: { columns: ColumnDef<Row, unknown>[]; visible: string[] }) {
  const [searchParams] = useSearchParams();
  return (
    <details className="column-chooser">
      <summary>Columns</summary>
      <Form method="get" key={searchParams.toString()}>
        <HiddenParams exclude={[TABLE_PARAMS.columns]} />
        <fieldset>
          <legend>Visible columns</legend>
          {columns.map((c) => (
            <div className="checkbox-row" key={c.id}>
              <input
                type="checkbox"
                id={`column-${c.id}`}
                name={TABLE_PARAMS.columns}
                value={c.id}
                defaultChecked={visible.includes(c.id ?? "")}
              />
              <label htmlFor={`column-${c.id}`}>{headerText(c)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="secondary">
          Show these columns
        </button>
      </Form>
    </details>
  );
}
