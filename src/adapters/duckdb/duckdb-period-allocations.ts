import { storedShareColumnDefinitions } from '../sql/allocation/split-share-metrics.js';
import type { DuckDbDatabase } from './duckdb-database.js';

/**
 * Columns of every period's table: those migration 010 made allocated_lines, then the shared
 * rows' stored parts of the split metrics (split-share-metrics.ts), which tables made before
 * lack (the view fills them with NULL).
 */
const ALLOCATED_LINES_COLUMNS = `run_id BIGINT NOT NULL,
  period VARCHAR NOT NULL,
  load_id BIGINT NOT NULL,
  source_file VARCHAR NOT NULL,
  source_row BIGINT NOT NULL,
  currency VARCHAR,
  kind VARCHAR NOT NULL,
  rule_id VARCHAR,
  method VARCHAR,
  driver VARCHAR,
  team VARCHAR,
  service VARCHAR,
  cost_centre VARCHAR,
  business_unit VARCHAR,
  environment VARCHAR,
  billed_cost DECIMAL(38,16) NOT NULL,
  effective_cost DECIMAL(38,16) NOT NULL,
  ${storedShareColumnDefinitions('DECIMAL(38,16)', 'BOOLEAN').join(',\n  ')}`;

const PERIOD = /^(\d{4})-(\d{2})$/;
/** Names of the period tables, as DuckDB lists them. */
export const PERIOD_TABLE_PATTERN = '^allocated_lines_p[0-9]{4}_[0-9]{2}$';

/** The table holding one billing period's allocated rows (a period is YYYY-MM, never user text here). */
export function periodTable(period: string): string {
  const match = PERIOD.exec(period);
  if (!match) throw new Error(`not a billing period: ${period}`);
  return `allocated_lines_p${match[1]}_${match[2]}`;
}

/**
 * Empties one period's allocation for a new run, as a partition is replaced: its rows from
 * before migration 014 are deleted, its table dropped and made anew (empty), and the
 * allocated_lines view rebuilt over the period tables there are now. All in the caller's
 * transaction, so readers see the previous run until it commits.
 */
export async function replacePeriodTable(db: DuckDbDatabase, period: string): Promise<string> {
  const table = periodTable(period);
  await db.run('DELETE FROM allocated_lines_base WHERE period = $period', { period });
  await db.run(`DROP TABLE IF EXISTS ${table}`);
  await db.run(`CREATE TABLE ${table} (\n  ${ALLOCATED_LINES_COLUMNS}\n)`);
  await rebuildAllocatedLinesView(db);
  return table;
}

/**
 * allocated_lines: the rows of every period table and of allocated_lines_base, unioned by
 * column name, so a table made before the stored parts (allocated_lines_base and the period
 * tables of older runs) shows them as NULL.
 */
async function rebuildAllocatedLinesView(db: DuckDbDatabase): Promise<void> {
  const tables = await db.all<{ table_name: string }>(
    `SELECT table_name FROM duckdb_tables()
     WHERE schema_name = 'main' AND NOT temporary AND regexp_matches(table_name, '${PERIOD_TABLE_PATTERN}')
     ORDER BY table_name`,
  );
  const parts = ['allocated_lines_base', ...tables.map((row) => row.table_name)];
  await db.run(
    `CREATE OR REPLACE VIEW allocated_lines AS ${parts.map((table) => `SELECT * FROM ${table}`).join(' UNION ALL BY NAME ')}`,
  );
}
