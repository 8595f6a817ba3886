/**
 * The one CSV writer of Tollgate (CLI, API, dashboard): RFC 4180 fields, and cells a spreadsheet
 * would run as a formula neutralised as OWASP's "CSV injection" guidance says.
 *
 * 1. A number column keeps a cell that is a plain decimal number (`-12.50`, `3e-4` is not one):
 *    negative amounts stay numbers. Any other cell is treated as text.
 * 2. A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
 *    a single quote, which spreadsheets show as text and never evaluate.
 * 3. A cell with a comma, a double quote or a line break is quoted, its quotes doubled.
 */

export type CsvCellKind = 'text' | 'number';

export interface CsvColumn<Row> {
  label: string;
  /** 'number' lets plain decimals (negative ones too) through unguarded; default 'text'. */
  kind?: CsvCellKind;
  value: (row: Row) => string | null;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, guarded against formula injection and quoted where RFC 4180 needs it. */
export function formatCsvCell(value: string | null, kind: CsvCellKind = 'text'): string {
  if (value === null) return '';
  const isNumber = kind === 'number' && PLAIN_DECIMAL.test(value);
  const guarded = !isNumber && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** A header line and one line per row, each ended by `lineEnd` (CRLF as RFC 4180 says, by default). */
export function writeCsv<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: Iterable<Row>,
  lineEnd: '\r\n' | '\n' = '\r\n',
): string {
  const lines = [columns.map((column) => formatCsvCell(column.label)).join(',')];
  for (const row of rows)
    lines.push(columns.map((column) => formatCsvCell(column.value(row), column.kind)).join(','));
  return `${lines.join(lineEnd)}${lineEnd}`;
}
