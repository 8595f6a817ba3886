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
  /**
   * The columns of allocated_lines that name the cost line behind a row, as cost_lines names
   * them: the export joins on all of them (PostgreSQL's include the distribution column).
   */
  readonly originKeys: readonly string[];
  /**
   * Whether the run stored its shared rows' parts of the split metrics (a run made before they
   * were stored did not: the export splits them as it reads). A run without shared rows: true.
   */
  hasStoredShares(period: string, runId: number): Promise<boolean>;
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
