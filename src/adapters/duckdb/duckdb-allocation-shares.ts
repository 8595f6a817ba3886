import {
  SPLIT_METRICS,
  SPLIT_STORED_COLUMN,
  splitInputColumns,
  splitMetricColumn,
  splitShareMetricsSql,
  storedShareColumn,
} from '../sql/allocation/split-share-metrics.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { duckDbDialect } from './duckdb-dialect.js';

/**
 * Stores the parts of the split metrics on the shared rows a run just wrote into its period's
 * table (split-share-metrics.ts), in the run's transaction: the FOCUS export then reads them
 * instead of splitting a million-line period again each time. The rows are found by rowid, so
 * the update needs no key of its own (a charge's shares differ only by owner).
 */
export async function storeSplitShares(db: DuckDbDatabase, table: string): Promise<void> {
  const rows = `SELECT t.rowid AS row_ref, t.load_id, t.source_file, t.source_row, ${splitInputColumns('t', 'c')}
  FROM ${table} t JOIN cost_lines c USING (load_id, source_file, source_row)
  WHERE t.kind = 'shared'`;
  const split = splitShareMetricsSql({
    dialect: duckDbDialect,
    rows,
    charge: ['load_id', 'source_file', 'source_row'],
  });
  const set = SPLIT_METRICS.map(
    (metric) => `${storedShareColumn(metric)} = s.${splitMetricColumn(metric)}_share`,
  );
  await db.run(
    `UPDATE ${table} SET ${set.join(', ')}, ${SPLIT_STORED_COLUMN} = TRUE
     FROM (${split}) s WHERE ${table}.rowid = s.row_ref`,
  );
}

/**
 * Whether a run's shared rows carry their stored parts: a database whose allocations all come
 * from before has no such column in allocated_lines yet, so it is looked for first.
 */
export async function hasStoredSplitShares(
  db: DuckDbDatabase,
  unsplitSql: string,
  period: string,
  runId: number,
): Promise<boolean> {
  const column = await db.one<{ n: string }>(
    `SELECT CAST(count(*) AS VARCHAR) AS n FROM duckdb_columns()
     WHERE schema_name = 'main' AND table_name = 'allocated_lines' AND column_name = $column`,
    { column: SPLIT_STORED_COLUMN },
  );
  if (Number(column?.n ?? 0) === 0) return false;
  const row = await db.one<{ unsplit: boolean }>(unsplitSql, { period, run: runId });
  return row?.unsplit === false;
}
