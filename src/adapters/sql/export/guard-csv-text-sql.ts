/**
 * `formatCsvCell`'s formula guard (src/core/csv/write-csv.ts) as SQL, for the CSV files an
 * engine writes itself with COPY (a large export never passes through JavaScript): a text
 * cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading single
 * quote. Quoting (RFC 4180) is COPY's own. test/export/guard-csv-text-sql.test.ts checks that
 * both give the same cells.
 */
export function guardCsvTextSql(expression: string): string {
  // 1. ascii() of the first character first: every character the guard looks for lies between
  //    a tab (9) and '@' (64), so a cell that starts with a letter (nearly all) costs one call;
  //    the empty cell (ascii 0) and NULL fall through unchanged.
  // 2. Then strpos over one constant (a tab and a carriage return written inside it), not an IN
  //    list: DuckDB planned forty IN lists of one export past a 256 MB memory limit on six rows.
  return `CASE WHEN ascii(${expression}) BETWEEN 9 AND 64 AND strpos('=+-@\t\r', substr(${expression}, 1, 1)) > 0 THEN '''' || ${expression} ELSE ${expression} END`;
}
