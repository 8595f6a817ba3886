import type { CostQuery, CostRow } from '../../core/costs/cost-query.js';
import type { CostStore, PeriodKey } from '../../ports/cost-store.js';
import type { SqlParams } from '../../ports/sql-engine.js';
import type { StagedLines } from '../../ports/staged-lines.js';
import { buildCostQuerySql } from '../sql/cost-query-sql.js';
import {
  COST_ROLLUP_COLUMNS,
  chooseCostRelation,
  LOAD_ROLLUPS,
  stagedRollupSelect,
} from '../sql/cost-rollups.js';
import { DuckDbAllocatedRollups } from './duckdb-allocated-rollups.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { duckDbDialect } from './duckdb-dialect.js';

/**
 * Cost lines in the embedded file, with their daily and monthly rollups (and the allocated
 * rollups, which lose a deleted line's shares) kept in step in the same transaction as every
 * load and delete, so cost queries read the smallest relation that answers them exactly. The
 * allocated rollups are brought to each period's current run before they are read.
 */
export class DuckDbCostStore implements CostStore {
  private readonly allocatedRollups: DuckDbAllocatedRollups;

  constructor(private readonly db: DuckDbDatabase) {
    this.allocatedRollups = new DuckDbAllocatedRollups(db);
  }

  async importStagedLines(staged: StagedLines): Promise<number> {
    if (staged.engine !== this.db) {
      throw new Error('DuckDbCostStore imports only lines staged in its own database');
    }
    // The relation name is Tollgate's own (a temp view it created), never user input.
    return this.db.transaction(async () => {
      const [inserted] = await this.db.all<{ Count: string }>(
        `INSERT INTO cost_lines BY NAME SELECT * FROM ${staged.relation}`,
      );
      // Each file's lines get rollup rows of their own (a load of several files may repeat a
      // key): readers sum the rollups' sums, which equal the lines' sums whatever the split.
      for (const [table, grain] of [
        ['cost_rollup_daily', 'day'],
        ['cost_rollup_monthly', 'month'],
      ] as const) {
        await this.db.run(
          `INSERT INTO ${table} (${COST_ROLLUP_COLUMNS.join(', ')}) ${stagedRollupSelect(staged.relation, grain)}`,
        );
      }
      return Number(inserted!.Count);
    });
  }

  async deleteLoadLines(loadId: number, period?: PeriodKey): Promise<number> {
    const where = period
      ? 'load_id = $loadId AND provider_name = $provider AND billing_account_id = $account AND billing_period_start = CAST($period AS TIMESTAMP)'
      : 'load_id = $loadId';
    const params: SqlParams = period
      ? {
          loadId,
          provider: period.providerName,
          account: period.billingAccountId,
          period: period.billingPeriodStart,
        }
      : { loadId };
    return this.db.transaction(async () => {
      // The rollups lose exactly what the lines lose: the load's rows (of the period), and the
      // allocated shares of those lines, which the allocated_cost_lines view no longer joins.
      for (const rollup of LOAD_ROLLUPS) {
        await this.db.run(`DELETE FROM ${rollup} WHERE ${where}`, params);
      }
      const [deleted] = await this.db.all<{ Count: string }>(`DELETE FROM cost_lines WHERE ${where}`, params);
      return Number(deleted!.Count);
    });
  }

  async queryCosts(query: CostQuery): Promise<CostRow[]> {
    let relation = chooseCostRelation(query);
    if (relation.startsWith('allocated_rollup_')) {
      // A write transaction may hold an allocation its rollups do not have yet (and would wait
      // on a rebuild queued behind itself): it reads the lines.
      if (this.db.inTransaction()) relation = 'allocated_cost_lines';
      else await this.allocatedRollups.refresh();
    }
    const built = buildCostQuerySql(query, duckDbDialect, relation);
    const rows = await this.db.all<Record<string, string | null>>(built.sql, built.params);
    return rows.map((row) => ({
      dimensions: Object.fromEntries(
        query.groupBy.map((dimension, index) => [dimension, row[built.aliases[index]!] ?? null]),
      ),
      currency: row.currency as string,
      cost: row.cost as string,
    }));
  }

  async refreshAllocatedRollups(): Promise<void> {
    await this.allocatedRollups.refresh();
  }

  async countLoadLines(loadId: number): Promise<number> {
    const row = await this.db.one<{ n: string }>(
      'SELECT count(*)::VARCHAR AS n FROM cost_lines WHERE load_id = $loadId',
      {
        loadId,
      },
    );
    return Number(row!.n);
  }
}
