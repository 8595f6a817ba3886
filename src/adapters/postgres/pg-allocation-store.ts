import {
  ALLOCATED_COLUMNS,
  ALLOCATION_TABLES,
  printAllocationSql,
} from '../../core/allocation/print-allocation-sql.js';
import { printSplitWeightRows, SPLIT_WEIGHT_COLUMNS } from '../../core/allocation/split-weight-rows.js';
import { computeSplitWeights, type DirectTotal } from '../../core/allocation/split-weights.js';
import { TollgateError } from '../../core/errors.js';
import type {
  AllocationRun,
  AllocationRunStore,
  AllocationTable,
  KindTotals,
  OwnerDimension,
  OwnerTotal,
  PeriodInputs,
} from '../../ports/allocation-run-store.js';
import { ALLOCATED_ROLLUPS, allocatedRollupInsert, ROLLUP_DIMENSION_COLUMNS } from '../sql/cost-rollups.js';
import { periodBounds } from '../sql/sql-columns.js';
import { postgresAllocationDialect } from './pg-allocation-dialect.js';
import type { PgDatabase } from './pg-database.js';

const OWNER_COLUMNS: Record<OwnerDimension, string> = {
  team: 'team',
  service: 'service',
  cost_centre: 'cost_centre',
  business_unit: 'business_unit',
  environment: 'environment',
};

/** The stored run's rows before they take their billing account (see writeAllocation). */
const WRITTEN = 'alloc_written';
/** The run's rows next to their cost line's dimensions, for allocated_lines and the rollups. */
const JOINED = 'alloc_joined';

/**
 * Runs one of the compiler's statements; `CREATE OR REPLACE TEMP TABLE` (DuckDB) becomes
 * DROP + CREATE, as PostgreSQL has no OR REPLACE for tables.
 */
async function runReplacingTemp(db: PgDatabase, sql: string, params?: Record<string, string>) {
  const match = /^\s*CREATE OR REPLACE TEMP TABLE (\w+)/i.exec(sql);
  if (!match) {
    await db.run(sql, params);
    return;
  }
  await db.run(`DROP TABLE IF EXISTS ${match[1]}`);
  await db.run(sql.replace(/^\s*CREATE OR REPLACE TEMP TABLE/i, 'CREATE TEMP TABLE'), params);
}

interface RunRow extends Record<string, unknown> {
  id: string;
  period: string;
  started_at: string;
  run_by: string;
  status: 'current' | 'replaced';
  rule_set_version: number;
  catalog_version: number;
  load_ids: string;
  line_count: string;
  totals: string;
  empty_splits: string;
}

function toRun(row: RunRow): AllocationRun {
  return {
    id: Number(row.id),
    period: row.period,
    startedAt: row.started_at,
    runBy: row.run_by,
    status: row.status,
    ruleSetVersion: Number(row.rule_set_version),
    catalogVersion: Number(row.catalog_version),
    loadIds: JSON.parse(row.load_ids) as number[],
    lineCount: Number(row.line_count),
    totals: JSON.parse(row.totals) as AllocationRun['totals'],
    emptySplits: JSON.parse(row.empty_splits) as AllocationRun['emptySplits'],
  };
}

export class PgAllocationStore implements AllocationRunStore {
  constructor(private readonly db: PgDatabase) {}

  async periodInputs(period: string): Promise<PeriodInputs> {
    const bounds = periodBounds(period);
    const where =
      'billing_period_start >= CAST($start AS TIMESTAMP) AND billing_period_start < CAST($end AS TIMESTAMP)';
    // One scan: totals per currency and the loads behind them.
    const totals = await this.db.all<{
      currency: string;
      billed: string;
      effective: string;
      n: string;
      loads: string;
    }>(
      `SELECT billing_currency AS currency, CAST(CAST(COALESCE(SUM(billed_cost), 0) AS NUMERIC(38,16)) AS TEXT) AS billed,
         CAST(CAST(COALESCE(SUM(effective_cost), 0) AS NUMERIC(38,16)) AS TEXT) AS effective, CAST(count(*) AS VARCHAR) AS n,
         CAST(to_jsonb(array_agg(DISTINCT load_id)) AS TEXT) AS loads
       FROM cost_lines WHERE ${where} GROUP BY 1 ORDER BY 1`,
      bounds,
    );
    return {
      lineCount: totals.reduce((sum, row) => sum + Number(row.n), 0),
      loadIds: [...new Set(totals.flatMap((row) => (JSON.parse(row.loads) as number[]).map(Number)))].sort(
        (a, b) => a - b,
      ),
      totals: totals.map((row) => ({
        currency: row.currency,
        billedCost: row.billed,
        effectiveCost: row.effective,
      })),
    };
  }

  /**
   * The SQL side of an allocation run (see print-allocation-sql.ts): classify the period's
   * lines, read direct totals, weigh the splits in the core (exact decimals), then write all
   * rows in one INSERT. Working tables are temporary and replaced on every run.
   */
  async computeAllocation(input: Parameters<AllocationRunStore['computeAllocation']>[0]) {
    // Working tables are temporary, so per connection: the whole run stays in one transaction.
    return this.db.transaction(async () => {
      try {
        return await this.computeInTransaction(input);
      } finally {
        // A pooled connection outlives the run: its working tables must not.
        if (this.db.inTransaction()) {
          for (const table of [...Object.values(ALLOCATION_TABLES), WRITTEN, JOINED]) {
            await this.db.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
          }
        }
      }
    });
  }

  private async computeInTransaction(input: Parameters<AllocationRunStore['computeAllocation']>[0]) {
    const sql = printAllocationSql(input.rules, postgresAllocationDialect);
    // The run sorts and hashes a whole period in memory rather than in small spills to disk,
    // and without JIT: compiling its long CASE expressions and window queries cost far more
    // than it saved (measured: 4 months of the 100k-row demo, 8-16 s without, 190-270 s with).
    await this.db.run(`SET LOCAL work_mem = '128MB'`);
    await this.db.run('SET LOCAL jit = off');
    const bounds = periodBounds(input.period);
    for (const statement of sql.createWorkTables) await runReplacingTemp(this.db, statement);
    await this.insertJson(
      ALLOCATION_TABLES.mappingOwners,
      input.rules.mapping.map((rule) => ({
        rule_index: rule.index,
        rule_id: rule.id,
        team: rule.owner.team,
        service: rule.owner.service,
        cost_centre: rule.owner.costCentre,
        business_unit: rule.owner.businessUnit,
        environment: rule.owner.environment,
      })),
      'rule_index INTEGER, rule_id TEXT, team TEXT, service TEXT, cost_centre TEXT, business_unit TEXT, environment TEXT',
    );
    await this.insertJson(
      ALLOCATION_TABLES.sharedRules,
      input.rules.shared.map((rule) => ({
        rule_index: rule.index,
        rule_id: rule.id,
        method: rule.method,
        driver: rule.driver,
      })),
      'rule_index INTEGER, rule_id TEXT, method TEXT, driver TEXT',
    );
    await runReplacingTemp(this.db, sql.classify, {
      ...sql.params,
      period_start: bounds.start,
      period_end: bounds.end,
    });
    // Temporary tables have no statistics until analysed; the joins below need them.
    await this.db.run(`ANALYZE ${ALLOCATION_TABLES.classified}`);
    const oversized = await this.db.one<{ source_file: string; source_row: string; billed: string }>(
      sql.oversized,
    );
    if (oversized) {
      throw new TollgateError(
        'ALLOC_AMOUNT_TOO_LARGE',
        `${oversized.source_file} row ${oversized.source_row} carries ${oversized.billed}, more than a shared cost split can take (10^10 per line); check the source file.`,
      );
    }
    const direct = await this.db.all<{
      period: string;
      currency: string;
      team: string;
      effective_cost: string;
    }>(sql.directTotals);
    const keys = await this.db.all<{ period: string; currency: string; rule_index: number }>(sql.sharedKeys);
    const { sets, empty } = computeSplitWeights(
      input.rules,
      keys.map((key) => ({ period: key.period, currency: key.currency, ruleIndex: Number(key.rule_index) })),
      direct.map(
        (row): DirectTotal => ({
          period: row.period,
          currency: row.currency,
          team: row.team,
          effectiveCost: row.effective_cost,
        }),
      ),
      input.drivers,
    );
    await this.insertJson(
      ALLOCATION_TABLES.weights,
      printSplitWeightRows(input.rules, sets),
      SPLIT_WEIGHT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', '),
    );
    if (input.table === 'allocation_preview') await this.resetPreview();
    await this.writeAllocation(sql.write.bind(sql), input.table, input.runId, input.period);
    return { emptySplits: empty };
  }

  /**
   * Writes the run's rows. A preview goes straight to its temporary table. The stored result
   * also needs each line's billing account (allocated_lines' distribution column) and the
   * allocated rollup, so it is written to a working table first, then copied next to its cost
   * line's account, and the period's rollup rebuilt from it, all in the run's transaction.
   */
  private async writeAllocation(
    write: (table: string) => string,
    table: AllocationTable,
    runId: number,
    period: string,
  ) {
    // The run id is the same bound value in every branch of the UNION: typed once here.
    const typed = (sql: string) => sql.replaceAll('$run_id', 'CAST($run_id AS BIGINT)');
    if (table === 'allocation_preview') {
      await this.db.run(typed(write(table)), { run_id: String(runId) });
      return;
    }
    await this.db.run(`DROP TABLE IF EXISTS ${WRITTEN}`);
    await this.db.run(`CREATE TEMP TABLE ${WRITTEN} (LIKE allocated_lines)`);
    await this.db.run(typed(write(WRITTEN)), { run_id: String(runId) });
    await this.db.run(`ANALYZE ${WRITTEN}`);
    // One join of the rows to their cost lines feeds both allocated_lines and the rollups.
    const bounds = periodBounds(period);
    await this.db.run(`DROP TABLE IF EXISTS ${JOINED}`);
    await this.db.run(
      `CREATE TEMP TABLE ${JOINED} AS
       SELECT ${ALLOCATED_COLUMNS.map((column) => `w.${column}`).join(', ')}, c.billing_account_id, c.provider_name,
         c.billing_period_start, c.charge_period_start, ${ROLLUP_DIMENSION_COLUMNS.map((column) => `c.${column}`).join(', ')},
         c.billing_currency, c.list_cost, c.contracted_cost
       FROM ${WRITTEN} w JOIN cost_lines c
         ON c.load_id = w.load_id AND c.source_file = w.source_file AND c.source_row = w.source_row
       WHERE c.billing_period_start >= CAST($start AS TIMESTAMP) AND c.billing_period_start < CAST($end AS TIMESTAMP)`,
      bounds,
    );
    await this.db.run(
      `INSERT INTO allocated_lines (${ALLOCATED_COLUMNS.join(', ')}, billing_account_id)
       SELECT ${ALLOCATED_COLUMNS.join(', ')}, billing_account_id FROM ${JOINED}`,
    );
    for (const rollup of ALLOCATED_ROLLUPS) {
      await this.db.run(`DELETE FROM ${rollup} WHERE period = $period`, { period });
    }
    await this.db.run(allocatedRollupInsert(JOINED, 'day'));
    await this.db.run(allocatedRollupInsert(JOINED, 'month'));
  }

  /** Loads small working rows through one bound JSON parameter instead of one INSERT per row. */
  private async insertJson(table: string, rows: Record<string, unknown>[], columns: string) {
    if (rows.length === 0) return;
    await this.db.run(
      `INSERT INTO ${table} SELECT * FROM jsonb_to_recordset(CAST($rows AS JSONB)) AS r(${columns})`,
      { rows: JSON.stringify(rows) },
    );
    // Temporary tables have no statistics until analysed; without them a join looks tiny.
    await this.db.run(`ANALYZE ${table}`);
  }

  async kindTotals(period: string, table: AllocationTable): Promise<KindTotals[]> {
    const rows = await this.db.all<{
      currency: string;
      kind: KindTotals['kind'];
      billed: string;
      effective: string;
    }>(
      `SELECT currency, kind, CAST(SUM(billed_cost) AS VARCHAR) AS billed, CAST(SUM(effective_cost) AS VARCHAR) AS effective
       FROM ${table} WHERE period = $period GROUP BY 1, 2 ORDER BY 1, 2`,
      { period },
    );
    return rows.map((row) => ({
      currency: row.currency,
      kind: row.kind,
      billedCost: row.billed,
      effectiveCost: row.effective,
    }));
  }

  async ownerTotals(
    period: string,
    table: AllocationTable,
    dimension: OwnerDimension,
  ): Promise<OwnerTotal[]> {
    const column = OWNER_COLUMNS[dimension];
    const rows = await this.db.all<{
      owner: string | null;
      currency: string;
      billed: string;
      effective: string;
    }>(
      `SELECT ${column} AS owner, currency, CAST(SUM(billed_cost) AS VARCHAR) AS billed, CAST(SUM(effective_cost) AS VARCHAR) AS effective
       FROM ${table} WHERE period = $period GROUP BY 1, 2 ORDER BY 2, 1`,
      { period },
    );
    return rows.map((row) => ({
      owner: row.owner,
      currency: row.currency,
      billedCost: row.billed,
      effectiveCost: row.effective,
    }));
  }

  async resetPreview(): Promise<void> {
    await this.db.run('CREATE TEMP TABLE IF NOT EXISTS allocation_preview (LIKE allocated_lines)');
    await this.db.run('TRUNCATE allocation_preview');
  }

  async deletePeriodAllocation(period: string): Promise<void> {
    // Two processes allocating one period take turns until the first commits, so exactly one
    // run stays current and its lines are the only ones.
    await this.db.lockArea(`allocation:${period}`);
    await this.db.run('DELETE FROM allocated_lines WHERE period = $period', { period });
    for (const rollup of ALLOCATED_ROLLUPS) {
      await this.db.run(`DELETE FROM ${rollup} WHERE period = $period`, { period });
    }
  }

  async nextRunId(): Promise<number> {
    const row = await this.db.one<{ id: string }>(
      "SELECT CAST(nextval('allocation_run_seq') AS VARCHAR) AS id",
    );
    return Number(row!.id);
  }

  async insertRun(run: AllocationRun): Promise<void> {
    await this.db.run(
      `INSERT INTO allocation_runs VALUES ($id, $period, CAST($started AS TIMESTAMP), $by, $status, $rules, $catalog,
         $loads, $lines, $totals, $empty)`,
      {
        id: run.id,
        period: run.period,
        started: run.startedAt,
        by: run.runBy,
        status: run.status,
        rules: run.ruleSetVersion,
        catalog: run.catalogVersion,
        loads: JSON.stringify(run.loadIds),
        lines: run.lineCount,
        totals: JSON.stringify(run.totals),
        empty: JSON.stringify(run.emptySplits),
      },
    );
  }

  async markRunsReplaced(period: string): Promise<void> {
    await this.db.run(
      "UPDATE allocation_runs SET status = 'replaced' WHERE period = $period AND status = 'current'",
      {
        period,
      },
    );
  }

  async listRuns(period?: string): Promise<AllocationRun[]> {
    const rows = await this.db.all<RunRow>(
      `SELECT CAST(id AS VARCHAR) AS id, period, to_char(started_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started_at, run_by, status,
         rule_set_version, catalog_version, load_ids, CAST(line_count AS VARCHAR) AS line_count, totals, empty_splits
       FROM allocation_runs ${period ? 'WHERE period = $period' : ''} ORDER BY id`,
      period ? { period } : {},
    );
    return rows.map(toRun);
  }

  async currentRun(period: string): Promise<AllocationRun | undefined> {
    const runs = await this.listRuns(period);
    return runs.filter((run) => run.status === 'current').at(-1);
  }
}
