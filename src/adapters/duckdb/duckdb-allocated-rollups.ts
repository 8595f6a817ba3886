import {
  ALLOCATED_ROLLUPS,
  allocatedMonthlyFromDailyInsert,
  allocatedRollupInsert,
  ROLLUP_DIMENSION_COLUMNS,
} from '../sql/costs/cost-rollups.js';
import { periodBounds } from '../sql/sql-columns.js';
import type { DuckDbDatabase } from './duckdb-database.js';

/**
 * The period's allocated rows next to their cost line's dimensions, as allocatedRollupInsert
 * reads them; amounts as the allocated_cost_lines view gives them (the shares' billed and
 * effective cost, the cost line's list and contracted cost). The period's cost lines are
 * found by their billing period, which lets DuckDB skip the other months' row groups.
 */
const PERIOD_ROWS_JOINED = `(
  SELECT a.period, a.load_id, c.billing_account_id, c.provider_name, c.billing_period_start, c.charge_period_start,
    ${ROLLUP_DIMENSION_COLUMNS.map((column) => `c.${column}`).join(', ')}, c.billing_currency, a.team, a.service,
    a.cost_centre, a.business_unit, a.environment, a.billed_cost, a.effective_cost, c.list_cost, c.contracted_cost
  FROM allocated_lines a
  JOIN cost_lines c ON c.load_id = a.load_id AND c.source_file = a.source_file AND c.source_row = a.source_row
  WHERE a.period = $period
    AND c.billing_period_start >= CAST($start AS TIMESTAMP) AND c.billing_period_start < CAST($end AS TIMESTAMP)
) joined`;

/** Periods whose allocated rollups are not those of their current run (or have no run left). */
const STALE_PERIODS = `SELECT r.period, CAST(r.id AS VARCHAR) AS run_id
FROM allocation_runs r LEFT JOIN allocated_rollup_runs b ON b.period = r.period
WHERE r.status = 'current' AND (b.run_id IS NULL OR b.run_id <> r.id)
UNION ALL
SELECT b.period, NULL FROM allocated_rollup_runs b
WHERE NOT EXISTS (SELECT 1 FROM allocation_runs r WHERE r.period = b.period AND r.status = 'current')`;

/**
 * The embedded engine's allocated rollups, built on first read after an allocation run
 * rather than inside it (server mode rebuilds them in the run's transaction). Method:
 * 1. allocated_rollup_runs records which run each period's rollup rows were built from.
 * 2. Before a cost query reads an allocated rollup, the periods whose current run differs
 *    (re-allocated, first allocated, or no longer allocated) are rebuilt from the committed
 *    allocated lines, all in one write transaction that reads the runs again, so a rollup
 *    never mixes two runs; concurrent readers wait for the same rebuild.
 * 3. A query never reads rollup rows of another run than the one its lines belong to: a run
 *    committing between the check and the read leaves the reader with the previous run's
 *    consistent figures, as if it had read just before.
 * Why not in the run: an allocation's rows are written once and the dashboard reads them
 * many times, but the run itself is what users wait for (and the rollup costs as much again
 * as the split when built from rows the run's own transaction holds).
 */
export class DuckDbAllocatedRollups {
  private rebuilding?: Promise<void>;

  constructor(private readonly db: DuckDbDatabase) {}

  /** Makes every period's allocated rollup that of its current run. */
  async refresh(): Promise<void> {
    while (this.rebuilding) await this.rebuilding;
    const stale = await this.db.all<{ period: string }>(STALE_PERIODS);
    if (stale.length === 0) return;
    this.rebuilding = this.rebuild().finally(() => {
      this.rebuilding = undefined;
    });
    await this.rebuilding;
  }

  private async rebuild(): Promise<void> {
    await this.db.transaction(async () => {
      const stale = await this.db.all<{ period: string; run_id: string | null }>(STALE_PERIODS);
      for (const { period, run_id: runId } of stale) {
        for (const rollup of ALLOCATED_ROLLUPS) {
          await this.db.run(`DELETE FROM ${rollup} WHERE period = $period`, { period });
        }
        await this.db.run('DELETE FROM allocated_rollup_runs WHERE period = $period', { period });
        if (runId === null) continue;
        await this.db.run(allocatedRollupInsert(PERIOD_ROWS_JOINED, 'day'), {
          period,
          ...periodBounds(period),
        });
        await this.db.run(allocatedMonthlyFromDailyInsert(), { period });
        await this.db.run('INSERT INTO allocated_rollup_runs VALUES ($period, CAST($runId AS BIGINT))', {
          period,
          runId,
        });
      }
    });
  }
}
