// Streams CSV downloads: rows are pulled from an async iterable as the client reads, so an export of 100,000 rows
// never sits in memory, and every text value is neutralised against spreadsheet formula injection.
import { Readable } from "node:stream";
import { stringify } from "csv-stringify";

/** A cell that a spreadsheet would run as a formula (=, +, -, @, or a leading tab/CR) gets a quote prefix (OWASP). */
export function neutraliseFormula(value: string) {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type CsvColumn<Row> = { header: string; value: (row: Row) => string | number | null | undefined };

/** The bytes of a CSV file (header row, then one line per row), produced lazily from `rows`. */
export function csvStream<Row>(rows: AsyncIterable<Row>, columns: readonly CsvColumn<Row>[]) {
  async function* records() {
    for await (const row of rows) yield columns.map((c) => c.value(row) ?? "");
  }
  const stringifier = stringify({
    header: true,
    columns: columns.map((c) => c.header),
    // A byte-order mark lets Excel read the UTF-8 (names like "José") correctly.
    bom: true,
    record_delimiter: "\r\n",
    cast: { string: neutraliseFormula },
  });
  const source = Readable.from(records());
  source.on("error", (error) => stringifier.destroy(error));
  return Readable.toWeb(source.pipe(stringifier)) as ReadableStream<Uint8Array>;
}

/** A streamed CSV download named e.g. "candidates-2026-11-24.csv". */
export function csvResponse<Row>(
  filenameStem: string,
  day: string,
  rows: AsyncIterable<Row>,
  columns: readonly CsvColumn<Row>[],
) {
  return new Response(csvStream(rows, columns), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filenameStem}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
