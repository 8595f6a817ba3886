/** The file formats a FOCUS export is written in. */
export type FocusExportFormat = 'csv' | 'parquet';

export interface FocusExportRequest {
  period: string;
  /** The period's current allocation run: only its rows are exported. */
  runId: number;
  ruleSetVersion: number;
  format: FocusExportFormat;
  /** Where the file is written (replaced if it exists). */
  path: string;
}

/**
 * Allocated cost as FOCUS 1.3 rows: every allocated line of a run, with the cost line's columns,
 * the split-cost allocation columns and the owner dimensions as `x_` columns. Written straight
 * from the database to a file (never held in memory), so a period of any size exports.
 */
export interface FocusExportStore {
  /** Writes the run's rows to `path`; answers how many rows were written. */
  writeFocusFile(request: FocusExportRequest): Promise<{ rows: number }>;
}
