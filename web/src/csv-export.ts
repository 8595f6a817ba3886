/** CSV as RFC 4180 says: quoted when needed, quotes doubled, CRLF line ends. */

export interface CsvColumn<Row> {
  label: string;
  value: (row: Row) => string | null;
}

export function escapeCsvField(value: string | null): string {
  if (value === null) return '';
  // A leading = + @ (or - before a non-number) would run as a formula in a spreadsheet.
  const guarded = /^[=+@]/.test(value) || (/^-/.test(value) && !/^-\d/.test(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => escapeCsvField(column.label)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => escapeCsvField(column.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
