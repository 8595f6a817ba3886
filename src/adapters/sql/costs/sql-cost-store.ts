import type { CostQuery, CostRow } from '../../../core/costs/cost-query.js';
import { Decimal } from '../../../core/money.js';
import type { CostStore, PeriodKey } from '../../../ports/cost-store.js';
import type { SqlParams } from '../../../ports/sql-engine.js';
import type { StagedLines } from '../../../ports/staged-lines.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { CostLinesEngine } from './cost-lines-engine.js';
import { buildCostQuerySql } from './cost-query-sql.js';
import { chooseCostRelation, LOAD_ROLLUPS } from './cost-rollups.js';

const PERIOD_WHERE =
  'load_id = $loadId AND provider_name = $provider AND billing_account_id = $account AND billing_period_start = CAST($period AS TIMESTAMP)';

/**
 * Cost lines with their daily and monthly rollups (and the allocated rollups, which lose a
 * deleted line's shares) kept in step in the same transaction as every load and delete, so a
 * cost query reads the smallest relation that answers it exactly (cost-rollups.ts).
 */
export class SqlCostStore implements CostStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
    private readonly engine: CostLinesEngine,
  ) {}

  importStagedLines(staged: StagedLines): Promise<number> {
    return this.engine.importStagedLines(staged);
  }

  async deleteLoadLines(loadId: number, period?: PeriodKey): Promise<number> {
    const where = period ? PERIOD_WHERE : 'load_id = $loadId';
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
      // Counted in the delete's transaction, so the count is what the delete removes.
      const counted = await this.db.one<{ n: string }>(
        `SELECT CAST(count(*) AS TEXT) AS n FROM cost_lines WHERE ${where}`,
        params,
      );
      await this.db.run(`DELETE FROM cost_lines WHERE ${where}`, params);
      return Number(counted!.n);
    });
  }

  async queryCosts(query: CostQuery): Promise<CostRow[]> {
    const relation = await this.engine.readableRelation(chooseCostRelation(query));
    const built = buildCostQuerySql(query, this.dialect, relation);
    const rows = await this.db.all<Record<string, string | null>>(built.sql, built.params);
    return rows.map((row) => ({
      dimensions: Object.fromEntries(
        query.groupBy.map((dimension, index) => [dimension, row[built.aliases[index]!] ?? null]),
      ),
      currency: row.currency as string,
      // One text form for every relation and engine: DuckDB prints a sum at its column's scale
      // (16 decimals on the lines, fewer on a rollup), PostgreSQL at NUMERIC(38,16).
      cost: new Decimal(row.cost as string).toFixed(),
    }));
  }

  refreshAllocatedRollups(): Promise<void> {
    return this.engine.refreshAllocatedRollups();
  }

  async countLoadLines(loadId: number): Promise<number> {
    const row = await this.db.one<{ n: string }>(
      'SELECT CAST(count(*) AS TEXT) AS n FROM cost_lines WHERE load_id = $loadId',
      { loadId },
    );
    return Number(row!.n);
  }
}
