import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TollgateError } from '../../core/errors.js';
import { Decimal } from '../../core/money.js';
import type { DuckDbDatabase } from '../duckdb/duckdb-database.js';
import { PERIOD_TABLE_PATTERN } from '../duckdb/duckdb-period-allocations.js';
import { copyCsvFile } from '../postgres/pg-copy-file.js';
import type { PgDatabase } from '../postgres/pg-database.js';
import { ensureMonthPartitions } from '../postgres/pg-month-partitions.js';
import {
  ALLOCATED_ROLLUPS,
  allocatedRollupInsert,
  COST_ROLLUP_COLUMNS,
  ROLLUP_DIMENSION_COLUMNS,
  stagedRollupSelect,
} from '../sql/costs/cost-rollups.js';
import { quoteIdentifier, quoteLiteral } from '../sql/sql-text.js';

/** Tables PostgreSQL derives from the copied ones (rebuilt here, never copied). */
const DERIVED: string[] = ['cost_rollup_daily', 'cost_rollup_monthly', ...ALLOCATED_ROLLUPS];
const JOINED = 'copy_allocated_joined';
// allocated_rollup_runs is the embedded engine's own record of which run its allocated
// rollups were built from; PostgreSQL rebuilds them in each run and has no such table.
const NOT_COPIED = new Set(['schema_migrations', 'allocated_rollup_runs', ...DERIVED]);

export interface CopiedTable {
  table: string;
  rows: number;
}

export interface CopySummary {
  tables: CopiedTable[];
  sequences: number;
  /** Exact sums per currency of the cost and allocated lines, equal on both sides. */
  totals: { table: string; currency: string | null; billed: string; effective: string }[];
}

interface Column {
  name: string;
  identity: boolean;
}

async function duckTables(duck: DuckDbDatabase): Promise<Map<string, string[]>> {
  const rows = await duck.all<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'main' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const row of rows)
    tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name]);
  // The embedded engine keeps allocated lines in one table per period (and the rows of runs
  // from before that, in allocated_lines_base) under the allocated_lines view: one table here.
  const allocated = tables.get('allocated_lines_base');
  for (const table of [...tables.keys()]) {
    if (table === 'allocated_lines_base' || new RegExp(PERIOD_TABLE_PATTERN).test(table))
      tables.delete(table);
  }
  if (allocated) tables.set('allocated_lines', allocated);
  return tables;
}

async function pgTables(pg: PgDatabase): Promise<Map<string, Column[]>> {
  const rows = await pg.all<{ table_name: string; column_name: string; is_identity: string }>(
    `SELECT c.table_name, c.column_name, c.is_identity FROM information_schema.columns c
       JOIN pg_class k ON k.relname = c.table_name
       JOIN pg_namespace n ON n.oid = k.relnamespace AND n.nspname = c.table_schema
      WHERE c.table_schema = current_schema() AND k.relkind IN ('r', 'p') AND NOT k.relispartition
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, Column[]>();
  for (const row of rows) {
    const column = { name: row.column_name, identity: row.is_identity === 'YES' };
    tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), column]);
  }
  return tables;
}

/** What the source's query of a table is: its columns the target also has, in the order they were written. */
function sourceSelect(table: string, columns: string[]): string {
  const list = columns.map((column) => `t.${quoteIdentifier(column)}`).join(', ');
  if (table === 'allocated_lines') {
    // PostgreSQL keeps each allocated line's billing account (its distribution key) beside it.
    // A view over the period tables: no row ids, so in period and line order.
    return `SELECT ${list}, c.billing_account_id FROM allocated_lines t
      LEFT JOIN cost_lines c ON c.load_id = t.load_id AND c.source_file = t.source_file AND c.source_row = t.source_row
      ORDER BY t.period, t.load_id, t.source_file, t.source_row, t.kind, t.team`;
  }
  return `SELECT ${list} FROM ${quoteIdentifier(table)} t ORDER BY t.rowid`;
}

async function lineTotals(
  engine: { all<T extends Record<string, unknown>>(sql: string): Promise<T[]> },
  table: string,
  currency: string,
) {
  const rows = await engine.all<{ currency: string | null; billed: string | null; effective: string | null }>(
    `SELECT ${currency} AS currency, CAST(SUM(billed_cost) AS VARCHAR) AS billed, CAST(SUM(effective_cost) AS VARCHAR) AS effective
       FROM ${table} GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((row) => ({
    table,
    currency: row.currency,
    billed: new Decimal(row.billed ?? '0').toString(),
    effective: new Decimal(row.effective ?? '0').toString(),
  }));
}

/** Tables of the target that hold rows (a copy goes into an empty database unless told). */
export async function listNonEmptyTables(pg: PgDatabase): Promise<string[]> {
  const tables = [...(await pgTables(pg)).keys()].filter((table) => table !== 'schema_migrations');
  const full: string[] = [];
  for (const table of tables) {
    const row = await pg.one<{ present: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${quoteIdentifier(table)}) AS present`,
    );
    if (row?.present) full.push(table);
  }
  return full;
}

/**
 * Copies every table of an embedded DuckDB file into a migrated PostgreSQL database, in one
 * PostgreSQL transaction (all of it or nothing).
 * 1. Refuse a target that holds data, unless `replace` (then it is emptied in the same
 *    transaction); refuse a target whose schema lacks a table of the source.
 * 2. Create the monthly partitions of cost_lines the source's billing months need.
 * 3. Per table: DuckDB writes the columns both sides have to a CSV file (in insertion order, so
 *    identity columns number rows as they came), PostgreSQL COPYs it in. Allocated lines get
 *    their billing account (PostgreSQL's distribution key) from their cost line.
 * 4. Rebuild the rollups PostgreSQL keeps beside the facts; set each sequence to where the
 *    source's stood.
 * 5. Check before committing: every table's row count and the exact cost and allocated sums
 *    per currency equal the source's; any difference rolls everything back.
 */
export async function copyDuckDbToPostgres(
  duck: DuckDbDatabase,
  pg: PgDatabase,
  options: { replace: boolean; onTable?(table: CopiedTable): void },
): Promise<CopySummary> {
  const source = await duckTables(duck);
  const target = await pgTables(pg);
  const tables = [...source.keys()].filter((table) => !NOT_COPIED.has(table));
  const absent = tables.filter((table) => !target.has(table));
  if (absent.length > 0) {
    throw new TollgateError(
      'COPY_SCHEMA_MISMATCH',
      `The PostgreSQL database has no table ${absent.join(', ')}; run the same Tollgate version on both (tollgate migrate --db <url>).`,
      'conflict',
    );
  }
  const occupied = await listNonEmptyTables(pg);
  if (occupied.length > 0 && !options.replace) {
    throw new TollgateError(
      'COPY_TARGET_NOT_EMPTY',
      `The PostgreSQL database already holds data (${occupied.slice(0, 5).join(', ')}${occupied.length > 5 ? ', ...' : ''}); nothing was copied. Copy into an empty database, or pass --replace to delete what it holds first (in the same transaction).`,
      'conflict',
      { tables: occupied },
    );
  }
  const work = await mkdtemp(join(tmpdir(), 'tollgate-copy-'));
  try {
    return await pg.transaction(async () => {
      if (options.replace && occupied.length > 0) {
        const all = [...target.keys()].filter((table) => table !== 'schema_migrations');
        await pg.run(`TRUNCATE ${all.map(quoteIdentifier).join(', ')} RESTART IDENTITY`);
      }
      const months = await duck.all<{ month: string }>(
        "SELECT DISTINCT strftime(billing_period_start, '%Y-%m-01') AS month FROM cost_lines WHERE billing_period_start IS NOT NULL",
      );
      await ensureMonthPartitions(
        pg,
        months.map((row) => row.month),
      );
      const copied: CopiedTable[] = [];
      for (const [index, table] of tables.entries()) {
        const targetColumns = target.get(table)!;
        const shared = source
          .get(table)!
          .filter((column) => targetColumns.some((other) => other.name === column && !other.identity));
        const columns = table === 'allocated_lines' ? [...shared, 'billing_account_id'] : shared;
        const file = join(work, `${index}.csv`);
        await duck.run(
          `COPY (${sourceSelect(table, shared)}) TO ${quoteLiteral(file)} (FORMAT csv, HEADER false)`,
        );
        const rows = await pg.withClient((client) =>
          copyCsvFile(client, quoteIdentifier(table), columns, file),
        );
        await rm(file, { force: true });
        copied.push({ table, rows });
        options.onTable?.({ table, rows });
      }
      await rebuildRollups(duck, pg, work);
      const sequences = await copySequences(duck, pg);
      await checkCopy(duck, pg, copied);
      return {
        tables: copied,
        sequences,
        totals: [
          ...(await lineTotals(pg, 'cost_lines', 'billing_currency')),
          ...(await lineTotals(pg, 'allocated_lines', 'currency')),
        ],
      };
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function rebuildRollups(duck: DuckDbDatabase, pg: PgDatabase, work: string): Promise<void> {
  for (const [table, grain] of [
    ['cost_rollup_daily', 'day'],
    ['cost_rollup_monthly', 'month'],
  ] as const) {
    const file = join(work, `${table}.csv`);
    await duck.run(
      `COPY (${stagedRollupSelect('cost_lines', grain)}) TO ${quoteLiteral(file)} (FORMAT csv, HEADER false)`,
    );
    await pg.withClient((client) => copyCsvFile(client, table, COST_ROLLUP_COLUMNS, file));
  }
  // The allocated rollups from the allocated lines next to their cost lines' dimensions, as an
  // allocation run builds them.
  await pg.run(`DROP TABLE IF EXISTS ${JOINED}`);
  await pg.run(
    `CREATE TEMP TABLE ${JOINED} ON COMMIT DROP AS
     SELECT a.period, a.load_id, a.team, a.service, a.cost_centre, a.business_unit, a.environment,
       a.billed_cost, a.effective_cost, c.billing_account_id, c.provider_name, c.billing_period_start,
       c.charge_period_start, ${ROLLUP_DIMENSION_COLUMNS.map((column) => `c.${column}`).join(', ')},
       c.billing_currency, c.list_cost, c.contracted_cost
     FROM allocated_lines a JOIN cost_lines c
       ON c.load_id = a.load_id AND c.source_file = a.source_file AND c.source_row = a.source_row`,
  );
  await pg.run(allocatedRollupInsert(JOINED, 'day'));
  await pg.run(allocatedRollupInsert(JOINED, 'month'));
}

/** Each sequence continues where the source's stood, so new ids never collide with copied ones. */
async function copySequences(duck: DuckDbDatabase, pg: PgDatabase): Promise<number> {
  const sequences = await duck.all<{ name: string; last: string | number | null }>(
    "SELECT sequence_name AS name, CAST(last_value AS VARCHAR) AS last FROM duckdb_sequences() WHERE schema_name = 'main'",
  );
  const present = new Set(
    (
      await pg.all<{ name: string }>(
        'SELECT sequencename AS name FROM pg_sequences WHERE schemaname = current_schema()',
      )
    ).map((row) => row.name),
  );
  let set = 0;
  for (const sequence of sequences) {
    if (sequence.last === null || !present.has(sequence.name)) continue;
    await pg.run('SELECT setval(CAST($name AS regclass), CAST($last AS BIGINT))', {
      name: sequence.name,
      last: String(sequence.last),
    });
    set += 1;
  }
  return set;
}

async function checkCopy(duck: DuckDbDatabase, pg: PgDatabase, copied: CopiedTable[]): Promise<void> {
  for (const { table, rows } of copied) {
    const [source] = await duck.all<{ n: string }>(
      `SELECT CAST(count(*) AS VARCHAR) AS n FROM ${quoteIdentifier(table)}`,
    );
    const [target] = await pg.all<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdentifier(table)}`);
    if (Number(source?.n) !== rows || Number(target?.n) !== rows) {
      throw new TollgateError(
        'COPY_CHECK_FAILED',
        `Table ${table}: the source holds ${source?.n} rows, PostgreSQL took ${rows} and now holds ${target?.n}; nothing was kept. Report this with both versions.`,
        'internal',
      );
    }
  }
  // The facts against the source; each rebuilt rollup against the facts it sums.
  const checks: [string, string, string, string, 'source' | 'target'][] = [
    ['cost_lines', 'billing_currency', 'cost_lines', 'billing_currency', 'source'],
    ['allocated_lines', 'currency', 'allocated_lines', 'currency', 'source'],
    ['cost_lines', 'billing_currency', 'cost_rollup_daily', 'billing_currency', 'target'],
    ['cost_lines', 'billing_currency', 'cost_rollup_monthly', 'billing_currency', 'target'],
    ...ALLOCATED_ROLLUPS.map(
      (rollup) =>
        ['allocated_lines', 'currency', rollup, 'billing_currency', 'target'] as [
          string,
          string,
          string,
          string,
          'target',
        ],
    ),
  ];
  for (const [table, currency, copy, copyCurrency, side] of checks) {
    const strip = (totals: Awaited<ReturnType<typeof lineTotals>>) =>
      JSON.stringify(totals.map(({ table: _table, ...rest }) => rest));
    const expected = strip(await lineTotals(side === 'source' ? duck : pg, table, currency));
    const actual = strip(await lineTotals(pg, copy, copyCurrency));
    if (expected !== actual) {
      throw new TollgateError(
        'COPY_CHECK_FAILED',
        `The sums of ${copy} differ from those of ${side === 'source' ? 'the source' : table} (${expected} <> ${actual}); nothing was kept.`,
        'internal',
      );
    }
  }
}
