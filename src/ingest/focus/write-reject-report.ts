import { appendFileSync, writeFileSync } from 'node:fs';
import { type CsvColumn, writeCsv } from '../../core/csv/write-csv.js';
import type { SqlEngine } from '../../ports/sql-engine.js';

type RejectedRow = {
  position: number | bigint;
  file: string;
  row: number | bigint | null;
  column_name: string | null;
  value: string | null;
  problem: string;
};

const COLUMNS: CsvColumn<RejectedRow>[] = [
  { label: 'file', value: (row) => row.file },
  { label: 'row', kind: 'number', value: (row) => (row.row === null ? null : String(row.row)) },
  { label: 'column_name', value: (row) => row.column_name },
  // The rejected value is whatever the billing file held: the writer guards it like any cell.
  { label: 'value', value: (row) => row.value },
  { label: 'problem', value: (row) => row.problem },
];

const PAGE_ROWS = 10_000;

/**
 * Writes the rejected rows of `table` to `reportPath` through the one CSV writer, a page at a
 * time (keyset paging on DuckDB's rowid), so a file with millions of bad rows needs no more
 * memory than one page and a hostile value cannot run as a spreadsheet formula.
 */
export async function writeRejectReport(engine: SqlEngine, table: string, reportPath: string): Promise<void> {
  writeFileSync(reportPath, writeCsv(COLUMNS, [], '\n'));
  let after = -1;
  for (;;) {
    const rows = await engine.all<RejectedRow>(
      `SELECT rowid AS position, file, "row", column_name, value, problem FROM ${table}
        WHERE rowid > $after ORDER BY rowid LIMIT ${PAGE_ROWS}`,
      { after },
    );
    if (rows.length === 0) return;
    const page = writeCsv(COLUMNS, rows, '\n');
    appendFileSync(reportPath, page.slice(page.indexOf('\n') + 1));
    after = Number(rows[rows.length - 1]!.position);
    if (rows.length < PAGE_ROWS) return;
  }
}
