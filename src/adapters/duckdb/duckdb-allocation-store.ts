import { ALLOCATION_TABLES, printAllocationSql } from '../../core/allocation/print-allocation-sql.js';
import { printSplitWeightRows, SPLIT_WEIGHT_COLUMNS } from '../../core/allocation/split-weight-rows.js';
import { computeSplitWeights } from '../../core/allocation/split-weights.js';
import {
  type ClassifiedGroup,
  summariseClassifiedGroups,
} from '../../core/allocation/summarise-classified-groups.js';
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
import { periodBounds } from '../sql/sql-columns.js';
import { duckDbAllocationDialect } from './duckdb-allocation-dialect.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { periodTable, replacePeriodTable } from './duckdb-period-allocations.js';

const OWNER_COLUMNS: Record<OwnerDimension, string> = {
  team: 'team',
  service: 'service',
  cost_centre: 'cost_centre',
  business_unit: 'business_unit',
  environment: 'environment',
};

/** First instant of a period and of the next one, as timestamps text. */

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

export class DuckDbAllocationStore implements AllocationRunStore {
  constructor(private readonly db: DuckDbDatabase) {}

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
      loads: string[];
    }>(
      `SELECT billing_currency AS currency, CAST(COALESCE(SUM(billed_cost), 0) AS VARCHAR) AS billed,
         CAST(COALESCE(SUM(effective_cost), 0) AS VARCHAR) AS effective, CAST(count(*) AS VARCHAR) AS n,
         list(DISTINCT CAST(load_id AS VARCHAR)) AS loads
       FROM cost_lines WHERE ${where} GROUP BY 1 ORDER BY 1`,
      bounds,
    );
    return {
      lineCount: totals.reduce((sum, row) => sum + Number(row.n), 0),
      loadIds: [...new Set(totals.flatMap((row) => row.loads.map(Number)))].sort((a, b) => a - b),
      totals: totals.map((row) => ({
        currency: row.currency,
        billedCost: row.billed,
        effectiveCost: row.effective,
      })),
    };
  }

  /**
   * The SQL side of an allocation run (see print-allocation-sql.ts): classify the period's
   * lines, read what the weights need in one grouped scan, weigh the splits in the core (exact
   * decimals), then write all rows in one INSERT. Working tables are temporary and replaced on
   * every run.
   */
  async computeAllocation(input: Parameters<AllocationRunStore['computeAllocation']>[0]) {
    // Working tables are temporary, so per connection: the whole run stays in one transaction.
    return this.db.transaction(() => this.computeInTransaction(input));
  }

  private async computeInTransaction(input: Parameters<AllocationRunStore['computeAllocation']>[0]) {
    const sql = printAllocationSql(input.rules, duckDbAllocationDialect);
    const bounds = periodBounds(input.period);
    for (const statement of sql.createWorkTables) await this.db.run(statement);
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
      '{"rule_index":"INTEGER","rule_id":"VARCHAR","team":"VARCHAR","service":"VARCHAR","cost_centre":"VARCHAR","business_unit":"VARCHAR","environment":"VARCHAR"}',
    );
    await this.insertJson(
      ALLOCATION_TABLES.sharedRules,
      input.rules.shared.map((rule) => ({
        rule_index: rule.index,
        rule_id: rule.id,
        method: rule.method,
        driver: rule.driver,
      })),
      '{"rule_index":"INTEGER","rule_id":"VARCHAR","method":"VARCHAR","driver":"VARCHAR"}',
    );
    // The lines are classified inline (sql.inline), never into a working table of this transaction.
    const lines = { ...sql.params, period_start: bounds.start, period_end: bounds.end };
    // One grouped scan gives the direct totals, the keys to split and the oversized check.
    const groups = await this.db.all<{
      period: string;
      currency: string;
      shared_rule: number | null;
      mapping_rule: number | null;
      effective_cost: string;
      oversized: boolean;
    }>(sql.inline.classifiedGroups, lines);
    const summary = summariseClassifiedGroups(
      input.rules,
      groups.map(
        (group): ClassifiedGroup => ({
          period: group.period,
          currency: group.currency,
          sharedRule: group.shared_rule === null ? null : Number(group.shared_rule),
          mappingRule: group.mapping_rule === null ? null : Number(group.mapping_rule),
          effectiveCost: group.effective_cost,
          oversized: group.oversized === true,
        }),
      ),
    );
    if (summary.oversized) {
      const oversized = await this.db.one<{ source_file: string; source_row: string; billed: string }>(
        sql.inline.oversized,
        lines,
      );
      throw new TollgateError(
        'ALLOC_AMOUNT_TOO_LARGE',
        `${oversized!.source_file} row ${oversized!.source_row} carries ${oversized!.billed}, more than a shared cost split can take (10^10 per line); check the source file.`,
      );
    }
    const { sets, empty } = computeSplitWeights(
      input.rules,
      summary.sharedKeys,
      summary.directTotals,
      input.drivers,
    );
    await this.insertJson(
      ALLOCATION_TABLES.weights,
      printSplitWeightRows(input.rules, sets),
      JSON.stringify(Object.fromEntries(SPLIT_WEIGHT_COLUMNS)),
    );
    if (input.table === 'allocation_preview') await this.resetPreview();
    // Allocated rows have no meaningful order (every reader sorts), so the engine need not keep one.
    await this.db.run('SET preserve_insertion_order = false');
    try {
      // allocated_lines is a view over the period tables: the run writes its period's table.
      const target = input.table === 'allocated_lines' ? periodTable(input.period) : input.table;
      await this.db.run(sql.inline.write(target), { ...lines, run_id: String(input.runId) });
    } finally {
      await this.db.run('RESET preserve_insertion_order');
    }
    return { emptySplits: empty };
  }

  /** Loads small working rows through one bound JSON parameter instead of one INSERT per row. */
  private async insertJson(table: string, rows: Record<string, unknown>[], structure: string) {
    if (rows.length === 0) return;
    await this.db.run(
      `INSERT INTO ${table} SELECT unnest(from_json($rows, '[${structure}]'), recursive := true)`,
      { rows: JSON.stringify(rows) },
    );
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
    await this.db.run(
      'CREATE OR REPLACE TEMP TABLE allocation_preview AS SELECT * FROM allocated_lines LIMIT 0',
    );
  }

  async deletePeriodAllocation(period: string): Promise<void> {
    // The period's table is replaced whole, never deleted row by row (duckdb-period-allocations.ts);
    // its allocated rollups are rebuilt on their next read (duckdb-allocated-rollups.ts).
    await replacePeriodTable(this.db, period);
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
      `SELECT CAST(id AS VARCHAR) AS id, period, strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at, run_by, status,
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
