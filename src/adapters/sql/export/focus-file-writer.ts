import type { FocusExportFormat } from '../../../ports/focus-export-store.js';

/** How a column is typed in a file that keeps types (Parquet). */
export type ExportColumnType = 'text' | 'decimal' | 'integer';

export interface ExportColumn {
  name: string;
  type: ExportColumnType;
}

/**
 * What each engine does its own way when a query's rows go to a file: DuckDB copies them to
 * the file itself; PostgreSQL streams them to the client with COPY ... TO STDOUT.
 */
export interface FocusFileWriter {
  /** allocated_lines aliased `a` joined to the cost line `c` behind each row. */
  readonly allocatedJoin: string;
  /**
   * Writes the rows of `select` (a whole SELECT with no parameters, columns as `columns`)
   * to `path` as CSV with a header line, or Parquet; answers the rows written.
   */
  writeRows(
    select: string,
    columns: readonly ExportColumn[],
    format: FocusExportFormat,
    path: string,
  ): Promise<number>;
}
