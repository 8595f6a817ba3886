import type { SqlEngine } from './sql-engine.js';

/**
 * Canonical cost lines waiting to be stored: a relation (table or view) in the DuckDB engine
 * that ingestion used to read and validate the files, with exactly the cost_lines columns
 * (load_id included). DuckDB reads billing files in both modes (CSV and Parquet natively); a
 * cost store copies the relation into its own tables, inside the caller's transaction.
 */
export interface StagedLines {
  engine: SqlEngine;
  relation: string;
}
