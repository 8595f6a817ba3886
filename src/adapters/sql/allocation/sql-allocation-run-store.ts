import { ALLOCATION_TABLES, printAllocationSql } from '../../../core/allocation/print-allocation-sql.js';
import { printSplitWeightRows, SPLIT_WEIGHT_COLUMNS } from '../../../core/allocation/split-weight-rows.js';
import { computeSplitWeights } from '../../../core/allocation/split-weights.js';
import { TollgateError } from '../../../core/errors.js';
import {
  type AllocationRun,
  type AllocationRunStore,
  type AllocationTable,
  type KindTotals,
  OWNER_SOURCES,
  type OwnerDimension,
  type OwnerSource,
  type OwnerSourceTotal,
  type OwnerSourceTotals,
  type OwnerTotal,
  type PeriodInputs,
} from '../../../ports/allocation-run-store.js';
import { periodBounds } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { AllocationEngine } from './allocation-engine.js';
import { replaceTempTable } from './replace-temp-table.js';

const OWNER_COLUMNS: Record<OwnerDimension, string> = {
  team: 'team',
  service: 'service',
  cost_centre: 'cost_centre',
  business_unit: 'business_unit',
  environment: 'environment',
};

/** Text order by code unit, absent last: the same on every engine, whatever its collation. */
function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const MAPPING_OWNER_COLUMNS = [
  ['rule_index', 'INTEGER'],
  ['rule_id', 'TEXT'],
  ['team', 'TEXT'],
  ['service', 'TEXT'],
  ['cost_centre', 'TEXT'],
  ['business_unit', 'TEXT'],
  ['environment', 'TEXT'],
] as const;

const SHARED_RULE_COLUMNS = [
  ['rule_index', 'INTEGER'],
  ['rule_id', 'TEXT'],
  ['method', 'TEXT'],
  ['driver', 'TEXT'],
] as const;

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
  owner_sources: string | null;
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
    ownerSources: row.owner_sources === null ? null : (JSON.parse(row.owner_sources) as OwnerSourceTotals[]),
  };
}

/**
 * Both metrics' sums per owner (in `dimension`) and currency, and per each column of `by` as
 * well, of a period's rows in `table`: the owner totals, and (by kind and rule) their sources.
 * A function, not a method: the API's store cache lets only listed methods through.
 * Takes $period.
 */
function ownerTotalsSql(
  dialect: SqlDialect,
  table: AllocationTable,
  dimension: OwnerDimension,
  by: readonly string[],
): string {
  const columns = [`${OWNER_COLUMNS[dimension]} AS owner`, 'currency', ...by];
  return `SELECT ${columns.join(', ')}, ${dialect.moneyText('SUM(billed_cost)')} AS billed,
       ${dialect.moneyText('SUM(effective_cost)')} AS effective
     FROM ${table} WHERE period = $period GROUP BY ${columns.map((_, index) => index + 1).join(', ')}`;
}

type ComputeInput = Parameters<AllocationRunStore['computeAllocation']>[0];

/** Allocation runs and their allocated lines; how a run classifies and writes is the engine's. */
export class SqlAllocationRunStore implements AllocationRunStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
    private readonly engine: AllocationEngine,
  ) {}

  async periodInputs(period: string): Promise<PeriodInputs> {
    // One scan: totals per currency and the loads behind them.
    const totals = await this.db.all<{
      currency: string;
      billed: string;
      effective: string;
      n: string;
      loads: string;
    }>(
      `SELECT billing_currency AS currency, ${this.dialect.moneyText('COALESCE(SUM(billed_cost), 0)')} AS billed,
         ${this.dialect.moneyText('COALESCE(SUM(effective_cost), 0)')} AS effective, CAST(count(*) AS TEXT) AS n,
         string_agg(DISTINCT CAST(load_id AS TEXT), ',') AS loads
       FROM cost_lines
       WHERE billing_period_start >= CAST($start AS TIMESTAMP) AND billing_period_start < CAST($end AS TIMESTAMP)
       GROUP BY 1 ORDER BY 1`,
      periodBounds(period),
    );
    return {
      lineCount: totals.reduce((sum, row) => sum + Number(row.n), 0),
      loadIds: [...new Set(totals.flatMap((row) => row.loads.split(',').map(Number)))].sort((a, b) => a - b),
      totals: totals.map((row) => ({
        currency: row.currency,
        billedCost: row.billed,
        effectiveCost: row.effective,
      })),
    };
  }

  /**
   * The SQL side of an allocation run (see print-allocation-sql.ts):
   * 1. Load the rules' owners and shared rules into working tables.
   * 2. The engine classifies the period's lines: direct totals and the keys to split.
   * 3. Weigh the splits in the core (exact decimals) and load the weights.
   * 4. The engine writes all rows. Working tables are temporary, so per connection: the whole
   *    run is one transaction, and they are dropped before its connection goes back to a pool.
   */
  async computeAllocation(input: ComputeInput) {
    return this.db.transaction(async () => {
      try {
        return await this.computeInTransaction(input);
      } finally {
        for (const table of Object.values(ALLOCATION_TABLES)) {
          await this.db.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
        }
      }
    });
  }

  private async computeInTransaction(input: ComputeInput) {
    await this.engine.prepareRun();
    const sql = printAllocationSql(input.rules, this.engine.sqlDialect);
    for (const statement of sql.createWorkTables) await replaceTempTable(this.db, statement);
    await this.insertRows(
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
      MAPPING_OWNER_COLUMNS,
    );
    await this.insertRows(
      ALLOCATION_TABLES.sharedRules,
      input.rules.shared.map((rule) => ({
        rule_index: rule.index,
        rule_id: rule.id,
        method: rule.method,
        driver: rule.driver,
      })),
      SHARED_RULE_COLUMNS,
    );
    const bounds = periodBounds(input.period);
    const lines = { ...sql.params, period_start: bounds.start, period_end: bounds.end };
    const classified = await this.engine.classify(sql, input.rules, lines);
    if (classified.oversized) {
      const { source_file: file, source_row: row, billed } = classified.oversized;
      throw new TollgateError(
        'ALLOC_AMOUNT_TOO_LARGE',
        `${file} row ${row} carries ${billed}, more than a shared cost split can take (10^10 per line); check the source file.`,
      );
    }
    const { sets, empty } = computeSplitWeights(
      input.rules,
      classified.sharedKeys,
      classified.directTotals,
      input.drivers,
    );
    await this.insertRows(
      ALLOCATION_TABLES.weights,
      printSplitWeightRows(input.rules, sets),
      SPLIT_WEIGHT_COLUMNS,
    );
    if (input.table === 'allocation_preview') await this.resetPreview();
    await this.engine.write(sql, input, lines);
    return { emptySplits: empty };
  }

  /** Loads small working rows through one bound JSON parameter instead of one INSERT per row. */
  private async insertRows(
    table: string,
    rows: Record<string, unknown>[],
    columns: readonly (readonly [string, string])[],
  ) {
    if (rows.length === 0) return;
    await this.db.run(`INSERT INTO ${table} SELECT * FROM ${this.dialect.jsonRows('rows', columns)}`, {
      rows: JSON.stringify(rows),
    });
    await this.engine.analyse(table);
  }

  async kindTotals(period: string, table: AllocationTable): Promise<KindTotals[]> {
    const rows = await this.db.all<{
      currency: string;
      kind: KindTotals['kind'];
      billed: string;
      effective: string;
    }>(
      `SELECT currency, kind, ${this.dialect.moneyText('SUM(billed_cost)')} AS billed,
         ${this.dialect.moneyText('SUM(effective_cost)')} AS effective
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
    const rows = await this.db.all<{
      owner: string | null;
      currency: string;
      billed: string;
      effective: string;
    }>(`${ownerTotalsSql(this.dialect, table, dimension, [])} ORDER BY 2, 1`, { period });
    return rows.map((row) => ({
      owner: row.owner,
      currency: row.currency,
      billedCost: row.billed,
      effectiveCost: row.effective,
    }));
  }

  async ownerSourceTotals(
    period: string,
    table: AllocationTable,
    dimension: OwnerDimension,
  ): Promise<OwnerSourceTotal[]> {
    const rows = await this.db.all<{
      owner: string | null;
      currency: string;
      kind: KindTotals['kind'];
      rule_id: string | null;
      billed: string;
      effective: string;
    }>(ownerTotalsSql(this.dialect, table, dimension, ['kind', 'rule_id']), { period });
    const source: Record<KindTotals['kind'], OwnerSource> = {
      shared: 'rule',
      direct: 'mapping',
      unallocated: 'unallocated',
    };
    // Ordered here by code unit (absent last), the same on every engine whatever its collation.
    return rows
      .map((row) => ({
        owner: row.owner,
        currency: row.currency,
        source: source[row.kind],
        ruleId: row.rule_id,
        billedCost: row.billed,
        effectiveCost: row.effective,
      }))
      .sort(
        (a, b) =>
          compareText(a.currency, b.currency) ||
          compareText(a.owner, b.owner) ||
          OWNER_SOURCES.indexOf(a.source) - OWNER_SOURCES.indexOf(b.source) ||
          compareText(a.ruleId, b.ruleId),
      );
  }

  async resetPreview(): Promise<void> {
    await this.engine.resetPreview();
  }

  async deletePeriodAllocation(period: string): Promise<void> {
    await this.engine.clearPeriod(period);
  }

  async nextRunId(): Promise<number> {
    const row = await this.db.one<{ id: string }>("SELECT CAST(nextval('allocation_run_seq') AS TEXT) AS id");
    return Number(row!.id);
  }

  async insertRun(run: AllocationRun): Promise<void> {
    await this.db.run(
      `INSERT INTO allocation_runs (id, period, started_at, run_by, status, rule_set_version, catalog_version,
         load_ids, line_count, totals, empty_splits, owner_sources)
       VALUES ($id, $period, CAST($started AS TIMESTAMP), $by, $status, $rules, $catalog,
         $loads, $lines, $totals, $empty, $sources)`,
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
        sources: run.ownerSources === null ? null : JSON.stringify(run.ownerSources),
      },
    );
  }

  async markRunsReplaced(period: string): Promise<void> {
    await this.db.run(
      "UPDATE allocation_runs SET status = 'replaced' WHERE period = $period AND status = 'current'",
      { period },
    );
  }

  async listRuns(period?: string): Promise<AllocationRun[]> {
    // Ordered by the numeric column: the selected id is text, and run 10 must not come before run 9.
    const rows = await this.db.all<RunRow>(
      `SELECT CAST(id AS TEXT) AS id, period, ${this.dialect.isoSecondColumn('started_at')}, run_by, status,
         rule_set_version, catalog_version, load_ids, CAST(line_count AS TEXT) AS line_count, totals, empty_splits,
         owner_sources
       FROM allocation_runs ${period ? 'WHERE period = $period' : ''} ORDER BY allocation_runs.id`,
      period ? { period } : {},
    );
    return rows.map(toRun);
  }

  async currentRun(period: string): Promise<AllocationRun | undefined> {
    const runs = await this.listRuns(period);
    return runs.filter((run) => run.status === 'current').at(-1);
  }
}
