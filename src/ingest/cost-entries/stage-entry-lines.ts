import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quoteLiteral } from '../../adapters/sql/sql-text.js';
import { ENTRY_LINE_COLUMNS, type EntryLine } from '../../core/cost-entries/build-entry-lines.js';
import type { SqlEngine } from '../../ports/sql-engine.js';

const ENTRY_LINES_TABLE = 'tollgate_entry_lines';

const COLUMN_TYPES: Record<string, string> = {
  source_row: 'BIGINT',
  billed_cost: 'DECIMAL(38,16)',
  effective_cost: 'DECIMAL(38,16)',
  list_cost: 'DECIMAL(38,16)',
  contracted_cost: 'DECIMAL(38,16)',
  billing_period_start: 'TIMESTAMP',
  billing_period_end: 'TIMESTAMP',
  charge_period_start: 'TIMESTAMP',
  charge_period_end: 'TIMESTAMP',
};

/** Columns the cost rollups group by that an entry never fills. */
const EMPTY_COLUMNS = ['sub_account_id', 'region_id', 'pricing_category'];

/**
 * Puts an entry file's lines in the file engine as a table with cost_lines columns, for a cost
 * store to copy (StagedLines). The lines go through a newline-delimited JSON file, which DuckDB
 * reads natively with every value typed as text and then cast exactly (DECIMAL from text).
 */
export async function stageEntryLines(
  engine: SqlEngine,
  lines: readonly EntryLine[],
  loadId: number,
  sourceFile: string,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tollgate-entries-'));
  try {
    const path = join(dir, 'lines.ndjson');
    await writeFile(path, lines.map((line) => JSON.stringify(line)).join('\n'));
    const columns = ENTRY_LINE_COLUMNS.map((name) => `${quoteLiteral(name)}: 'VARCHAR'`).join(', ');
    const select = [
      `CAST(${Number(loadId)} AS BIGINT) AS load_id`,
      `${quoteLiteral(sourceFile)} AS source_file`,
      ...ENTRY_LINE_COLUMNS.map((name) => `CAST(${name} AS ${COLUMN_TYPES[name] ?? 'VARCHAR'}) AS ${name}`),
      ...EMPTY_COLUMNS.map((name) => `CAST(NULL AS VARCHAR) AS ${name}`),
    ];
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE ${ENTRY_LINES_TABLE} AS SELECT ${select.join(', ')}
       FROM read_json(${quoteLiteral(path)}, format = 'newline_delimited', columns = {${columns}})`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return ENTRY_LINES_TABLE;
}

export async function dropEntryLines(engine: SqlEngine): Promise<void> {
  await engine.run(`DROP TABLE IF EXISTS ${ENTRY_LINES_TABLE}`);
}
